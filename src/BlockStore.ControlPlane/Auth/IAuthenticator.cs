using BlockStore.ControlPlane.Http;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Auth;

/// <summary>Turns a request's credentials into who is asking; throws <see cref="UnauthorizedException"/> when they prove nothing.</summary>
public interface IAuthenticator
{
    /// <param name="projectId">The URL's project; null for a project-less URL, which acts in the project the credentials name
    /// (a 400 from <see cref="ProjectlessUrls.NoProject"/> when they name none).</param>
    Task<RequestContext> AuthenticateAsync(HttpContext http, string? projectId, string requestId);

    /// <summary>The agent host (<c>host</c> of <c>host@backend</c>) a request may speak for; null means any (noauth).</summary>
    Task<string?> AuthenticateAgentAsync(HttpContext http);
}
