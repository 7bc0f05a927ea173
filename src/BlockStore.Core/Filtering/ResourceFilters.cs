using BlockStore.Core.Errors;

namespace BlockStore.Core.Filtering;

/// <summary>
/// The list filters a non-admin may use, per resource: Cinder's default <c>etc/cinder/resource_filters.json</c>,
/// served by <c>GET resource_filters</c> (3.33) and enforced from 3.31 (<c>common.reject_invalid_filters</c>).
/// </summary>
public static class ResourceFilters
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Enabled { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["volume"] = ["name", "status", "metadata", "bootable", "migration_status", "availability_zone", "group_id", "size", "created_at", "updated_at", "consumes_quota"],
        ["backup"] = ["name", "status", "volume_id"],
        ["snapshot"] = ["name", "status", "volume_id", "metadata", "availability_zone", "consumes_quota"],
        ["group"] = ["name"],
        ["group_snapshot"] = ["name", "status", "group_id"],
        ["attachment"] = ["volume_id", "status", "instance_id", "attach_status"],
        ["message"] = ["resource_uuid", "resource_type", "event_id", "request_id", "message_level"],
        ["pool"] = ["name", "volume_type"],
        ["volume_type"] = ["is_public", "extra_specs"],
    };

    /// <summary>
    /// Refuses filters the resource does not enable, as Cinder: admins may use any (except on pools), <c>name~</c> is
    /// valid where <c>name</c> is once like filters exist (3.34), and <c>all_tenants</c> is ignored, never refused,
    /// because the clients always send it.
    /// </summary>
    /// <exception cref="BadRequestException">"Invalid filters … are found in query options."</exception>
    public static void Reject(string resource, IEnumerable<string> filterKeys, bool isAdmin, bool likeFilters)
    {
        ArgumentNullException.ThrowIfNull(filterKeys);
        if (isAdmin && resource != "pool")
        {
            return;
        }

        var enabled = Enabled.TryGetValue(resource, out var keys) ? keys : [];
        var invalid = filterKeys
            .Where(key => key != "all_tenants")
            .Where(key => !enabled.Contains(key) && !(likeFilters && key.EndsWith('~') && enabled.Contains(key.TrimEnd('~'))))
            .ToList();
        if (invalid.Count > 0)
        {
            throw new BadRequestException($"Invalid filters {string.Join(',', invalid)} are found in query options.");
        }
    }

    /// <summary>Cinder's like filter (3.34): <c>name~=x</c> is SQL <c>LIKE '%x%'</c>, case-insensitive as MySQL's collation.</summary>
    public static bool IsLike(string? value, string fragment) =>
        value is not null && value.Contains(fragment, StringComparison.OrdinalIgnoreCase);
}
