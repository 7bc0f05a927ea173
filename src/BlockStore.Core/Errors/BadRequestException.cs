namespace BlockStore.Core.Errors;

/// <summary>Malformed or invalid input: 400 badRequest.</summary>
public class BadRequestException(string message) : BlockStoreException(message)
{
    public override int StatusCode => 400;

    public override string FaultName => "badRequest";
}
