using BlockStore.Core.Errors;

namespace BlockStore.ControlPlane.Auth;

/// <summary>Keystone did not answer (or not sensibly): the token could not be checked, so 503, never a 500 or a guess.</summary>
public sealed class KeystoneUnavailableException(string message = "Keystone, which checks tokens, is unavailable. Please try again later.")
    : BlockStoreException(message)
{
    public override int StatusCode => 503;

    public override string FaultName => "serviceUnavailable";
}
