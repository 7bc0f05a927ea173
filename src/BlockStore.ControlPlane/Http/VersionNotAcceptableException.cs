using BlockStore.Core.Errors;

namespace BlockStore.ControlPlane.Http;

/// <summary>A microversion outside the supported range: 406, as Cinder answers.</summary>
public sealed class VersionNotAcceptableException(string message) : BlockStoreException(message)
{
    public override int StatusCode => 406;

    public override string FaultName => "computeFault";
}
