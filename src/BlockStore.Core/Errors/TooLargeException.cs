namespace BlockStore.Core.Errors;

/// <summary>
/// Input larger than BlockStore can hold: 413 overLimit, as Cinder answers an oversized request body or its
/// <c>InvalidVolumeMetadataSize</c> ("Invalid metadata size: …").
/// </summary>
public sealed class TooLargeException(string message) : BlockStoreException(message)
{
    public override int StatusCode => 413;

    public override string FaultName => "overLimit";
}
