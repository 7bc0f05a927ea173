namespace BlockStore.ControlPlane.Auth;

/// <summary>How callers prove who they are (section <c>BlockStore:Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string NoAuth = "noauth";
    public const string Token = "token";

    /// <summary><c>noauth</c> (Cinder's: everyone an admin; loopback only) or <c>token</c> (API tokens issued by an admin).</summary>
    public string Mode { get; set; } = NoAuth;

    /// <summary>How long a validated token is trusted before the store is asked again (a revocation takes effect within it).</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(30);
}
