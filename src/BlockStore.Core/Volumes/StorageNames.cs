using System.Text.RegularExpressions;

namespace BlockStore.Core.Volumes;

/// <summary>
/// Names that reach drivers and command lines; built only from ids BlockStore generated, and checked again where
/// they are used (<c>\z</c>, not <c>$</c>: a trailing newline must not pass).
/// </summary>
public static partial class StorageNames
{
    public static string ForVolume(Guid volumeId) => $"volume-{volumeId:D}";

    public static string ForSnapshot(Guid snapshotId) => $"snapshot-{snapshotId:D}";

    public static bool IsVolumeName(string? name) => name is not null && VolumeName().IsMatch(name);

    public static bool IsSnapshotName(string? name) => name is not null && SnapshotName().IsMatch(name);

    [GeneratedRegex(@"\Avolume-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\z")]
    private static partial Regex VolumeName();

    [GeneratedRegex(@"\Asnapshot-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\z")]
    private static partial Regex SnapshotName();
}
