namespace BlockStore.ControlPlane.Services;

/// <summary>
/// What an operator set on a service (Cinder's <c>services.disabled</c>, <c>disabled_reason</c>, <c>frozen</c>).
/// A service without a row is enabled and not frozen.
/// </summary>
public sealed record ServiceState(string Binary, string Host, bool Disabled, string? DisabledReason, bool Frozen, DateTimeOffset ModifiedAt)
{
    /// <summary>Cinder's scheduler leaves out disabled and frozen volume services (host_manager: disabled=False, frozen=False).</summary>
    public bool AcceptsNewVolumes => !Disabled && !Frozen;
}
