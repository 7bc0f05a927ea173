using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Http;

/// <summary>
/// Cinder's noauth: the project comes from the URL, the user from <c>X-Auth-Token: user:project</c>, and every
/// caller is an admin. Safe only on loopback; the Server refuses to bind it elsewhere unless forced.
/// </summary>
public static class NoAuth
{
    public static RequestContext Authenticate(HttpContext http, string projectId, string requestId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var token = http.Request.Headers["X-Auth-Token"].ToString();
        var user = token.Split(':', 2)[0];
        if (string.IsNullOrEmpty(user))
        {
            user = http.Request.Headers["X-User-Id"].ToString();
        }

        return new RequestContext
        {
            ProjectId = projectId,
            UserId = string.IsNullOrEmpty(user) ? "admin" : user,
            IsAdmin = true,
            RequestId = requestId,
            BaseUrl = $"{http.Request.Scheme}://{http.Request.Host}",
            CancellationToken = http.RequestAborted,
        };
    }
}
