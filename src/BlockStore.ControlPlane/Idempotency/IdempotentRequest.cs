using System.Text.Json;

namespace BlockStore.ControlPlane.Idempotency;

/// <summary>A create request's parsed body and, when it carried an <c>Idempotency-Key</c>, the key and the request's fingerprint.</summary>
public sealed class IdempotentRequest(JsonDocument body, string? key, string? fingerprint) : IDisposable
{
    public JsonDocument Body { get; } = body;

    public string? Key { get; } = key;

    /// <summary>SHA-256 of method, path and body: the same key with another fingerprint is a different request.</summary>
    public string? Fingerprint { get; } = fingerprint;

    public void Dispose() => Body.Dispose();
}
