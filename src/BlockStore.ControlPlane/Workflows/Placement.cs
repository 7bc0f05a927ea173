namespace BlockStore.ControlPlane.Workflows;

/// <summary>The schedule activity's answer: a pool (<c>host@backend#pool</c>) or the reason there is none.</summary>
public sealed record Placement(string? Host, string? BackendHost, string? PoolName, string? FailureReason)
{
    public bool Succeeded => Host is not null;
}
