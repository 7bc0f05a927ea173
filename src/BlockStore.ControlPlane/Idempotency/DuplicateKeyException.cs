namespace BlockStore.ControlPlane.Idempotency;

/// <summary>Another request with the same idempotency key committed first; its recorded answer is the answer.</summary>
public sealed class DuplicateKeyException(string message) : Exception(message);
