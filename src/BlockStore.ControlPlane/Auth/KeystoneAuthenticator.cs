using System.Collections.Concurrent;
using BlockStore.ControlPlane.Http;
using BlockStore.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BlockStore.ControlPlane.Auth;

/// <summary>
/// Keystone tokens, as keystonemiddleware checks them in front of Cinder: the caller's <c>X-Auth-Token</c> is validated
/// with BlockStore's own service token, and its roles map onto Cinder's default policy (<c>admin</c> acts in any
/// project, <c>member</c> in its own, a <c>reader</c>-only token only looks). A token scoped to another project than
/// the URL's is a 404, as another project's resource is. Validations are cached for <see cref="AuthOptions.CacheFor"/>,
/// never past the token's expiry. Agents keep their BlockStore agent tokens: Keystone knows nothing of agents.
/// </summary>
public sealed class KeystoneAuthenticator(KeystoneClient keystone, TokenAuthenticator agentTokens, TimeProvider time, IOptions<AuthOptions> options)
    : IAuthenticator
{
    // Renewed this long before Keystone's expiry, so a token never expires between the check and its use.
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (KeystoneIdentity? Identity, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<KeystoneIdentity?>>> _inflight = new(StringComparer.Ordinal);
    private readonly Lock _serviceTokenLock = new();
    private Task<(string Token, DateTimeOffset ExpiresAt)>? _serviceToken;

    public async Task<RequestContext> AuthenticateAsync(HttpContext http, string? projectId, string requestId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var identity = await ValidateAsync(http.Request.Headers["X-Auth-Token"].ToString(), http.RequestAborted);
        var role = RoleOf(identity.Roles);

        // A project-less URL acts in the token's project; a domain- or system-scoped token has none to offer.
        projectId ??= identity.ProjectId ?? throw ProjectlessUrls.NoProject("the token is not scoped to a project");
        if (role != Roles.Admin && identity.ProjectId != projectId)
        {
            throw new NotFoundException("The resource could not be found.");
        }

        return new RequestContext
        {
            ProjectId = projectId,
            UserId = identity.UserId,
            Role = role,
            RequestId = requestId,
            BaseUrl = $"{http.Request.Scheme}://{http.Request.Host}",
            CancellationToken = http.RequestAborted,
        };
    }

    public Task<string?> AuthenticateAgentAsync(HttpContext http) => agentTokens.AuthenticateAgentAsync(http);

    /// <summary>
    /// Cinder's default roles, strongest first (Keystone expands implied roles, so a member's token also lists reader).
    /// A project role that is none of them (<c>_member_</c>, a custom one) is a member, as Cinder's legacy
    /// <c>admin_or_owner</c> rule lets any user of the project act.
    /// </summary>
    public static string RoleOf(IReadOnlyList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        foreach (var role in new[] { Roles.Admin, Roles.Member, Roles.Reader })
        {
            if (roles.Contains(role, StringComparer.OrdinalIgnoreCase))
            {
                return role;
            }
        }

        return Roles.Member;
    }

    private async Task<KeystoneIdentity> ValidateAsync(string presented, CancellationToken cancellationToken)
    {
        if (presented.Length == 0)
        {
            throw Unauthorized();
        }

        KeystoneIdentity? identity;
        if (_cache.TryGetValue(presented, out var cached) && cached.Until > time.GetUtcNow())
        {
            identity = cached.Identity;
        }
        else
        {
            // One validation per token in flight, shared, and not cancelled with the caller that started it: on a slow
            // Keystone a client that gives up and retries joins the answer instead of starting (and abandoning) another.
            var pending = _inflight.GetOrAdd(presented, token => new Lazy<Task<KeystoneIdentity?>>(() => ValidateAndCacheAsync(token)));
            identity = await pending.Value.WaitAsync(cancellationToken);
        }

        return identity is { } valid && valid.ExpiresAt > time.GetUtcNow() ? valid : throw Unauthorized();
    }

    private async Task<KeystoneIdentity?> ValidateAndCacheAsync(string token)
    {
        try
        {
            var identity = await AskKeystoneAsync(token, CancellationToken.None);
            var until = time.GetUtcNow() + options.Value.CacheFor;
            _cache[token] = (identity, identity is not null && identity.ExpiresAt < until ? identity.ExpiresAt : until);
            if (_cache.Count > 10_000)
            {
                // Bounded: a flood of made-up tokens must not grow memory without end.
                _cache.Clear();
            }

            return identity;
        }
        finally
        {
            _inflight.TryRemove(token, out _);
        }
    }

    private async Task<KeystoneIdentity?> AskKeystoneAsync(string subjectToken, CancellationToken cancellationToken)
    {
        var serviceToken = await ServiceTokenAsync(null, cancellationToken);
        var validation = await keystone.ValidateAsync(subjectToken, serviceToken, cancellationToken);
        if (validation.ServiceTokenRejected)
        {
            // Our token expired early or was revoked: renew it once; a second refusal is Keystone's problem, not the caller's.
            serviceToken = await ServiceTokenAsync(serviceToken, cancellationToken);
            validation = await keystone.ValidateAsync(subjectToken, serviceToken, cancellationToken);
            if (validation.ServiceTokenRejected)
            {
                throw new KeystoneUnavailableException();
            }
        }

        return validation.Identity;
    }

    /// <summary>The current service token; a new one when there is none, it is about to expire, or it is <paramref name="rejected"/>.</summary>
    private async Task<string> ServiceTokenAsync(string? rejected, CancellationToken cancellationToken)
    {
        Task<(string Token, DateTimeOffset ExpiresAt)> pending;
        lock (_serviceTokenLock)
        {
            if (_serviceToken is not { } current
                || current.IsFaulted
                || current.IsCanceled
                || (current.IsCompletedSuccessfully && (current.Result.Token == rejected || current.Result.ExpiresAt - RenewBefore <= time.GetUtcNow())))
            {
                // One request to Keystone for all callers, and not tied to the first caller's request: a client that
                // gives up must not cancel the token everyone else is waiting for (password checks are slow).
                _serviceToken = keystone.IssueServiceTokenAsync(CancellationToken.None);
            }

            pending = _serviceToken;
        }

        return (await pending.WaitAsync(cancellationToken)).Token;
    }

    private UnauthorizedException Unauthorized() => new() { KeystoneUri = keystone.WwwAuthenticateUri };
}
