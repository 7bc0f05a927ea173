using System.Globalization;
using System.Text.Json;
using BlockStore.Core.Errors;

namespace BlockStore.Core.Snapshots;

/// <summary>
/// <c>os-update_snapshot_status</c> (what Nova reports while it takes an assisted snapshot), validated as Cinder's
/// snapshot_actions does: a snapshot being created may become creating, available or error; one being deleted,
/// deleting or error_deleting; the optional progress is an integer percentage.
/// </summary>
public sealed record SnapshotStatusUpdate(SnapshotStatus Status, string? Progress)
{
    private static readonly Dictionary<SnapshotStatus, SnapshotStatus[]> Allowed = new()
    {
        [SnapshotStatus.Creating] = [SnapshotStatus.Creating, SnapshotStatus.Available, SnapshotStatus.Error],
        [SnapshotStatus.Deleting] = [SnapshotStatus.Deleting, SnapshotStatus.ErrorDeleting],
    };

    /// <summary>The body under <c>os-update_snapshot_status</c>, per Cinder's schema.</summary>
    public static (string Status, string? Progress) Parse(JsonElement action)
    {
        if (action.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException($"Invalid input for field/attribute os-update_snapshot_status. Value: {action.GetRawText()}. {action.GetRawText()} is not of type 'object'");
        }

        var extra = action.EnumerateObject().Select(property => property.Name).Where(name => name is not ("status" or "progress")).ToList();
        if (extra.Count > 0)
        {
            throw new BadRequestException($"Additional properties are not allowed ({string.Join(", ", extra.Select(name => $"'{name}'"))} {(extra.Count == 1 ? "was" : "were")} unexpected)");
        }

        if (!action.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.String)
        {
            throw new BadRequestException("Invalid input for field/attribute os-update_snapshot_status. 'status' is a required property of type 'string'");
        }

        string? progress = null;
        if (action.TryGetProperty("progress", out var raw) && raw.ValueKind != JsonValueKind.Null)
        {
            progress = raw.ValueKind == JsonValueKind.String ? raw.GetString() : raw.GetRawText();
            if (progress is { Length: > 0 })
            {
                if (!int.TryParse(progress.AsSpan(0, progress.Length - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var percent))
                {
                    throw new BadRequestException("Invalid input received: progress must be an integer percentage");
                }

                if (percent is < 0 or > 100 || progress[^1] != '%')
                {
                    throw new BadRequestException("Invalid input received: progress must be an integer percentage between 0 and 100");
                }
            }
        }

        // As Cinder: an empty progress leaves the stored one unchanged.
        return (status.GetString()!, string.IsNullOrEmpty(progress) ? null : progress);
    }

    /// <summary>Checks the change against the snapshot's current status, with Cinder's 400 wording.</summary>
    public static SnapshotStatusUpdate For(SnapshotStatus current, string requested, string? progress)
    {
        if (!Allowed.TryGetValue(current, out var allowed))
        {
            throw new BadRequestException($"Snapshot status {current.ToWire()} not allowed for update_snapshot_status");
        }

        if (!SnapshotStatusNames.TryParse(requested, out var status) || !allowed.Contains(status))
        {
            throw new BadRequestException($"Provided snapshot status {requested} not allowed for snapshot with status {current.ToWire()}.");
        }

        return new SnapshotStatusUpdate(status, progress);
    }
}
