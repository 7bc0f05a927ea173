namespace BlockStore.ControlPlane.Auth;

/// <summary>The roles of Cinder's default policy, plus <c>agent</c> for storage agents.</summary>
public static class Roles
{
    public const string Reader = "reader";
    public const string Member = "member";
    public const string Admin = "admin";

    /// <summary>A storage agent: may only post replies and capacity reports for its own host.</summary>
    public const string Agent = "agent";

    public static IReadOnlyList<string> All { get; } = [Reader, Member, Admin, Agent];
}
