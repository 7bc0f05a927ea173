using System.Collections.Frozen;

namespace BlockStore.Core.Volumes;

/// <summary>Maps <see cref="VolumeStatus"/> to and from the strings Cinder puts on the wire.</summary>
public static class VolumeStatusNames
{
    private static readonly FrozenDictionary<VolumeStatus, string> Names = new Dictionary<VolumeStatus, string>
    {
        [VolumeStatus.Creating] = "creating",
        [VolumeStatus.Available] = "available",
        [VolumeStatus.Deleting] = "deleting",
        [VolumeStatus.Error] = "error",
        [VolumeStatus.ErrorDeleting] = "error_deleting",
        [VolumeStatus.ErrorManaging] = "error_managing",
        [VolumeStatus.Managing] = "managing",
        [VolumeStatus.Attaching] = "attaching",
        [VolumeStatus.InUse] = "in-use",
        [VolumeStatus.Detaching] = "detaching",
        [VolumeStatus.Maintenance] = "maintenance",
        [VolumeStatus.RestoringBackup] = "restoring-backup",
        [VolumeStatus.ErrorRestoring] = "error_restoring",
        [VolumeStatus.Reserved] = "reserved",
        [VolumeStatus.AwaitingTransfer] = "awaiting-transfer",
        [VolumeStatus.BackingUp] = "backing-up",
        [VolumeStatus.ErrorBackingUp] = "error_backing-up",
        [VolumeStatus.ErrorExtending] = "error_extending",
        [VolumeStatus.Downloading] = "downloading",
        [VolumeStatus.Uploading] = "uploading",
        [VolumeStatus.Retyping] = "retyping",
        [VolumeStatus.Extending] = "extending",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, VolumeStatus> Values =
        Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);

    public static string ToWire(this VolumeStatus status) => Names[status];

    public static bool TryParse(string? wire, out VolumeStatus status) => Values.TryGetValue(wire ?? "", out status);
}
