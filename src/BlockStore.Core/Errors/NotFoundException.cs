namespace BlockStore.Core.Errors;

/// <summary>No such resource in the caller's scope: 404 itemNotFound.</summary>
public sealed class NotFoundException(string message) : BlockStoreException(message)
{
    public override int StatusCode => 404;

    public override string FaultName => "itemNotFound";

    public static NotFoundException Volume(string id) => new($"Volume {id} could not be found.");

    public static NotFoundException Snapshot(string id) => new($"Snapshot {id} could not be found.");
}
