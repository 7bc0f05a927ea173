using System.Collections.Concurrent;
using BlockStore.ControlPlane.Http;
using BlockStore.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BlockStore.ControlPlane.Auth;

/// <summary>
/// API tokens (<c>X-Auth-Token</c>): each scoped to a project and a role. A token acts only in its own project (another
/// project's URL is a 404, as for a resource of another project); admin tokens act in any project. Validations are
/// cached briefly so a busy client costs one lookup per <see cref="AuthOptions.CacheFor"/>. A project-less URL acts in
/// the token's project.
/// </summary>
public sealed class TokenAuthenticator(ApiTokenStore tokens, TimeProvider time, IOptions<AuthOptions> options) : IAuthenticator
{
    private readonly ConcurrentDictionary<string, (ApiToken? Token, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<RequestContext> AuthenticateAsync(HttpContext http, string? projectId, string requestId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var token = await ValidateAsync(http);
        if (token.Role == Roles.Agent)
        {
            throw new ForbiddenException("Agent tokens may not use the volume API.");
        }

        // A project-less URL acts in the token's own project (admins too: their other projects need the project's URL).
        projectId ??= token.ProjectId;

        if (token.Role != Roles.Admin && token.ProjectId != projectId)
        {
            throw new NotFoundException("The resource could not be found.");
        }

        return new RequestContext
        {
            ProjectId = projectId,
            UserId = token.UserId,
            Role = token.Role,
            RequestId = requestId,
            BaseUrl = $"{http.Request.Scheme}://{http.Request.Host}",
            CancellationToken = http.RequestAborted,
        };
    }

    public async Task<string?> AuthenticateAgentAsync(HttpContext http)
    {
        var token = await ValidateAsync(http);
        return token.Role == Roles.Agent && token.AgentHost is { } host
            ? host
            : throw new ForbiddenException("Only agent tokens may post agent replies and capacity reports.");
    }

    private async Task<ApiToken> ValidateAsync(HttpContext http)
    {
        var presented = http.Request.Headers["X-Auth-Token"].ToString();
        if (presented.Length == 0)
        {
            throw new UnauthorizedException();
        }

        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(presented, out var cached) || cached.Until < now)
        {
            cached = (await tokens.FindAsync(presented, http.RequestAborted), now + options.Value.CacheFor);
            _cache[presented] = cached;
            if (_cache.Count > 10_000)
            {
                // Bounded: a flood of made-up tokens must not grow memory without end.
                _cache.Clear();
            }
        }

        return cached.Token ?? throw new UnauthorizedException();
    }
}
