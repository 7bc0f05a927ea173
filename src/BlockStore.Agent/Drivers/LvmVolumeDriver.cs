using BlockStore.Core.Agents;
using BlockStore.Core.Volumes;

namespace BlockStore.Agent.Drivers;

/// <summary>
/// Volumes as logical volumes of one volume group, after Cinder's LVM driver: thick (<c>Type=default</c>, linear LVs)
/// or thin (<c>Type=thin</c>, thin volumes of one thin pool), exported over iSCSI through tgtd.
/// <para>
/// Create only allocates: LVs are made inactive and unzeroed (<c>-an -Zn</c>), so create, extend and delete are metadata
/// changes; a volume is activated when something needs its data (an export or a copy). Snapshots are LVM snapshots named
/// <c>_snapshot-&lt;uuid&gt;</c> (Cinder's escaping: lvm2 reserves names starting with "snapshot"), thick ones as large as
/// their origin. Thin volumes are cloned and made from snapshots as thin snapshots; thick ones are copied block by block
/// with dd from a snapshot, as Cinder does, which needs both LVs active, so device-mapper. A copy in progress is tagged
/// <c>blockstore.incomplete</c>, and a failed one is removed, so a retry starts over instead of trusting half a copy.
/// </para>
/// </summary>
public sealed class LvmVolumeDriver : IVolumeDriver, ISupportsExtend, ISupportsSnapshots, ISupportsClones, ISupportsExport
{
    public const string DriverName = "lvm";

    private const long BytesPerGib = 1L << 30;
    private const string IncompleteTag = "blockstore.incomplete";

    private readonly BackendOptions _options;
    private readonly LvmOptions _lvm;
    private readonly LvmCli _cli;
    private readonly TgtIscsiExporter? _exporter;

    public LvmVolumeDriver(BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        _options = options;
        _lvm = options.Lvm;
        if (!LvmOptions.IsLvmName(_lvm.VolumeGroup) || (_lvm.IsThin && !LvmOptions.IsLvmName(_lvm.EffectiveThinPool)))
        {
            throw new ArgumentException($"Lvm:VolumeGroup '{_lvm.VolumeGroup}' or Lvm:ThinPool '{_lvm.ThinPool}' is not an LVM name.", nameof(options));
        }

        _cli = new LvmCli(_lvm.SystemDirectory, _lvm.CommandTimeout);
        _exporter = options.Iscsi.Enabled ? new TgtIscsiExporter(options.Iscsi, Path.GetFullPath(options.DataDirectory)) : null;
    }

    private string VolumeGroup => _lvm.VolumeGroup;

    public async Task<string> CreateVolumeAsync(string volumeName, int sizeGib, CancellationToken cancellationToken)
    {
        RequireVolumeName(volumeName, "create");
        RequireSize(volumeName, sizeGib);
        if (await FindAsync(volumeName, cancellationToken) is { } existing)
        {
            return SameSize(existing, sizeGib);
        }

        var size = Bytes(sizeGib);
        string[] arguments = _lvm.IsThin
            ? ["-an", "-T", $"{VolumeGroup}/{_lvm.EffectiveThinPool}", "-V", size, "-n", volumeName]
            : ["-an", "-Zn", "-L", size, "-n", volumeName, VolumeGroup];
        await CreateOrFindAsync(volumeName, arguments, $"The LVM driver could not create {volumeName} ({sizeGib} GiB) in {VolumeGroup}", cancellationToken);
        return SameSize(await FindAsync(volumeName, cancellationToken) ?? throw Vanished(volumeName), sizeGib);
    }

    public async Task DeleteVolumeAsync(string volumeName, CancellationToken cancellationToken)
    {
        RequireVolumeName(volumeName, "delete");

        // An LV that tgtd holds open cannot be removed.
        if (_exporter is not null)
        {
            await _exporter.RemoveAsync(volumeName, cancellationToken);
        }

        var volumes = await _cli.ListAsync(VolumeGroup, cancellationToken);
        if (!volumes.Any(lv => lv.Name == volumeName))
        {
            return;
        }

        // Cinder refuses too (VolumeIsBusy): lvremove would take the snapshots with it.
        var snapshots = volumes.Where(lv => lv.Origin == volumeName).Select(lv => lv.Name.TrimStart('_')).ToArray();
        if (snapshots.Length > 0)
        {
            throw new VolumeDriverException($"The LVM driver could not delete {volumeName}: it still has snapshots ({string.Join(", ", snapshots)}); delete them first.");
        }

        await RemoveAsync(volumeName, $"The LVM driver could not delete {volumeName}", cancellationToken);
    }

