using BlockStore.Core.Errors;

namespace BlockStore.Core.Types;

/// <summary>A volume type: a name users pick, extra specs the scheduler matches against backends, and who may use it.</summary>
public sealed record VolumeType
{
    public const string DefaultName = "__DEFAULT__";

    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public bool IsPublic { get; init; } = true;
    public IReadOnlyDictionary<string, string> ExtraSpecs { get; init; } = new Dictionary<string, string>();

    /// <summary>Projects that may use a private type (Cinder's volume type access).</summary>
    public IReadOnlySet<string> ProjectAccess { get; init; } = new HashSet<string>();

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The QoS spec associated with the type (Cinder's <c>qos_specs_id</c>): at most one.</summary>
    public Guid? QosSpecsId { get; init; }

    /// <summary>The type's encryption; null for an unencrypted type.</summary>
    public VolumeTypeEncryption? Encryption { get; init; }

    public bool IsDefault => Name == DefaultName;

    /// <summary>The default type has one fixed id, so every host and every deployment agrees on it without a seed step.</summary>
    public static Guid DefaultId { get; } = new("6ac1f6b0-5a0b-4f1a-9c36-2d1d6d5e0f00");

    /// <summary>Associates a QoS spec; again with the same spec changes nothing, another spec is Cinder's 400.</summary>
    public VolumeType AssociateQos(Guid qosSpecsId) => QosSpecsId is { } current && current != qosSpecsId
        ? throw new BadRequestException($"Invalid volume type: Type {Id:D} is already associated with another qos specs: {current:D}")
        : this with { QosSpecsId = qosSpecsId };

    public bool IsVisibleTo(string projectId, bool isAdmin) => isAdmin || IsPublic || ProjectAccess.Contains(projectId);
}
