using System.Text.Json;
using Azure.Data.Tables;
using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Errors;
using BlockStore.Core.Types;
using BlockStore.Core.Validation;

namespace BlockStore.ControlPlane.Types;

/// <summary>
/// Volume types in the types table, partition <c>type</c> (<see cref="NamedTypeRows{T}"/>: names unique across hosts,
/// changes by compare-and-swap). The default type is created on first use.
/// </summary>
public sealed class VolumeTypeStore : NamedTypeRows<VolumeType>
{
    internal const string Partition = "type";

    private readonly TableSet _tables;
    private readonly Lazy<Task> _defaultCreated;

    public VolumeTypeStore(TableSet tables, TimeProvider time)
        : base(tables, Partition)
    {
        _tables = tables;
        _defaultCreated = new(() => CreateDefaultAsync(time));
    }

    protected override string Kind => "Volume Type";

    public async Task<VolumeType> GetDefaultAsync(CancellationToken cancellationToken) =>
        await FindAsync(VolumeType.DefaultId.ToString("D"), cancellationToken) ?? throw new InvalidOperationException("The default volume type is missing.");

    public static NotFoundException NotFound(string idOrName) => new($"Volume type {idOrName} could not be found.");

    internal static string IdRow(Guid id) => TypeRowKeys.IdRow(id);

    internal static TableEntity ToRow(VolumeType type) => new(Partition, IdRow(type.Id))
    {
        ["Name"] = type.Name,
        ["Description"] = type.Description,
        ["IsPublic"] = type.IsPublic,
        ["ExtraSpecs"] = SpecsColumn(type),
        ["ProjectAccess"] = JsonSerializer.Serialize(type.ProjectAccess.Order(StringComparer.Ordinal)),
        ["CreatedAt"] = type.CreatedAt,
        ["QosSpecsId"] = type.QosSpecsId?.ToString("D"),
        ["Encryption"] = type.Encryption is null ? null : JsonSerializer.Serialize(type.Encryption),
    };

    /// <summary>
    /// A type's extra specs, stored as one property (their JSON) like metadata (<see cref="StoredDictionary"/>): specs
    /// whose JSON is longer than the property holds are refused before any write rather than failing the write.
    /// </summary>
    /// <exception cref="TooLargeException">The specs would not fit in their property (413 overLimit).</exception>
    private static string SpecsColumn(VolumeType type) => StoredDictionary.ToFittingJson(type.ExtraSpecs, length =>
        $"Extra specs too large: stored, they would take {length} characters, and a volume type holds at most {StoredDictionary.MaxJsonLength}.");

    internal static VolumeType FromRow(TableEntity entity) => new()
    {
        Id = TypeRowKeys.IdOfRow(entity),
        Name = entity.GetString("Name"),
        Description = entity.GetString("Description"),
        IsPublic = entity.GetBoolean("IsPublic") ?? true,
        ExtraSpecs = JsonSerializer.Deserialize<Dictionary<string, string>>(entity.GetString("ExtraSpecs") ?? "{}") ?? [],
        ProjectAccess = (JsonSerializer.Deserialize<string[]>(entity.GetString("ProjectAccess") ?? "[]") ?? []).ToHashSet(StringComparer.Ordinal),
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        QosSpecsId = Guid.TryParse(entity.GetString("QosSpecsId"), out var qos) ? qos : null,
        Encryption = entity.GetString("Encryption") is { Length: > 0 } encryption ? JsonSerializer.Deserialize<VolumeTypeEncryption>(encryption) : null,
    };

    protected override Task ReadyAsync() => _defaultCreated.Value;

    protected override NotFoundException TypeNotFound(string idOrName) => NotFound(idOrName);

    protected override Guid IdOf(VolumeType type) => type.Id;

    protected override string NameOf(VolumeType type) => type.Name;

    protected override TableEntity ToEntity(VolumeType type) => ToRow(type);

    protected override VolumeType FromEntity(TableEntity entity) => FromRow(entity);

    private async Task CreateDefaultAsync(TimeProvider time)
    {
        await _tables.EnsureCreatedAsync();
        var type = new VolumeType
        {
            Id = VolumeType.DefaultId,
            Name = VolumeType.DefaultName,
            Description = "Default Volume Type",
            CreatedAt = time.GetUtcNow(),
        };
        try
        {
            await _tables.Types.SubmitTransactionAsync(CreateActions(type));
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // Another host created it first.
        }
    }
}
