namespace BlockStore.ControlPlane.Services;

/// <summary>One service as Cinder's services table would hold it: what the reports say, and what an operator set.</summary>
public sealed record ServiceInfo(
    string Binary,
    string Host,
    string Zone,
    bool Up,
    DateTimeOffset UpdatedAt,
    bool Disabled,
    string? DisabledReason,
    bool Frozen);
