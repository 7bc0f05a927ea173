namespace BlockStore.ControlPlane.Auth;

/// <summary>How callers prove who they are (section <c>BlockStore:Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string NoAuth = "noauth";
    public const string Token = "token";
    public const string KeystoneMode = "keystone";

    /// <summary><c>noauth</c> (Cinder's: everyone an admin; loopback only), <c>token</c> (API tokens issued by an admin)
    /// or <c>keystone</c> (Keystone tokens, as Cinder behind keystonemiddleware; agents keep API tokens).</summary>
    public string Mode { get; set; } = NoAuth;

    /// <summary>How long a validated token is trusted before the store is asked again (a revocation takes effect within it).</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>For <c>keystone</c>: where Keystone is and the service user that validates tokens.</summary>
    public KeystoneOptions Keystone { get; set; } = new();
}
