using BlockStore.ControlPlane.Http;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Auth;

/// <summary>
/// Cinder's noauth: the project comes from the URL, the user from <c>X-Auth-Token: user:project</c>, and every
/// caller is an admin (and may speak for any agent). Safe only on loopback; the Server refuses to bind it elsewhere.
/// A project-less URL acts in the token's project, as Cinder's NoAuthMiddleware reads it (the part after the colon,
/// else the user), or in <c>X-Project-Id</c> (which python-cinderclient's noauth plugin also sends) when the token
/// names none; with neither it is a 400.
/// </summary>
public sealed class NoAuthAuthenticator : IAuthenticator
{
    public Task<RequestContext> AuthenticateAsync(HttpContext http, string? projectId, string requestId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var token = http.Request.Headers["X-Auth-Token"].ToString();
        var parts = token.Split(':', 2);
        var user = parts[0];
        if (string.IsNullOrEmpty(user))
        {
            user = http.Request.Headers["X-User-Id"].ToString();
        }

        if (projectId is null)
        {
            var tokenProject = parts.Length == 2 && parts[1].Length > 0 ? parts[1] : null;
            var headerProject = http.Request.Headers["X-Project-Id"].ToString();
            projectId = tokenProject
                ?? (headerProject.Length > 0 ? headerProject : null)
                ?? (parts[0].Length > 0 ? parts[0] : null)
                ?? throw ProjectlessUrls.NoProject("neither X-Auth-Token (user:project) nor X-Project-Id names one");
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