    public async Task ExtendVolumeAsync(string volumeName, int newSizeGib, CancellationToken cancellationToken)
    {
        RequireVolumeName(volumeName, "extend");
        RequireSize(volumeName, newSizeGib);
        var volume = await FindAsync(volumeName, cancellationToken)
            ?? throw new VolumeDriverException($"The LVM driver could not extend {volumeName}: it does not exist in {VolumeGroup}.");

        // Never shrink: a redelivered extend after a later, larger one must not cut data off.
        if (volume.SizeBytes >= newSizeGib * BytesPerGib)
        {
            return;
        }

        await _cli.RunCheckedAsync("lvextend", ["-L", Bytes(newSizeGib), $"{VolumeGroup}/{volumeName}"], $"The LVM driver could not extend {volumeName} to {newSizeGib} GiB", cancellationToken);
        if (_exporter is not null)
        {
            await _exporter.RefreshAsync(volumeName, DevicePath(volumeName), cancellationToken);
        }
    }

    public async Task<string> CreateSnapshotAsync(string volumeName, string snapshotName, CancellationToken cancellationToken)
    {
        RequireVolumeName(volumeName, "snapshot");
        RequireSnapshotName(snapshotName);
        var lvName = SnapshotLv(snapshotName);
        var volumes = await _cli.ListAsync(VolumeGroup, cancellationToken);
        if (volumes.FirstOrDefault(lv => lv.Name == lvName) is { } existing)
        {
            return existing.Origin == volumeName
                ? DevicePath(lvName)
                : throw new VolumeDriverException($"The LVM driver could not create snapshot {snapshotName} of {volumeName}: it already exists as a snapshot of '{existing.Origin}'.");
        }

        var volume = volumes.FirstOrDefault(lv => lv.Name == volumeName)
            ?? throw new VolumeDriverException($"The LVM driver could not create snapshot {snapshotName}: {volumeName} does not exist in {VolumeGroup}.");

        // Cinder: a thin snapshot takes no size; a thick one gets as much copy-on-write space as the volume has.
        string[] arguments = volume.IsThin
            ? ["--name", lvName, "--snapshot", $"{VolumeGroup}/{volumeName}"]
            : ["--name", lvName, "--snapshot", $"{VolumeGroup}/{volumeName}", "-L", $"{volume.SizeBytes}B"];
        await CreateOrFindAsync(lvName, arguments, $"The LVM driver could not create snapshot {snapshotName} of {volumeName}", cancellationToken);
        return DevicePath(lvName);
    }

    public async Task DeleteSnapshotAsync(string volumeName, string snapshotName, CancellationToken cancellationToken)
    {
        RequireVolumeName(volumeName, "delete a snapshot of");
        RequireSnapshotName(snapshotName);
        var lvName = SnapshotLv(snapshotName);
        if (await FindAsync(lvName, cancellationToken) is null)
        {
            return;
        }

        await RemoveAsync(lvName, $"The LVM driver could not delete snapshot {snapshotName} of {volumeName}", cancellationToken);
    }

    public async Task<string> CreateVolumeFromSnapshotAsync(string sourceVolumeName, string snapshotName, string volumeName, int sizeGib, CancellationToken cancellationToken)
    {
        RequireVolumeName(sourceVolumeName, "create a volume from a snapshot of");
        RequireSnapshotName(snapshotName);
        RequireVolumeName(volumeName, "create");
        RequireSize(volumeName, sizeGib);
        if (await FindCompleteAsync(volumeName, cancellationToken) is { } existing)
        {
            return SameSize(existing, sizeGib);
        }

        var snapshot = await FindAsync(SnapshotLv(snapshotName), cancellationToken);
        if (snapshot is null || snapshot.Origin != sourceVolumeName)
        {
            throw new VolumeDriverException($"The LVM driver could not create {volumeName}: snapshot {snapshotName} of {sourceVolumeName} does not exist in {VolumeGroup}.");
        }

        var what = $"The LVM driver could not create {volumeName} from snapshot {snapshotName}";
        var dataBytes = snapshot.OriginSizeBytes ?? snapshot.SizeBytes;
        RequireRoom(volumeName, sizeGib, dataBytes);
        if (snapshot.IsThin)
        {
            return await ThinCopyAsync(snapshot.Name, volumeName, sizeGib, what, cancellationToken);
        }

        return await ThickCopyAsync(snapshot.Name, dataBytes, volumeName, sizeGib, what, cancellationToken);
    }

