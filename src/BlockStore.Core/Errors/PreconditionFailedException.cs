namespace BlockStore.Core.Errors;

/// <summary>An <c>If-Match</c> that names a version the resource no longer has (Cinder's ETags, 3.15): 412.</summary>
public sealed class PreconditionFailedException(string message) : BlockStoreException(message)
{
    public override int StatusCode => 412;

    public override string FaultName => "preconditionFailed";
}
