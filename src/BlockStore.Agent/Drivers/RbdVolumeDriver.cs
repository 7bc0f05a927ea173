using System.Globalization;
using System.Text.Json.Nodes;
using BlockStore.Core.Agents;
using BlockStore.Core.Volumes;

namespace BlockStore.Agent.Drivers;

/// <summary>
/// Volumes as RBD images in one Ceph pool, after Cinder's RBD driver: thin, format 2 with layering; snapshots are
/// protected at creation so volumes can be cloned from them copy-on-write; a clone of a volume is made from a hidden
/// snapshot <c>{clone}.clone_snap</c> of the source; clones deeper than <see cref="RbdOptions.MaxCloneDepth"/> are
/// flattened.
/// </summary>
/// <remarks>
/// Deleting a volume that has clones made from it: Cinder renames the source to <c>volume-….deleted</c> and keeps it
/// until its last clone goes. This driver flattens those clones instead (they become independent copies), then removes
/// the hidden snapshots and the volume, so a deleted volume never lingers outside the control plane's view and never
/// counts against the pool unseen. It costs a data copy per clone at delete time. User snapshots still block a delete,
/// as in Cinder (<c>VolumeIsBusy</c>).
/// </remarks>
public sealed class RbdVolumeDriver : IVolumeDriver, ISupportsExtend, ISupportsSnapshots, ISupportsClones, ISupportsExport
{
    public const string DriverName = "rbd";

    /// <summary>Cinder's <c>storage_protocol</c> for RBD.</summary>
    public const string StorageProtocol = "ceph";

    /// <summary>Cinder's suffix of the hidden snapshot a clone of a volume is made from, named after the clone.</summary>
    public const string CloneSnapshotSuffix = ".clone_snap";

    private const long BytesPerMib = 1L << 20;
    private const long BytesPerGib = 1L << 30;

    private readonly BackendOptions _backend;
    private readonly RbdOptions _options;
    private readonly RbdCli _cli;