    public async Task<string> CloneVolumeAsync(string sourceVolumeName, string volumeName, int sizeGib, CancellationToken cancellationToken)
    {
        RequireVolumeName(sourceVolumeName, "clone");
        RequireVolumeName(volumeName, "create");
        RequireSize(volumeName, sizeGib);
        if (await FindCompleteAsync(volumeName, cancellationToken) is { } existing)
        {
            return SameSize(existing, sizeGib);
        }

        var source = await FindAsync(sourceVolumeName, cancellationToken)
            ?? throw new VolumeDriverException($"The LVM driver could not clone {sourceVolumeName} into {volumeName}: {sourceVolumeName} does not exist in {VolumeGroup}.");
        var what = $"The LVM driver could not clone {sourceVolumeName} into {volumeName}";
        RequireRoom(volumeName, sizeGib, source.SizeBytes);
        if (source.IsThin)
        {
            return await ThinCopyAsync(sourceVolumeName, volumeName, sizeGib, what, cancellationToken);
        }

        // Cinder's thick clone: copy from a temporary snapshot, so the source may stay in use meanwhile.
        var temporary = $"clone-snap-{volumeName["volume-".Length..]}";
        if (await FindAsync(temporary, cancellationToken) is not null)
        {
            await RemoveAsync(temporary, what, cancellationToken);
        }

        await _cli.RunCheckedAsync("lvcreate", ["--name", temporary, "--snapshot", $"{VolumeGroup}/{sourceVolumeName}", "-L", $"{source.SizeBytes}B"], what, cancellationToken);
        try
        {
            return await ThickCopyAsync(temporary, source.SizeBytes, volumeName, sizeGib, what, cancellationToken);
        }
        finally
        {
            await RemoveAsync(temporary, what, CancellationToken.None);
        }
    }

    public async Task<ConnectionInfo> InitializeConnectionAsync(string volumeName, VolumeConnector connector, CancellationToken cancellationToken)
    {
        RequireVolumeName(volumeName, "export");
        ArgumentNullException.ThrowIfNull(connector);
        if (_exporter is null)
        {
            throw new VolumeDriverException(
                $"The LVM driver cannot export {volumeName}: backend {_options.Name} has no iSCSI export; set its Iscsi:Enabled to true (and Iscsi:Portal to the address initiators reach).");
        }

        if (await FindAsync(volumeName, cancellationToken) is null)
        {
            throw new VolumeDriverException($"The LVM driver could not export {volumeName}: it does not exist in {VolumeGroup}.");
        }

        await ActivateAsync(volumeName, $"The LVM driver could not export {volumeName}", cancellationToken);
        return await _exporter.ExportAsync(volumeName, DevicePath(volumeName), connector, cancellationToken);
    }

    public async Task TerminateConnectionAsync(string volumeName, VolumeConnector connector, CancellationToken cancellationToken)
    {
        RequireVolumeName(volumeName, "withdraw the export of");
        ArgumentNullException.ThrowIfNull(connector);
        if (_exporter is not null)
        {
            await _exporter.UnexportAsync(volumeName, connector, cancellationToken);
        }
    }

