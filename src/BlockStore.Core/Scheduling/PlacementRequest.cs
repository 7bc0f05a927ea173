using System.Collections.Frozen;

namespace BlockStore.Core.Scheduling;

/// <summary>What a volume needs from a pool.</summary>
public sealed record PlacementRequest
{
    private readonly VolumeTypeSpecs specs = VolumeTypeSpecs.Empty;
    private readonly bool? thinRequested;

    public required int SizeGib { get; init; }

    /// <summary>The requested zone; null places anywhere.</summary>
    public string? AvailabilityZone { get; init; }

    /// <summary>
    /// Backends already tried for this volume (rescheduling never retries them): <c>host@backend</c> excludes every
    /// pool of that backend, <c>host@backend#pool</c> one pool, a bare <c>host</c> every backend on it.
    /// </summary>
    public IReadOnlySet<string> ExcludedBackends { get; init; } = FrozenSet<string>.Empty;

    /// <summary>Pools whose last report is older than this are stale and not used; null accepts any age.</summary>
    public DateTimeOffset? ReportedAfter { get; init; }

    /// <summary>
    /// The volume type's extra specs. <c>volume_backend_name</c> selects backends by name; unscoped keys and keys in
    /// the <c>capabilities:</c> scope must match what the pool reports (Cinder's operators apply); other scoped keys
    /// (<c>qos:</c>, <c>provisioning:type</c>) are for others and not matched. Read once when set.
    /// </summary>
    public IReadOnlyDictionary<string, string> ExtraSpecs
    {
        get => specs.Source;
        init => specs = VolumeTypeSpecs.Read(value);
    }

    /// <summary>
    /// Place only on a backend that holds one of these locations (Cinder's <c>same_host</c> hint, resolved from
    /// volume ids to the volumes' hosts): each a <c>host</c>, <c>host@backend</c> or <c>host@backend#pool</c>.
    /// </summary>
    public IReadOnlySet<string> SameHostAs { get; init; } = FrozenSet<string>.Empty;

    /// <summary>Place on no backend that holds one of these locations (Cinder's <c>different_host</c> hint), as above.</summary>
    public IReadOnlySet<string> DifferentHostFrom { get; init; } = FrozenSet<string>.Empty;

    /// <summary>
    /// Whether the volume is thin, so that a thin pool's capacity counts with its over-subscription ratio. By default
    /// read from the extra specs as Cinder does: thin unless <c>provisioning:type</c> is <c>thick</c> (or the type
    /// asks only for <c>thick_provisioning_support &lt;is&gt; True</c>). Setting it overrides the specs.
    /// </summary>
    public bool ThinRequested
    {
        get => thinRequested ?? specs.Thin;
        init => thinRequested = value;
    }

    internal VolumeTypeSpecs Specs => specs;
}
