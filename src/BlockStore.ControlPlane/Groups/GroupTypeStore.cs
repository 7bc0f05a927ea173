using System.Text.Json;
using Azure.Data.Tables;
using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Errors;
using BlockStore.Core.Groups;

namespace BlockStore.ControlPlane.Groups;

/// <summary>Group types in the types table, partition <c>grouptype</c>, stored as volume types are (<see cref="NamedTypeRows{T}"/>).</summary>
public sealed class GroupTypeStore(TableSet tables) : NamedTypeRows<GroupType>(tables, Partition)
{
    internal const string Partition = "grouptype";

    protected override string Kind => "Group Type";

    public static NotFoundException NotFound(string idOrName) => new($"Group type with id {idOrName} could not be found.");

    protected override NotFoundException TypeNotFound(string idOrName) => NotFound(idOrName);

    protected override Guid IdOf(GroupType type) => type.Id;

    protected override string NameOf(GroupType type) => type.Name;

    protected override TableEntity ToEntity(GroupType type) => new(Partition, TypeRowKeys.IdRow(type.Id))
    {
        ["Name"] = type.Name,
        ["Description"] = type.Description,
        ["IsPublic"] = type.IsPublic,
        ["GroupSpecs"] = JsonSerializer.Serialize(type.GroupSpecs),
        ["CreatedAt"] = type.CreatedAt,
    };

    protected override GroupType FromEntity(TableEntity entity) => new()
    {
        Id = TypeRowKeys.IdOfRow(entity),
        Name = entity.GetString("Name"),
        Description = entity.GetString("Description"),
        IsPublic = entity.GetBoolean("IsPublic") ?? true,
        GroupSpecs = JsonSerializer.Deserialize<Dictionary<string, string>>(entity.GetString("GroupSpecs") ?? "{}") ?? [],
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
    };
}
