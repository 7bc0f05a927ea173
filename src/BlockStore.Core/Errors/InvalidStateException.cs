namespace BlockStore.Core.Errors;

/// <summary>A request the resource's status does not allow; Cinder answers these with 400 ("Invalid volume: …").</summary>
public sealed class InvalidStateException(string message) : BadRequestException(message);
