using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace BlockStore.Core.Scheduling;

/// <summary>
/// A volume type's extra specs read once per request, the way Cinder's filters read them on every pool: what
/// <c>volume_backend_name</c> requires, which keys are capability requirements, and whether the volume is thin.
/// Equal when read from the same dictionary, so that <see cref="PlacementRequest"/> keeps value equality.
/// </summary>
internal sealed class VolumeTypeSpecs : IEquatable<VolumeTypeSpecs>
{
    public const string CapabilitiesScope = "capabilities:";
    public const string BackendNameKey = "volume_backend_name";
    public const string ProvisioningTypeKey = "provisioning:type";
    public const string ThinSupportKey = "thin_provisioning_support";
    public const string ThickSupportKey = "thick_provisioning_support";

    public static readonly VolumeTypeSpecs Empty = new(FrozenDictionary<string, string>.Empty);

    private VolumeTypeSpecs(IReadOnlyDictionary<string, string> source)
    {
        Source = source;
        var capabilities = new List<CapabilityRequirement>();
        foreach (var (key, value) in source)
        {
            string capability;
            if (key.StartsWith(CapabilitiesScope, StringComparison.Ordinal))
            {
                capability = key[CapabilitiesScope.Length..];
            }
            else if (key.Contains(':', StringComparison.Ordinal))
            {
                // Other scopes (qos:, provisioning:, vendor keys) are not capabilities; Cinder's filter ignores them.
                continue;
            }
            else
            {
                capability = key;
            }

            if (capability == BackendNameKey)
            {
                BackendName = ExtraSpecRequirement.Parse(value);
                continue;
            }

            capabilities.Add(new CapabilityRequirement(key, capability, ExtraSpecRequirement.Parse(value)));
        }

        Capabilities = [.. capabilities];
        Thin = ReadThin(source);
    }

    public IReadOnlyDictionary<string, string> Source { get; }

    /// <summary>What <c>volume_backend_name</c> requires; null when the type does not name a backend.</summary>
    public ExtraSpecRequirement? BackendName { get; }

    /// <summary>The requirements <see cref="CapabilitiesFilter"/> checks (all but the backend name).</summary>
    public CapabilityRequirement[] Capabilities { get; }

    public bool Thin { get; }

    public static VolumeTypeSpecs Read(IReadOnlyDictionary<string, string>? extraSpecs) =>
        extraSpecs is null || extraSpecs.Count == 0 ? Empty : new VolumeTypeSpecs(extraSpecs);

    public bool Equals(VolumeTypeSpecs? other) => other is not null && ReferenceEquals(Source, other.Source);

    public override bool Equals(object? obj) => Equals(obj as VolumeTypeSpecs);

    public override int GetHashCode() => RuntimeHelpers.GetHashCode(Source);

    /// <summary>
    /// Cinder treats every volume as thin unless <c>provisioning:type</c> is <c>thick</c>. A type that asks only for
    /// <c>thick_provisioning_support &lt;is&gt; True</c> is read as thick here too: the capacity check then uses real
    /// free space rather than over-subscribed space on pools that do both.
    /// </summary>
    private static bool ReadThin(IReadOnlyDictionary<string, string> specs)
    {
        if (specs.TryGetValue(ProvisioningTypeKey, out var type))
        {
            if (string.Equals(type.Trim(), "thick", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (string.Equals(type.Trim(), "thin", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        if (AsksFor(specs, ThinSupportKey))
        {
            return true;
        }

        return !AsksFor(specs, ThickSupportKey);
    }

    private static bool AsksFor(IReadOnlyDictionary<string, string> specs, string capability)
    {
        var spec = specs.TryGetValue(capability, out var plain) ? plain
            : specs.TryGetValue(CapabilitiesScope + capability, out var scoped) ? scoped
            : null;
        if (spec is null)
        {
            return false;
        }

        var requirement = ExtraSpecRequirement.Parse(spec);
        return requirement.IsMetBy("True") && !requirement.IsMetBy("False");
    }
}
