namespace BlockStore.Core.Errors;

/// <summary>The caller's role does not allow the action: 403 forbidden (another project's resource is a 404 instead).</summary>
public sealed class ForbiddenException(string message) : BlockStoreException(message)
{
    public override int StatusCode => 403;

    public override string FaultName => "forbidden";
}
