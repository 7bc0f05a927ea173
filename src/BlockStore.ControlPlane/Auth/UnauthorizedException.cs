using BlockStore.Core.Errors;

namespace BlockStore.ControlPlane.Auth;

/// <summary>No valid credentials: 401, as keystonemiddleware answers.</summary>
public sealed class UnauthorizedException(string message = "The request you have made requires authentication.") : BlockStoreException(message)
{
    public override int StatusCode => 401;

    public override string FaultName => "error";

    /// <summary>Where to get a token, sent as <c>WWW-Authenticate: Keystone uri="…"</c> (keystone mode only).</summary>
    public string? KeystoneUri { get; init; }
}
