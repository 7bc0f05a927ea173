namespace BlockStore.Core.Errors;

/// <summary>
/// A failure the user caused or must know about. Each subclass is one Cinder fault: its HTTP status and
/// the name of the fault body's key (<c>{"itemNotFound": {"code": 404, "message": …}}</c>).
/// </summary>
public abstract class BlockStoreException(string message) : Exception(message)
{
    public abstract int StatusCode { get; }

    public abstract string FaultName { get; }
}
