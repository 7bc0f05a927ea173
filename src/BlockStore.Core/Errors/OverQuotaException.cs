namespace BlockStore.Core.Errors;

/// <summary>The request would exceed the project's quota: 413 overLimit, with Cinder's wording.</summary>
public sealed class OverQuotaException(string message) : BlockStoreException(message)
{
    public override int StatusCode => 413;

    public override string FaultName => "overLimit";
}
