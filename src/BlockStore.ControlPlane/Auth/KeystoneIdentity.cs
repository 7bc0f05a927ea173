namespace BlockStore.ControlPlane.Auth;

/// <summary>What Keystone says a valid token is: whose, scoped to which project, with which roles, until when.</summary>
public sealed record KeystoneIdentity
{
    public required string UserId { get; init; }

    /// <summary>The project the token is scoped to; null for an unscoped, domain- or system-scoped token.</summary>
    public string? ProjectId { get; init; }

    public required IReadOnlyList<string> Roles { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }
}
