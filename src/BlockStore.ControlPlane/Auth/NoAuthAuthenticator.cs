using BlockStore.ControlPlane.Http;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Auth;

/// <summary>
/// Cinder's noauth: the project comes from the URL, the user from <c>X-Auth-Token: user:project</c>, and every
/// caller is an admin (and may speak for any agent). Safe only on loopback; the Server refuses to bind it elsewhere.
/// </summary>
public sealed class NoAuthAuthenticator : IAuthenticator
{
    public Task<RequestContext> AuthenticateAsync(HttpContext http, string projectId, string requestId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var token = http.Request.Headers["X-Auth-Token"].ToString();
        var user = token.Split(':', 2)[0];
        if (string.IsNullOrEmpty(user))
        {
            user = http.Request.Headers["X-User-Id"].ToString();
        }

        return Task.FromResult(new RequestContext
        {
            ProjectId = projectId,
            UserId = string.IsNullOrEmpty(user) ? "admin" : user,
            Role = Roles.Admin,
            RequestId = requestId,
            BaseUrl = $"{http.Request.Scheme}://{http.Request.Host}",
            CancellationToken = http.RequestAborted,
        });
    }

    public Task<string?> AuthenticateAgentAsync(HttpContext http) => Task.FromResult<string?>(null);
}
