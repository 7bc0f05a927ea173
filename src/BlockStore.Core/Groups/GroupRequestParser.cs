using System.Text.Json;
using BlockStore.Core.Errors;
using BlockStore.Core.Validation;

namespace BlockStore.Core.Groups;

/// <summary>Validates group and group snapshot bodies as Cinder does (api/schemas/groups.py, group_snapshots.py), with Cinder's wording.</summary>
public static class GroupRequestParser
{
    public static CreateGroupRequest ParseCreate(JsonElement body)
    {
        var group = RequestFields.RequiredObject(body, "group");
        var groupType = RequestFields.OptionalString(group, "group_type")
            ?? throw new BadRequestException("Invalid input for field/attribute group. 'group_type' is a required property");
        if (!group.TryGetProperty("volume_types", out var types) || types.ValueKind == JsonValueKind.Null)
        {
            throw new BadRequestException("Invalid input for field/attribute group. 'volume_types' is a required property");
        }

        if (types.ValueKind != JsonValueKind.Array || types.GetArrayLength() == 0 ||
            types.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String || item.GetString()!.Length is 0 or > RequestFields.MaxStringLength))
        {
            throw new BadRequestException($"Invalid input for field/attribute volume_types. Value: {types.GetRawText()}. It must be a non-empty list of volume type ids or names.");
        }

        return new CreateGroupRequest(
            groupType,
            [.. types.EnumerateArray().Select(item => item.GetString()!).Distinct(StringComparer.Ordinal)],
            RequestFields.OptionalString(group, "name"),
            RequestFields.OptionalString(group, "description"),
            RequestFields.OptionalString(group, "availability_zone"));
    }

    public static UpdateGroupRequest ParseUpdate(JsonElement body)
    {
        var group = RequestFields.RequiredObject(body, "group");
        var add = VolumeIds(group, "add_volumes");
        var remove = VolumeIds(group, "remove_volumes");
        var nameGiven = group.TryGetProperty("name", out var rawName) && rawName.ValueKind != JsonValueKind.Null;
        var descriptionGiven = group.TryGetProperty("description", out var rawDescription) && rawDescription.ValueKind != JsonValueKind.Null;
        if (!nameGiven && !descriptionGiven && add.Count == 0 && remove.Count == 0)
        {
            throw new BadRequestException("Invalid input received: Name, description, add_volumes, and remove_volumes can not be all empty in the request body.");
        }

        var both = add.Intersect(remove).ToList();
        if (both.Count > 0)
        {
            throw new BadRequestException($"Invalid input received: Volume {both[0]} cannot be both added to and removed from the group.");
        }

        return new UpdateGroupRequest(
            RequestFields.OptionalString(group, "name"), nameGiven,
            RequestFields.OptionalString(group, "description"), descriptionGiven,
            add, remove);
    }

    public static GroupSourceRequest ParseCreateFromSource(JsonElement body)
    {
        var source = RequestFields.RequiredObject(body, "create-from-src");
        var snapshotId = RequestFields.OptionalUuid(source, "group_snapshot_id");
        var groupId = RequestFields.OptionalUuid(source, "source_group_id");
        var name = RequestFields.OptionalString(source, "name");
        if (snapshotId is null == groupId is null)
        {
            throw new BadRequestException(
                $"Invalid input received: Either 'group_snapshot_id' or 'source_group_id' must be provided to create group {name} from source.");
        }

        return new GroupSourceRequest(snapshotId, groupId, name, RequestFields.OptionalString(source, "description"));
    }

    /// <summary><c>{"delete": {"delete-volumes": bool}}</c>; whether the group's volumes go with it.</summary>
    public static bool ParseDelete(JsonElement action) =>
        action.ValueKind == JsonValueKind.Object && RequestFields.OptionalBool(action, "delete-volumes") is true;

    /// <summary><c>{"reset_status": {"status": …}}</c>: one of <paramref name="allowed"/>, lower-cased as Cinder does.</summary>
    public static string ParseResetStatus(JsonElement action, IReadOnlySet<string> allowed, string what)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var status = (action.ValueKind == JsonValueKind.Object ? RequestFields.OptionalString(action, "status") : null)?.ToLowerInvariant()
            ?? throw new BadRequestException("Invalid input received: Must specify 'status'");
        return allowed.Contains(status) ? status : throw new BadRequestException($"Invalid input received: {what} status: {status} is invalid.");
    }

    public static (Guid GroupId, string? Name, string? Description) ParseCreateSnapshot(JsonElement body)
    {
        var snapshot = RequestFields.RequiredObject(body, "group_snapshot");
        var groupId = RequestFields.OptionalUuid(snapshot, "group_id")
            ?? throw new BadRequestException("Invalid input for field/attribute group_snapshot. 'group_id' is a required property");
        return (groupId, RequestFields.OptionalString(snapshot, "name"), RequestFields.OptionalString(snapshot, "description"));
    }

    /// <summary>Cinder's comma-separated volume id lists (<c>"id1,id2"</c>); anything but UUIDs is a 400.</summary>
    private static List<Guid> VolumeIds(JsonElement group, string field)
    {
        if (!group.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new BadRequestException($"Invalid input for field/attribute {field}. Value: {value.GetRawText()}. {value.GetRawText()} is not of type 'string', 'null'");
        }

        var ids = new List<Guid>();
        foreach (var part in value.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            ids.Add(Guid.TryParse(part, out var id)
                ? id
                : throw new BadRequestException($"Invalid input received: Invalid volume id {part} in {field}."));
        }

        return [.. ids.Distinct()];
    }
}
