namespace BlockStore.ControlPlane.Auth;

/// <summary>
/// Where Keystone is and the service user BlockStore validates tokens as (section <c>BlockStore:Auth:Keystone</c>),
/// as Cinder's <c>[keystone_authtoken]</c>. The password comes from configuration or the environment
/// (<c>BlockStore__Auth__Keystone__Password</c>), never from a file in the repository.
/// </summary>
public sealed class KeystoneOptions
{
    /// <summary>Keystone's identity endpoint, with or without the trailing <c>/v3</c>.</summary>
    public string AuthUrl { get; set; } = "";

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    public string UserDomainName { get; set; } = "Default";

    public string ProjectName { get; set; } = "service";

    public string ProjectDomainName { get; set; } = "Default";

    /// <summary>The Keystone URL clients are sent to in <c>WWW-Authenticate</c>; <see cref="AuthUrl"/> when empty.</summary>
    public string WwwAuthenticateUri { get; set; } = "";

    /// <summary>How long one call to Keystone may take before the request is answered 503.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
