using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BlockStore.Agent.Drivers;

/// <summary>An image as <c>rbd info --format json</c> shows it.</summary>
internal sealed record RbdImage(string Name, long SizeBytes, RbdParent? Parent);

/// <summary>The snapshot an image was cloned from (absent once flattened).</summary>
internal sealed record RbdParent(string Pool, string Image, string Snapshot);

/// <summary>A snapshot as <c>rbd snap ls --format json</c> shows it.</summary>
internal sealed record RbdSnapshot(string Name, long SizeBytes, bool Protected);

/// <summary>A clone as <c>rbd children --format json</c> shows it.</summary>
internal sealed record RbdChild(string Pool, string Image);

/// <summary>Reads the JSON of the <c>rbd</c> and <c>ceph</c> tools; a shape it does not know is a driver failure, not a crash.</summary>
internal static class RbdJson
{
    public static RbdImage Image(string json) => Read(json, "rbd info", node =>
    {
        var parent = node["parent"] is JsonObject p
            ? new RbdParent(Text(p["pool"]), Text(p["image"]), Text(p["snapshot"]))
            : null;
        return new RbdImage(Text(node["name"]), Number(node["size"]), parent);
    });

    public static IReadOnlyList<RbdSnapshot> Snapshots(string json) => Read(json, "rbd snap ls", node =>
        node.AsArray().Select(s => new RbdSnapshot(Text(s!["name"]), Number(s["size"]), IsTrue(s["protected"]))).ToList());

    public static IReadOnlyList<RbdChild> Children(string json) => Read(json, "rbd children", node =>
        node.AsArray().Select(c => new RbdChild(Text(c!["pool"]), Text(c["image"]))).ToList());

    /// <summary><c>rbd ls -l</c> lists images and, as extra rows with a <c>snapshot</c> key, their snapshots; only images count.</summary>
    public static IReadOnlyList<(string Name, long SizeBytes)> ImageList(string json) => Read(json, "rbd ls -l", node =>
        node.AsArray().Where(i => i!["snapshot"] is null).Select(i => (Text(i!["image"]), Number(i["size"]))).ToList());

    /// <summary><c>ceph mon dump</c>: each monitor's legacy address, split as Cinder's <c>_get_mon_addrs</c> does.</summary>
    public static (List<string> Hosts, List<string> Ports) Monitors(string json) => Read(json, "ceph mon dump", node =>
    {
        var hosts = new List<string>();
        var ports = new List<string>();
        foreach (var mon in node["mons"]!.AsArray())
        {
            var address = Text(mon!["addr"]);
            var slash = address.LastIndexOf('/');
            var hostPort = slash >= 0 ? address[..slash] : address;
            var colon = hostPort.LastIndexOf(':');
            hosts.Add(hostPort[..colon].Trim('[', ']'));
            ports.Add(hostPort[(colon + 1)..]);
        }

        return (hosts, ports);
    });

    /// <summary>The pool's row of <c>ceph df</c>: bytes used and the bytes it can still take.</summary>
    public static (long Used, long MaxAvailable)? PoolUsage(string json, string pool) => Read(json, "ceph df", node =>
    {
        var stats = node["pools"]!.AsArray().FirstOrDefault(p => Text(p!["name"]) == pool)?["stats"];
        return stats is null ? ((long, long)?)null : (Number(stats["bytes_used"]), Number(stats["max_avail"]));
    });

    public static long QuotaMaxBytes(string json) => Read(json, "ceph osd pool get-quota", node => Number(node["quota_max_bytes"]));

    private static T Read<T>(string json, string what, Func<JsonNode, T> read)
    {
        try
        {
            return read(JsonNode.Parse(json) ?? throw new FormatException("empty output"));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NullReferenceException or ArgumentOutOfRangeException)
        {
            throw new VolumeDriverException($"The rbd driver could not read the output of '{what}' ({e.Message}); is this Ceph release supported (16.2 or later)?", e);
        }
    }

    private static string Text(JsonNode? node) => node?.GetValue<string>() ?? throw new FormatException("a field is missing");

    private static long Number(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var n) => n,
        JsonValue v when v.TryGetValue<double>(out var d) => (long)d,
        JsonValue v when v.TryGetValue<string>(out var s) => long.Parse(s, CultureInfo.InvariantCulture),
        _ => throw new FormatException("a number is missing"),
    };

    // rbd prints "protected": "true" as a string; accept a JSON boolean too.
    private static bool IsTrue(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) => s == "true",
        _ => false,
    };
}
