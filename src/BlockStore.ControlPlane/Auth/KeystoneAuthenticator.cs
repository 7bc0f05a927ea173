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
    : IAuthenticator, IDisposable
{
    // Renewed this long before Keystone's expiry, so a token never expires between the check and its use.
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (KeystoneIdentity? Identity, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _serviceTokenLock = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _serviceToken;

    public async Task<RequestContext> AuthenticateAsync(HttpContext http, string projectId, string requestId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var identity = await ValidateAsync(http.Request.Headers["X-Auth-Token"].ToString(), http.RequestAborted);
        var role = RoleOf(identity.Roles);
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

    public void Dispose() => _serviceTokenLock.Dispose();

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

        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(presented, out var cached) || cached.Until <= now)
        {
            var identity = await AskKeystoneAsync(presented, cancellationToken);
            var until = now + options.Value.CacheFor;
            cached = (identity, identity is not null && identity.ExpiresAt < until ? identity.ExpiresAt : until);
            _cache[presented] = cached;
            if (_cache.Count > 10_000)
            {
                // Bounded: a flood of made-up tokens must not grow memory without end.
                _cache.Clear();
            }
        }

        return cached.Identity is { } valid && valid.ExpiresAt > now ? valid : throw Unauthorized();
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
        await _serviceTokenLock.WaitAsync(cancellationToken);
        try
        {
            if (_serviceToken is not { } current || current.Token == rejected || current.ExpiresAt - RenewBefore <= time.GetUtcNow())
            {
                _serviceToken = current = await keystone.IssueServiceTokenAsync(cancellationToken);
            }

            return current.Token;
        }
        finally
        {
            _serviceTokenLock.Release();
        }
    }

    private UnauthorizedException Unauthorized() => new() { KeystoneUri = keystone.WwwAuthenticateUri };
}