    public RbdVolumeDriver(BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Rbd);
        _backend = options;
        _options = options.Rbd;
        _cli = new RbdCli(options.Rbd);
    }

    public string Pool => _options.Pool;

    public async Task<string> CreateVolumeAsync(string volumeName, int sizeGib, CancellationToken cancellationToken)
    {
        RequireVolumeName(volumeName, "create");
        RequireSize(volumeName, sizeGib, "create");
        var created = await _cli.RbdAsync(["create", "--size", Mib(sizeGib), "--image-feature", "layering", "--no-progress", Spec(volumeName)], cancellationToken);
        if (created.ExitCode == RbdCli.Exists)
        {
            // A redelivered create: the same size is the same volume.
            var existing = await FindImageAsync(volumeName, "create", cancellationToken)
                ?? throw new VolumeDriverException($"The rbd driver could not create {volumeName}: it was being removed at the same time; try again.");
            RequireSameSize(existing, sizeGib, "create");
        }
        else if (!created.Succeeded)
        {
            throw Failure($"could not create {volumeName} in pool {Pool}", created);
        }

        return Spec(volumeName);
    }

    public async Task DeleteVolumeAsync(string volumeName, CancellationToken cancellationToken)
    {
        RequireVolumeName(volumeName, "delete");
        var snapshots = await FindSnapshotsAsync(volumeName, "delete", cancellationToken);
        if (snapshots is null)
        {
            return;
        }

        var userSnapshots = snapshots.Where(s => !IsCloneSnapshot(s.Name)).Select(s => s.Name).ToList();
        if (userSnapshots.Count > 0)
        {
            throw new VolumeDriverException(
                $"The rbd driver could not delete {volumeName}: it has snapshots ({string.Join(", ", userSnapshots)}); delete its snapshots first.");
        }

        foreach (var cloneSnapshot in snapshots.Where(s => IsCloneSnapshot(s.Name)))
        {
            foreach (var child in await ChildrenAsync(volumeName, cloneSnapshot.Name, "delete", cancellationToken))
            {
                await FlattenChildAsync(volumeName, child, cancellationToken);
            }

            await RemoveSnapshotAsync(volumeName, cloneSnapshot, "delete", cancellationToken);
        }

        var image = await FindImageAsync(volumeName, "delete", cancellationToken);
        if (image is null)
        {
            return;
        }

        var removed = await _cli.RbdAsync(["rm", "--no-progress", Spec(volumeName)], cancellationToken);
        switch (removed.ExitCode)
        {
            case 0 or RbdCli.NotFound:
                break;
            case RbdCli.NotEmpty:
                throw new VolumeDriverException($"The rbd driver could not delete {volumeName}: a snapshot of it was created meanwhile; delete its snapshots first.");
            case RbdCli.Busy:
                throw new VolumeDriverException($"The rbd driver could not delete {volumeName}: a client still has it open (attached, or being copied); detach it and try again.");
            default:
                throw Failure($"could not delete {volumeName}", removed);
        }

        // This volume was a clone of a volume: its hidden snapshot on the source has served its purpose.
        if (image.Parent is { } parent && parent.Pool == Pool && parent.Snapshot == volumeName + CloneSnapshotSuffix && StorageNames.IsVolumeName(parent.Image))
        {
            await RemoveCloneSnapshotIfUnusedAsync(parent.Image, parent.Snapshot, "delete", cancellationToken);
        }
    }

    public async Task ExtendVolumeAsync(string volumeName, int newSizeGib, CancellationToken cancellationToken)
    {
        RequireVolumeName(volumeName, "extend");
        RequireSize(volumeName, newSizeGib, "extend");
        var image = await FindImageAsync(volumeName, "extend", cancellationToken)
            ?? throw new VolumeDriverException($"The rbd driver could not extend {volumeName}: it does not exist in pool {Pool}.");

        // Never shrink: a smaller or equal size is a repeated (or late) extend, and succeeds without touching data.
        if (newSizeGib * BytesPerGib <= image.SizeBytes)
        {
            return;
        }

        await ResizeAsync(volumeName, newSizeGib, "extend", cancellationToken);
    }

    public async Task<string> CreateSnapshotAsync(string volumeName, string snapshotName, CancellationToken cancellationToken)
    {
        RequireVolumeName(volumeName, "snapshot");
        RequireSnapshotName(snapshotName, volumeName);
        var snapshots = await FindSnapshotsAsync(volumeName, "snapshot", cancellationToken)
            ?? throw new VolumeDriverException($"The rbd driver could not snapshot {volumeName}: it does not exist in pool {Pool}.");
        await EnsureProtectedSnapshotAsync(volumeName, snapshotName, snapshots, "snapshot", cancellationToken);
        return Spec(volumeName, snapshotName);
    }

    public async Task DeleteSnapshotAsync(string volumeName, string snapshotName, CancellationToken cancellationToken)
    {
        RequireVolumeName(volumeName, "delete a snapshot of");
        RequireSnapshotName(snapshotName, volumeName);
        var snapshot = (await FindSnapshotsAsync(volumeName, "delete a snapshot of", cancellationToken))?.FirstOrDefault(s => s.Name == snapshotName);
        if (snapshot is not null)
        {
            await RemoveSnapshotAsync(volumeName, snapshot, "delete", cancellationToken);
        }
    }

    public async Task<string> CreateVolumeFromSnapshotAsync(string sourceVolumeName, string snapshotName, string volumeName, int sizeGib, CancellationToken cancellationToken)
    {
        RequireVolumeName(sourceVolumeName, "create a volume from a snapshot of");
        RequireSnapshotName(snapshotName, sourceVolumeName);
        RequireVolumeName(volumeName, "create");
        RequireSize(volumeName, sizeGib, "create");
        var snapshot = (await FindSnapshotsAsync(sourceVolumeName, "create a volume from", cancellationToken))?.FirstOrDefault(s => s.Name == snapshotName)
            ?? throw new VolumeDriverException($"The rbd driver could not create {volumeName}: snapshot {snapshotName} of {sourceVolumeName} does not exist in pool {Pool}.");
        RequireNotSmaller(volumeName, sizeGib, snapshot.SizeBytes, $"snapshot {snapshotName}");
        return await CloneAsync(sourceVolumeName, snapshotName, volumeName, sizeGib, hiddenSnapshot: false, cancellationToken);
    }

    public async Task<string> CloneVolumeAsync(string sourceVolumeName, string volumeName, int sizeGib, CancellationToken cancellationToken)
    {
        RequireVolumeName(sourceVolumeName, "clone");
        RequireVolumeName(volumeName, "create");
        RequireSize(volumeName, sizeGib, "create");
        if (sourceVolumeName == volumeName)
        {
            throw new VolumeDriverException($"The rbd driver could not clone {volumeName}: a volume cannot be cloned into itself.");
        }

        var snapshotName = volumeName + CloneSnapshotSuffix;
        if (await FindImageAsync(volumeName, "clone", cancellationToken) is null)
        {
            var source = await FindImageAsync(sourceVolumeName, "clone", cancellationToken)
                ?? throw new VolumeDriverException($"The rbd driver could not create {volumeName}: the source volume {sourceVolumeName} does not exist in pool {Pool}.");
            RequireNotSmaller(volumeName, sizeGib, source.SizeBytes, $"source volume {sourceVolumeName}");
            var snapshots = await FindSnapshotsAsync(sourceVolumeName, "clone", cancellationToken) ?? [];
            await EnsureProtectedSnapshotAsync(sourceVolumeName, snapshotName, snapshots, "clone", cancellationToken);
        }

        try
        {
            return await CloneAsync(sourceVolumeName, snapshotName, volumeName, sizeGib, hiddenSnapshot: true, cancellationToken);
        }
        catch (VolumeDriverException)
        {
            // As Cinder: no clone, no hidden snapshot left behind on the source. The first failure is the one to report.
            try
            {
                await RemoveCloneSnapshotIfUnusedAsync(sourceVolumeName, snapshotName, "clone", CancellationToken.None);
            }
            catch (VolumeDriverException)
            {
            }

            throw;
        }
    }

    public async Task<ConnectionInfo> InitializeConnectionAsync(string volumeName, VolumeConnector connector, CancellationToken cancellationToken)
    {
        RequireVolumeName(volumeName, "export");
        ArgumentNullException.ThrowIfNull(connector);
        _ = await FindImageAsync(volumeName, "export", cancellationToken)
            ?? throw new VolumeDriverException($"The rbd driver could not export {volumeName}: it does not exist in pool {Pool}.");
        var dump = await _cli.CephAsync(["mon", "dump", "--format", "json"], cancellationToken);
        if (!dump.Succeeded)
        {
            throw Failure($"could not export {volumeName}: the monitors' addresses are unknown", dump);
        }

        var (hosts, ports) = RbdJson.Monitors(WithoutBanner(dump.Output));

        // Cinder's initialize_connection, key for key, so os-brick and Nova's libvirt driver read it unchanged.
        return new ConnectionInfo
        {
            DriverVolumeType = "rbd",
            Data = new JsonObject
            {
                ["name"] = Spec(volumeName),
                ["hosts"] = new JsonArray([.. hosts.Select(h => (JsonNode)JsonValue.Create(h))]),
                ["ports"] = new JsonArray([.. ports.Select(p => (JsonNode)JsonValue.Create(p))]),
                ["cluster_name"] = _options.ClusterName,
                ["auth_enabled"] = true,
                ["auth_username"] = _options.User,
                ["secret_type"] = "ceph",
                ["secret_uuid"] = _options.SecretUuid,
                ["volume_id"] = volumeName["volume-".Length..],
                ["discard"] = true,
                ["keyring"] = null,
            },
        };
    }

    // Clients reach RBD directly with their own cephx key; there is no export to withdraw.
    public Task TerminateConnectionAsync(string volumeName, VolumeConnector connector, CancellationToken cancellationToken)
    {
        RequireVolumeName(volumeName, "withdraw the export of");
        return Task.CompletedTask;
    }

    public async Task<PoolCapacity> GetCapacityAsync(CancellationToken cancellationToken)
    {
        // Three independent questions, asked at once so an unreachable cluster costs one connect timeout, not three.
        var df = TryAsync(_cli.CephAsync(["df", "--format", "json"], cancellationToken));
        var quota = TryAsync(_cli.CephAsync(["osd", "pool", "get-quota", Pool, "--format", "json"], cancellationToken));
        var images = TryAsync(_cli.RbdAsync(["ls", "-l", "--format", "json", Pool], cancellationToken));
        await Task.WhenAll(df, quota, images);

        var (total, free) = PoolSize(await df, await quota);
        var volumes = TryRead(await images, RbdJson.ImageList)?.Where(i => StorageNames.IsVolumeName(i.Name)).ToList();
        var provisionedGib = volumes is null ? (double?)null : Math.Round(volumes.Sum(v => v.SizeBytes) / (double)BytesPerGib, 2);
        return new PoolCapacity
        {
            PoolName = _backend.EffectivePoolName,
            AvailabilityZone = _backend.AvailabilityZone,
            TotalCapacityGib = total,
            FreeCapacityGib = free,
            AllocatedCapacityGib = provisionedGib ?? 0,
            ProvisionedCapacityGib = provisionedGib,
            ReservedPercentage = _backend.ReservedPercentage,
            DriverName = DriverName,
            StorageProtocol = StorageProtocol,
            ThinProvisioningSupport = true,
            ThickProvisioningSupport = false,
            MaxOverSubscriptionRatio = _options.MaxOverSubscriptionRatio,
            VolumeBackendName = _backend.Name,
            TotalVolumes = volumes?.Count ?? 0,
        };
    }

    // Cinder's _get_pool_stats with report_dynamic_total_capacity: without a quota, total = used + max_avail and
    // free = max_avail; with one, total = the quota and free = what is left of it, at most max_avail.
    private (double? Total, double? Free) PoolSize(RbdResult? df, RbdResult? quota)
    {
        var usage = TryRead(df, json => RbdJson.PoolUsage(json, Pool));
        if (usage is not { } u)
        {
            return (null, null);
        }

        var quotaBytes = TryRead(quota, json => (long?)RbdJson.QuotaMaxBytes(json)) ?? 0;
        var (totalBytes, freeBytes) = quotaBytes > 0
            ? (quotaBytes, Math.Max(Math.Min(quotaBytes - u.Used, u.MaxAvailable), 0))
            : (u.Used + u.MaxAvailable, u.MaxAvailable);
        return (Math.Round(totalBytes / (double)BytesPerGib, 2), Math.Round(freeBytes / (double)BytesPerGib, 2));
    }

    private static async Task<RbdResult?> TryAsync(Task<RbdResult> run)
    {
        try
        {
            var result = await run;
            return result.Succeeded ? result : null;
        }
        catch (VolumeDriverException)
        {
            return null;
        }
    }

    private static T? TryRead<T>(RbdResult? result, Func<string, T> read)
    {
        if (result is null)
        {
            return default;
        }

        try
        {
            return read(result.Output);
        }
        catch (VolumeDriverException)
        {
            return default;
        }
    }

    private async Task<string> CloneAsync(string sourceVolumeName, string snapshotName, string volumeName, int sizeGib, bool hiddenSnapshot, CancellationToken cancellationToken)
    {
        var image = await FindImageAsync(volumeName, "create", cancellationToken);
        if (image is null)
        {
            var cloned = await _cli.RbdAsync(["clone", "--image-feature", "layering", Spec(sourceVolumeName, snapshotName), Spec(volumeName)], cancellationToken);
            if (!cloned.Succeeded && cloned.ExitCode != RbdCli.Exists)
            {
                throw Failure($"could not create {volumeName} from {sourceVolumeName}@{snapshotName}", cloned);
            }

            image = await FindImageAsync(volumeName, "create", cancellationToken)
                ?? throw new VolumeDriverException($"The rbd driver could not create {volumeName}: it was being removed at the same time; try again.");
        }
        else if (image.Parent is { } other && (other.Pool != Pool || other.Image != sourceVolumeName || other.Snapshot != snapshotName))
        {
            throw new VolumeDriverException(
                $"The rbd driver could not create {volumeName} from {sourceVolumeName}@{snapshotName}: it already exists as a clone of {other.Pool}/{other.Image}@{other.Snapshot}.");
        }

        // A redelivery finds the clone at the snapshot's size when the resize did not happen yet.
        if (image.SizeBytes > sizeGib * BytesPerGib)
        {
            RequireSameSize(image, sizeGib, "create");
        }
        else if (image.SizeBytes < sizeGib * BytesPerGib)
        {
            await ResizeAsync(volumeName, sizeGib, "create", cancellationToken);
        }

        if (image.Parent is not null && await CloneDepthAsync(image, cancellationToken) > _options.MaxCloneDepth)
        {
            await FlattenAsync(volumeName, "create", cancellationToken);
            image = image with { Parent = null };
        }

        if (image.Parent is null && hiddenSnapshot)
        {
            await RemoveCloneSnapshotIfUnusedAsync(sourceVolumeName, snapshotName, "create", cancellationToken);
        }

        return Spec(volumeName);
    }

    // Ancestors above the image, counted only as far as the limit needs (Cinder's _get_clone_depth).
    private async Task<int> CloneDepthAsync(RbdImage image, CancellationToken cancellationToken)
    {
        var depth = 0;
        for (var parent = image.Parent; parent is not null && depth <= _options.MaxCloneDepth; depth++)
        {
            var info = await _cli.RbdAsync(["info", "--format", "json", $"{parent.Pool}/{parent.Image}"], cancellationToken);
            if (!info.Succeeded)
            {
                throw Failure($"could not create {image.Name}: the clone chain above it could not be read", info);
            }

            parent = RbdJson.Image(info.Output).Parent;
        }

        return depth;
    }

    private async Task EnsureProtectedSnapshotAsync(string volumeName, string snapshotName, IReadOnlyList<RbdSnapshot> snapshots, string operation, CancellationToken cancellationToken)
    {
        var existing = snapshots.FirstOrDefault(s => s.Name == snapshotName);
        if (existing is null)
        {
            var created = await _cli.RbdAsync(["snap", "create", "--no-progress", Spec(volumeName, snapshotName)], cancellationToken);
            if (!created.Succeeded && created.ExitCode != RbdCli.Exists)
            {
                throw Failure($"could not {operation} {volumeName}: snapshot {snapshotName} was not created", created);
            }
        }

        // Protection is what lets volumes be cloned from the snapshot (clone format 1 semantics, as Cinder uses them).
        if (existing is not { Protected: true })
        {
            var protectedSnapshot = await _cli.RbdAsync(["snap", "protect", Spec(volumeName, snapshotName)], cancellationToken);
            if (!protectedSnapshot.Succeeded && protectedSnapshot.ExitCode != RbdCli.Busy)
            {
                throw Failure($"could not {operation} {volumeName}: snapshot {snapshotName} could not be protected", protectedSnapshot);
            }
        }
    }

    private async Task RemoveSnapshotAsync(string volumeName, RbdSnapshot snapshot, string operation, CancellationToken cancellationToken)
    {
        var spec = Spec(volumeName, snapshot.Name);
        if (snapshot.Protected)
        {
            var unprotected = await _cli.RbdAsync(["snap", "unprotect", spec], cancellationToken);
            if (unprotected.ExitCode == RbdCli.Busy)
            {
                // Cinder's SnapshotIsBusy.
                var children = await ChildrenAsync(volumeName, snapshot.Name, operation, cancellationToken);
                throw new VolumeDriverException(
                    $"The rbd driver could not {operation} snapshot {snapshot.Name} of {volumeName}: the snapshot has dependent volumes " +
                    $"({string.Join(", ", children.Select(c => c.Image))}); delete those volumes first.");
            }

            if (!unprotected.Succeeded && unprotected.ExitCode != RbdCli.InvalidArgument)
            {
                throw Failure($"could not {operation} snapshot {snapshot.Name} of {volumeName}", unprotected);
            }
        }

        var removed = await _cli.RbdAsync(["snap", "rm", "--no-progress", spec], cancellationToken);
        if (!removed.Succeeded && removed.ExitCode != RbdCli.NotFound)
        {
            throw Failure($"could not {operation} snapshot {snapshot.Name} of {volumeName}", removed);
        }
    }

    private async Task RemoveCloneSnapshotIfUnusedAsync(string volumeName, string snapshotName, string operation, CancellationToken cancellationToken)
    {
        var snapshot = (await FindSnapshotsAsync(volumeName, operation, cancellationToken))?.FirstOrDefault(s => s.Name == snapshotName);
        if (snapshot is not null && (await ChildrenAsync(volumeName, snapshotName, operation, cancellationToken)).Count == 0)
        {
            await RemoveSnapshotAsync(volumeName, snapshot, operation, cancellationToken);
        }
    }

    private async Task FlattenChildAsync(string volumeName, RbdChild child, CancellationToken cancellationToken)
    {
        if (child.Pool != Pool || !StorageNames.IsVolumeName(child.Image))
        {
            throw new VolumeDriverException(
                $"The rbd driver could not delete {volumeName}: {child.Pool}/{child.Image} was cloned from it outside BlockStore; flatten or remove that image first.");
        }

        await FlattenAsync(child.Image, "delete " + volumeName + ": its clone", cancellationToken);
    }

    private async Task FlattenAsync(string volumeName, string operation, CancellationToken cancellationToken)
    {
        var flattened = await _cli.RbdAsync(["flatten", "--no-progress", Spec(volumeName)], cancellationToken, _cli.Timeout * 10);

        // EINVAL: it has no parent (any more), which is what flattening wants.
        if (!flattened.Succeeded && flattened.ExitCode != RbdCli.InvalidArgument)
        {
            throw Failure($"could not {operation} {volumeName}: flattening it failed", flattened);
        }
    }

    private async Task ResizeAsync(string volumeName, int sizeGib, string operation, CancellationToken cancellationToken)
    {
        var resized = await _cli.RbdAsync(["resize", "--size", Mib(sizeGib), "--no-progress", Spec(volumeName)], cancellationToken);
        if (!resized.Succeeded)
        {
            throw Failure($"could not {operation} {volumeName} at {sizeGib} GiB", resized);
        }
    }

    private async Task<RbdImage?> FindImageAsync(string volumeName, string operation, CancellationToken cancellationToken)
    {
        var info = await _cli.RbdAsync(["info", "--format", "json", Spec(volumeName)], cancellationToken);
        return info.ExitCode switch
        {
            0 => RbdJson.Image(info.Output),
            RbdCli.NotFound => null,
            _ => throw Failure($"could not {operation} {volumeName}", info),
        };
    }

    private async Task<IReadOnlyList<RbdSnapshot>?> FindSnapshotsAsync(string volumeName, string operation, CancellationToken cancellationToken)
    {
        var listed = await _cli.RbdAsync(["snap", "ls", "--format", "json", Spec(volumeName)], cancellationToken);
        return listed.ExitCode switch
        {
            0 => RbdJson.Snapshots(listed.Output),
            RbdCli.NotFound => null,
            _ => throw Failure($"could not {operation} {volumeName}", listed),
        };
    }

    private async Task<IReadOnlyList<RbdChild>> ChildrenAsync(string volumeName, string snapshotName, string operation, CancellationToken cancellationToken)
    {
        var listed = await _cli.RbdAsync(["children", "--format", "json", Spec(volumeName, snapshotName)], cancellationToken);
        return listed.ExitCode switch
        {
            0 => RbdJson.Children(listed.Output),
            RbdCli.NotFound => [],
            _ => throw Failure($"could not {operation} {volumeName}: the clones of {snapshotName} could not be listed", listed),
        };
    }

    private static bool IsCloneSnapshot(string snapshotName) =>
        snapshotName.EndsWith(CloneSnapshotSuffix, StringComparison.Ordinal) && StorageNames.IsVolumeName(snapshotName[..^CloneSnapshotSuffix.Length]);

    private string Spec(string volumeName) => $"{Pool}/{volumeName}";

    private string Spec(string volumeName, string snapshotName) => $"{Pool}/{volumeName}@{snapshotName}";

    private static string Mib(int sizeGib) => (sizeGib * (BytesPerGib / BytesPerMib)).ToString(CultureInfo.InvariantCulture);

    // `ceph mon dump` of some releases prints its banner on stdout (Cinder strips it too).
    private static string WithoutBanner(string output) =>
        output.StartsWith("dumped monmap", StringComparison.Ordinal) ? output[(output.IndexOf('\n', StringComparison.Ordinal) + 1)..] : output;

    private static void RequireVolumeName(string volumeName, string operation)
    {
        if (!StorageNames.IsVolumeName(volumeName))
        {
            throw new VolumeDriverException($"The rbd driver refused to {operation} '{volumeName}': it is not a volume-<uuid> name.");
        }
    }

    private static void RequireSnapshotName(string snapshotName, string volumeName)
    {
        if (!StorageNames.IsSnapshotName(snapshotName))
        {
            throw new VolumeDriverException($"The rbd driver refused snapshot '{snapshotName}' of {volumeName}: it is not a snapshot-<uuid> name.");
        }
    }

    private static void RequireSize(string volumeName, int sizeGib, string operation)
    {
        // 1 GiB .. 1 PiB: the upper bound keeps the MiB arithmetic far from overflowing.
        if (sizeGib is <= 0 or > 1 << 20)
        {
            throw new VolumeDriverException($"The rbd driver could not {operation} {volumeName}: the size must be between 1 GiB and 1 PiB, not {sizeGib} GiB.");
        }
    }

    private static void RequireSameSize(RbdImage image, int sizeGib, string operation)
    {
        if (image.SizeBytes != sizeGib * BytesPerGib)
        {
            throw new VolumeDriverException(
                $"The rbd driver could not {operation} {image.Name}: it already exists with {image.SizeBytes / (double)BytesPerGib:0.###} GiB, not {sizeGib} GiB.");
        }
    }

    private static void RequireNotSmaller(string volumeName, int sizeGib, long sourceBytes, string source)
    {
        if (sizeGib * BytesPerGib < sourceBytes)
        {
            throw new VolumeDriverException(
                $"The rbd driver could not create {volumeName}: {sizeGib} GiB is smaller than {source} ({sourceBytes / (double)BytesPerGib:0.###} GiB); ask for at least its size.");
        }
    }

    private VolumeDriverException Failure(string what, RbdResult result)
    {
        var reason = result.Reason.TrimEnd('.');
        var hint = "";
        if (result.ExitCode == 13 || reason.Contains("Permission denied", StringComparison.Ordinal) || reason.Contains("Operation not permitted", StringComparison.Ordinal))
        {
            hint = $" Check client.{_options.User}'s caps (mon 'profile rbd', osd 'profile rbd pool={Pool}') and its keyring.";
        }
        else if (result.ExitCode == 110 || reason.Contains("timed out", StringComparison.OrdinalIgnoreCase))
        {
            hint = $" The cluster of {_options.CephConf} did not answer: check that its monitors are reachable from the agent.";
        }

        return new VolumeDriverException($"The rbd driver {what}: {reason}.{hint}");
    }
}
