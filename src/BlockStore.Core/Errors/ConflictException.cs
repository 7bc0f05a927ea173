namespace BlockStore.Core.Errors;

/// <summary>The request conflicts with a concurrent change: 409 conflictingRequest.</summary>
public sealed class ConflictException(string message) : BlockStoreException(message)
{
    public override int StatusCode => 409;

    public override string FaultName => "conflictingRequest";
}
