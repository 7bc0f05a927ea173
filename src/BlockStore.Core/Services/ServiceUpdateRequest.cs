namespace BlockStore.Core.Services;

/// <summary>
/// A validated <c>PUT /os-services/{action}</c>: the host it names, the binary (enable/disable only; Cinder still
/// accepts the deprecated <c>service</c> key for it) and, for <c>disable-log-reason</c>, the reason.
/// </summary>
public sealed record ServiceUpdateRequest(ServiceAction Action, string Host, string? Binary, string? Service, string? DisabledReason)
{
    /// <summary>Cinder's rule: <c>binary</c> takes precedence over the deprecated <c>service</c>.</summary>
    public string? BinaryKey => string.IsNullOrEmpty(Binary) ? Service : Binary;
}