    public async Task<PoolCapacity> GetCapacityAsync(CancellationToken cancellationToken)
    {
        double? total = null;
        double? free = null;
        double? provisioned = null;
        double allocated = 0;
        var count = 0;
        try
        {
            var group = await _cli.ShowVolumeGroupAsync(VolumeGroup, cancellationToken);
            var volumes = await _cli.ListAsync(VolumeGroup, cancellationToken);
            var ours = volumes.Where(lv => StorageNames.IsVolumeName(lv.Name)).ToArray();
            count = ours.Length;
            allocated = ours.Sum(lv => lv.SizeBytes) / (double)BytesPerGib;
            if (_lvm.IsThin)
            {
                // Cinder's thin stats: the pool is the capacity; free is what its data does not use yet.
                var pool = volumes.FirstOrDefault(lv => lv.Name == _lvm.EffectiveThinPool && lv.IsThinPool);
                if (pool is not null)
                {
                    total = pool.SizeBytes / (double)BytesPerGib;
                    free = pool.DataPercent is { } used ? total * (100 - used) / 100 : null;
                    provisioned = volumes.Where(lv => lv.PoolLv == pool.Name).Sum(lv => lv.SizeBytes) / (double)BytesPerGib;
                }
            }
            else
            {
                total = group.SizeBytes / (double)BytesPerGib;
                free = group.FreeBytes / (double)BytesPerGib;
                provisioned = volumes.Sum(lv => lv.SizeBytes) / (double)BytesPerGib;
            }
        }
        catch (VolumeDriverException)
        {
            // Unknown capacity: the report still flows, and the scheduler treats the pool as Cinder does "unknown".
        }

        return new PoolCapacity
        {
            PoolName = _options.EffectivePoolName,
            AvailabilityZone = _options.AvailabilityZone,
            TotalCapacityGib = Round(total),
            FreeCapacityGib = Round(free),
            AllocatedCapacityGib = Math.Round(allocated, 2),
            ProvisionedCapacityGib = Round(provisioned),
            ReservedPercentage = _options.ReservedPercentage,
            MaxOverSubscriptionRatio = _lvm.MaxOverSubscriptionRatio,
            ThinProvisioningSupport = _lvm.IsThin,
            ThickProvisioningSupport = !_lvm.IsThin,
            TotalVolumes = count,
            VolumeBackendName = _options.Name,
            DriverName = DriverName,
            StorageProtocol = "iSCSI",
        };
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;

    private static string Bytes(int sizeGib) => $"{sizeGib * BytesPerGib}B";

    // Cinder's _escape_snapshot: lvm2 refuses LV names that start with "snapshot".
    private static string SnapshotLv(string snapshotName) => "_" + snapshotName;

    private string DevicePath(string lvName) => $"/dev/{VolumeGroup}/{lvName}";

    private Task<LvmLogicalVolume?> FindAsync(string lvName, CancellationToken cancellationToken) => _cli.FindAsync(VolumeGroup, lvName, cancellationToken);

    // A copy that did not finish (the agent died during it) does not count: it is removed and made again.
    private async Task<LvmLogicalVolume?> FindCompleteAsync(string volumeName, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(volumeName, cancellationToken);
        if (existing is not null && existing.Tags.Contains(IncompleteTag))
        {
            await RemoveAsync(volumeName, $"The LVM driver could not remove the unfinished copy {volumeName}", cancellationToken);
            return null;
        }

        return existing;
    }

    // A duplicate delivery may create the LV between the look and the create; its result counts as ours.
    private async Task CreateOrFindAsync(string lvName, IReadOnlyList<string> arguments, string failure, CancellationToken cancellationToken)
    {
        var result = await _cli.RunAsync("lvcreate", arguments, _lvm.CommandTimeout, cancellationToken);
        if (result.ExitCode != 0 && await FindAsync(lvName, cancellationToken) is null)
        {
            result.ThrowIfFailed(failure);
        }
    }

    private async Task RemoveAsync(string lvName, string failure, CancellationToken cancellationToken)
    {
        var result = await _cli.RunAsync("lvremove", ["-f", $"{VolumeGroup}/{lvName}"], _lvm.CommandTimeout, cancellationToken);
        if (result.ExitCode != 0 && await FindAsync(lvName, cancellationToken) is not null)
        {
            result.ThrowIfFailed(failure);
        }
    }

    // -K: thin snapshots (and volumes made from them) carry the activation-skip flag.
    private async Task ActivateAsync(string lvName, string failure, CancellationToken cancellationToken)
    {
        await _cli.RunCheckedAsync("lvchange", ["-ay", "-K", $"{VolumeGroup}/{lvName}"], failure, cancellationToken);
        if (!File.Exists(DevicePath(lvName)))
        {
            throw new VolumeDriverException(
                $"{failure}: {VolumeGroup}/{lvName} is not active ({DevicePath(lvName)} does not exist after lvchange -ay). Activation needs device-mapper in the kernel and " +
                "'activation = 1' in the lvm.conf the agent uses (Lvm:SystemDirectory).");
        }
    }

    private async Task<string> ThinCopyAsync(string sourceLv, string volumeName, int sizeGib, string failure, CancellationToken cancellationToken)
    {
        await CreateOrFindAsync(volumeName, ["--name", volumeName, "--snapshot", $"{VolumeGroup}/{sourceLv}"], failure, cancellationToken);

        // A volume, unlike a snapshot, comes up with its volume group (Cinder's activate_lv(permanent=True)).
        await _cli.RunCheckedAsync("lvchange", ["--setactivationskip", "n", $"{VolumeGroup}/{volumeName}"], failure, cancellationToken);
        var created = await FindAsync(volumeName, cancellationToken) ?? throw Vanished(volumeName);
        if (created.SizeBytes < sizeGib * BytesPerGib)
        {
            await _cli.RunCheckedAsync("lvextend", ["-L", Bytes(sizeGib), $"{VolumeGroup}/{volumeName}"], failure, cancellationToken);
        }

        return DevicePath(volumeName);
    }

    private async Task<string> ThickCopyAsync(string sourceLv, long dataBytes, string volumeName, int sizeGib, string failure, CancellationToken cancellationToken)
    {
        await _cli.RunCheckedAsync("lvcreate", ["-an", "-Zn", "-L", Bytes(sizeGib), "-n", volumeName, "--addtag", IncompleteTag, VolumeGroup], failure, cancellationToken);
        try
        {
            await ActivateAsync(sourceLv, failure, cancellationToken);
            await ActivateAsync(volumeName, failure, cancellationToken);
            await _cli.CopyAsync(DevicePath(sourceLv), DevicePath(volumeName), dataBytes, cancellationToken);
            await _cli.RunCheckedAsync("lvchange", ["--deltag", IncompleteTag, $"{VolumeGroup}/{volumeName}"], failure, cancellationToken);
        }
        catch (Exception e) when (e is VolumeDriverException or OperationCanceledException)
        {
            // Half a copy is no volume: remove it so that the failure leaves nothing that looks created.
            await RemoveAsync(volumeName, failure, CancellationToken.None);
            throw;
        }

        return DevicePath(volumeName);
    }

    private string SameSize(LvmLogicalVolume existing, int sizeGib)
    {
        if (existing.SizeBytes != sizeGib * BytesPerGib)
        {
            throw new VolumeDriverException(
                $"The LVM driver could not create {existing.Name}: it already exists with {existing.SizeBytes / (double)BytesPerGib:0.###} GiB, not {sizeGib} GiB.");
        }

        return DevicePath(existing.Name);
    }

    private static void RequireRoom(string volumeName, int sizeGib, long sourceBytes)
    {
        if (sizeGib * BytesPerGib < sourceBytes)
        {
            throw new VolumeDriverException(
                $"The LVM driver could not create {volumeName}: {sizeGib} GiB is smaller than its source's {sourceBytes / (double)BytesPerGib:0.###} GiB.");
        }
    }

    private VolumeDriverException Vanished(string lvName) =>
        new($"The LVM driver created {lvName} in {VolumeGroup}, but it is gone again: another process is changing the volume group.");

    private static void RequireSize(string volumeName, int sizeGib)
    {
        if (sizeGib <= 0)
        {
            throw new VolumeDriverException($"The LVM driver could not create {volumeName}: the size must be at least 1 GiB, not {sizeGib}.");
        }
    }

    private static void RequireVolumeName(string volumeName, string operation)
    {
        if (!StorageNames.IsVolumeName(volumeName))
        {
            throw new VolumeDriverException($"The LVM driver refused to {operation} '{volumeName}': it is not a volume-<uuid> name.");
        }
    }

    private static void RequireSnapshotName(string snapshotName)
    {
        if (!StorageNames.IsSnapshotName(snapshotName))
        {
            throw new VolumeDriverException($"The LVM driver refused snapshot '{snapshotName}': it is not a snapshot-<uuid> name.");
        }
    }
}
