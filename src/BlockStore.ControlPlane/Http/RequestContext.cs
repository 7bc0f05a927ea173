namespace BlockStore.ControlPlane.Http;

/// <summary>Who is asking, for which project, and how to link back: what every handler needs from a request.</summary>
public sealed record RequestContext
{
    public required string ProjectId { get; init; }
    public required string UserId { get; init; }
    /// <summary>reader, member or admin (Cinder's default roles).</summary>
    public required string Role { get; init; }

    public bool IsAdmin => Role == Auth.Roles.Admin;
    public required string RequestId { get; init; }

    /// <summary><c>scheme://host[:port]</c> of the request, for Cinder's links.</summary>
    public required string BaseUrl { get; init; }

    public required CancellationToken CancellationToken { get; init; }

    /// <summary>The negotiated microversion (3.0 when the request named none).</summary>
    public Version ApiVersion { get; init; } = new(3, 0);

    /// <summary>Whether the request asked for microversion 3.<paramref name="minor"/> or later.</summary>
    public bool IsAtLeast(int minor) => ApiVersion >= new Version(3, minor);

    /// <summary>Routes that exist from a microversion on answer 404 below it, as Cinder's version router does.</summary>
    public void RequireVersion(int minor)
    {
        if (ApiVersion < new Version(3, minor))
        {
            throw new BlockStore.Core.Errors.NotFoundException($"The resource could not be found. (it needs microversion 3.{minor} or later)");
        }
    }

    /// <summary>Cinder's admin-only policies: a 403 that names the policy for everyone else.</summary>
    public void RequireAdmin(string policy)
    {
        if (!IsAdmin)
        {
            throw new BlockStore.Core.Errors.ForbiddenException($"Policy doesn't allow {policy} to be performed.");
        }
    }
}
