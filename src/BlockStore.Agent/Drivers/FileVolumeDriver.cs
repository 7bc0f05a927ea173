using System.Text.Json.Nodes;
using BlockStore.Core.Agents;
using BlockStore.Core.Volumes;

namespace BlockStore.Agent.Drivers;

/// <summary>
/// Volumes as sparse raw files in <c>{DataDirectory}/volumes</c>, after Cinder's NFS driver: a volume's file
/// has the volume's full size but uses blocks only as data is written.
/// <para>
/// A snapshot is a sparse copy of the volume's file at <c>{DataDirectory}/snapshots/{volume}/{snapshot}</c>, and
/// volumes made from snapshots or cloned from volumes are sparse copies too: a volume's file therefore always stays
/// raw and independent, which the iSCSI export (tgtd's <c>rdwr</c> backing store) and deletes in any order need.
/// Cinder's NFS driver chains qcow2 overlays instead; that saves the copy but makes the active file a qcow2 that tgtd
/// cannot serve. The copy skips all-zero blocks, so it costs a read of the source and writes only its data.
/// </para>
/// <para>
/// Exports: with <c>Iscsi:Enabled</c> through tgtd (<see cref="TgtIscsiExporter"/>), otherwise Cinder's <c>local</c>
/// connection info (the file's path) for hosts that see this file system.
/// </para>
/// </summary>
public sealed class FileVolumeDriver : IVolumeDriver, ISupportsExtend, ISupportsSnapshots, ISupportsClones, ISupportsExport
{
    public const string DriverName = "file";

    private const long BytesPerGib = 1L << 30;
    private const int CopyBlockBytes = 1 << 20;

    private readonly BackendOptions _options;
    private readonly TgtIscsiExporter? _exporter;

    public FileVolumeDriver(BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        _options = options;
        DataDirectory = Path.GetFullPath(options.DataDirectory);
        VolumesDirectory = Path.Combine(DataDirectory, "volumes");
        SnapshotsDirectory = Path.Combine(DataDirectory, "snapshots");
        _exporter = options.Iscsi.Enabled ? new TgtIscsiExporter(options.Iscsi, DataDirectory) : null;
    }

    public string DataDirectory { get; }

    public string VolumesDirectory { get; }

    public string SnapshotsDirectory { get; }

    public Task<string> CreateVolumeAsync(string volumeName, int sizeGib, CancellationToken cancellationToken)
    {
        RequireValidName(volumeName, "create");
        if (sizeGib <= 0)
        {
            throw new VolumeDriverException($"The file driver could not create {volumeName}: the size must be at least 1 GiB, not {sizeGib}.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var path = Path.Combine(VolumesDirectory, volumeName);
        var bytes = sizeGib * BytesPerGib;
        try
        {
            Directory.CreateDirectory(VolumesDirectory);
            if (!File.Exists(path))
            {
                CreateAtomically(path, bytes);
            }

            var existing = new FileInfo(path).Length;
            if (existing != bytes)
            {
                throw new VolumeDriverException(
                    $"The file driver could not create {volumeName}: it already exists with {existing / (double)BytesPerGib:0.###} GiB, not {sizeGib} GiB.");
            }

            return Task.FromResult(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VolumeDriverException($"The file driver could not create {volumeName}: {e.Message}", e);
        }
    }

    public async Task DeleteVolumeAsync(string volumeName, CancellationToken cancellationToken)
    {
        RequireValidName(volumeName, "delete");
        cancellationToken.ThrowIfCancellationRequested();

        // tgtd would keep serving the deleted file's blocks through its open descriptor.
        if (_exporter is not null)
        {
            await _exporter.RemoveAsync(volumeName, cancellationToken);
        }

        try
        {
            // File.Delete succeeds when the file is gone; a missing (or non-directory) parent means gone too.
            File.Delete(Path.Combine(VolumesDirectory, volumeName));
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VolumeDriverException($"The file driver could not delete {volumeName}: {e.Message}", e);
        }
    }

    public async Task ExtendVolumeAsync(string volumeName, int newSizeGib, CancellationToken cancellationToken)
    {
        RequireValidName(volumeName, "extend");
        var path = ExistingVolume(volumeName, "extend");
        var bytes = newSizeGib * BytesPerGib;
        try
        {
            // Never shrink: a redelivered extend after a later, larger one must not cut data off.
            if (new FileInfo(path).Length >= bytes)
            {
                return;
            }

            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
            {
                stream.SetLength(bytes);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VolumeDriverException($"The file driver could not extend {volumeName} to {newSizeGib} GiB: {e.Message}", e);
        }

        if (_exporter is not null)
        {
            await _exporter.RefreshAsync(volumeName, path, cancellationToken);
        }
    }

    public async Task<string> CreateSnapshotAsync(string volumeName, string snapshotName, CancellationToken cancellationToken)
    {
        RequireValidName(volumeName, "snapshot");
        RequireValidSnapshotName(snapshotName, "create");
        var path = SnapshotPath(volumeName, snapshotName);
        if (File.Exists(path))
        {
            return path;
        }

        var source = ExistingVolume(volumeName, $"snapshot into {snapshotName}");
        await CopyAtomicallyAsync(source, path, null, $"create snapshot {snapshotName} of {volumeName}", cancellationToken);
        return path;
    }

    public Task DeleteSnapshotAsync(string volumeName, string snapshotName, CancellationToken cancellationToken)
    {
        RequireValidName(volumeName, "delete a snapshot of");
        RequireValidSnapshotName(snapshotName, "delete");
        cancellationToken.ThrowIfCancellationRequested();
        var path = SnapshotPath(volumeName, snapshotName);
        try
        {
            File.Delete(path);
            var directory = Path.GetDirectoryName(path)!;
            if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
            {
                Directory.Delete(directory);
            }
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VolumeDriverException($"The file driver could not delete snapshot {snapshotName} of {volumeName}: {e.Message}", e);
        }

        return Task.CompletedTask;
    }

    public async Task<string> CreateVolumeFromSnapshotAsync(string sourceVolumeName, string snapshotName, string volumeName, int sizeGib, CancellationToken cancellationToken)
    {
        RequireValidName(sourceVolumeName, "create a volume from a snapshot of");
        RequireValidSnapshotName(snapshotName, "create a volume from");
        RequireValidName(volumeName, "create");
        var target = Path.Combine(VolumesDirectory, volumeName);
        if (File.Exists(target))
        {
            return RequireSize(volumeName, target, sizeGib);
        }

        var snapshot = SnapshotPath(sourceVolumeName, snapshotName);
        if (!File.Exists(snapshot))
        {
            throw new VolumeDriverException($"The file driver could not create {volumeName}: snapshot {snapshotName} of {sourceVolumeName} does not exist on this backend.");
        }

        return await CopyToNewVolumeAsync(snapshot, volumeName, sizeGib, $"from snapshot {snapshotName}", cancellationToken);
    }

    public async Task<string> CloneVolumeAsync(string sourceVolumeName, string volumeName, int sizeGib, CancellationToken cancellationToken)
    {
        RequireValidName(sourceVolumeName, "clone");
        RequireValidName(volumeName, "create");
        var target = Path.Combine(VolumesDirectory, volumeName);
        if (File.Exists(target))
        {
            return RequireSize(volumeName, target, sizeGib);
        }

        var source = ExistingVolume(sourceVolumeName, $"clone into {volumeName}");
        return await CopyToNewVolumeAsync(source, volumeName, sizeGib, $"as a clone of {sourceVolumeName}", cancellationToken);
    }

    public async Task<ConnectionInfo> InitializeConnectionAsync(string volumeName, VolumeConnector connector, CancellationToken cancellationToken)
    {
        RequireValidName(volumeName, "export");
        ArgumentNullException.ThrowIfNull(connector);
        var path = ExistingVolume(volumeName, "export");
        if (_exporter is not null)
        {
            return await _exporter.ExportAsync(volumeName, path, connector, cancellationToken);
        }

        // Cinder's "local" connection (os-brick's LocalConnector): the host opens the file where the agent keeps it.
        return new ConnectionInfo { DriverVolumeType = "local", Data = new JsonObject { ["device_path"] = path, ["volume_id"] = volumeName["volume-".Length..] } };
    }

    public async Task TerminateConnectionAsync(string volumeName, VolumeConnector connector, CancellationToken cancellationToken)
    {
        RequireValidName(volumeName, "withdraw the export of");
        ArgumentNullException.ThrowIfNull(connector);
        if (_exporter is not null)
        {
            await _exporter.UnexportAsync(volumeName, connector, cancellationToken);
        }
    }

    public Task<PoolCapacity> GetCapacityAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var allocatedGib = AllocatedBytes() / (double)BytesPerGib;
        double? totalGib;
        double? freeGib;
        if (_options.CapacityGib is { } capacityGib)
        {
            totalGib = capacityGib;
            freeGib = Math.Max(0, capacityGib - allocatedGib);
        }
        else
        {
            (totalGib, freeGib) = FileSystemCapacity();
        }

        return Task.FromResult(new PoolCapacity
        {
            PoolName = _options.EffectivePoolName,
            AvailabilityZone = _options.AvailabilityZone,
            TotalCapacityGib = totalGib is { } t ? Math.Round(t, 2) : null,
            FreeCapacityGib = freeGib is { } f ? Math.Round(f, 2) : null,
            AllocatedCapacityGib = Math.Round(allocatedGib, 2),
            ReservedPercentage = _options.ReservedPercentage,
            DriverName = DriverName,
            StorageProtocol = _exporter is null ? DriverName : "iSCSI",
        });
    }

    private static void RequireValidName(string volumeName, string operation)
    {
        if (!StorageNames.IsVolumeName(volumeName))
        {
            throw new VolumeDriverException($"The file driver refused to {operation} '{volumeName}': it is not a volume-<uuid> name.");
        }
    }

    private static void RequireValidSnapshotName(string snapshotName, string operation)
    {
        if (!StorageNames.IsSnapshotName(snapshotName))
        {
            throw new VolumeDriverException($"The file driver refused to {operation} snapshot '{snapshotName}': it is not a snapshot-<uuid> name.");
        }
    }

    private static string RequireSize(string volumeName, string path, int sizeGib)
    {
        var existing = new FileInfo(path).Length;
        if (existing != sizeGib * BytesPerGib)
        {
            throw new VolumeDriverException(
                $"The file driver could not create {volumeName}: it already exists with {existing / (double)BytesPerGib:0.###} GiB, not {sizeGib} GiB.");
        }

        return path;
    }

    private string SnapshotPath(string volumeName, string snapshotName) => Path.Combine(SnapshotsDirectory, volumeName, snapshotName);

    private string ExistingVolume(string volumeName, string operation)
    {
        var path = Path.Combine(VolumesDirectory, volumeName);
        if (!File.Exists(path))
        {
            throw new VolumeDriverException($"The file driver could not {operation} {volumeName}: the volume does not exist on this backend.");
        }

        return path;
    }

    private async Task<string> CopyToNewVolumeAsync(string source, string volumeName, int sizeGib, string what, CancellationToken cancellationToken)
    {
        var target = Path.Combine(VolumesDirectory, volumeName);
        if (File.Exists(target))
        {
            return RequireSize(volumeName, target, sizeGib);
        }

        var sourceBytes = new FileInfo(source).Length;
        if (sizeGib * BytesPerGib < sourceBytes)
        {
            throw new VolumeDriverException(
                $"The file driver could not create {volumeName} {what}: {sizeGib} GiB is smaller than the source's {sourceBytes / (double)BytesPerGib:0.###} GiB.");
        }

        await CopyAtomicallyAsync(source, target, sizeGib * BytesPerGib, $"create {volumeName} {what}", cancellationToken);
        return RequireSize(volumeName, target, sizeGib);
    }

    // Like CreateAtomically: the copy appears under its final name only when complete, so a crash or a duplicate
    // delivery never leaves a half-copied volume or snapshot behind a name that looks finished.
    private static async Task CopyAtomicallyAsync(string source, string target, long? length, string operation, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(target)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            await CopySparseAsync(source, temporary, length, cancellationToken);
            File.Move(temporary, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            // A duplicate delivery finished first; its copy is the same.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VolumeDriverException($"The file driver could not {operation}: {e.Message}", e);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    // Holes stay holes: only the source's data extents are read (SEEK_DATA/SEEK_HOLE where the file system has them,
    // the whole file otherwise), all-zero blocks are not written, and the length is set up front.
    private static async Task CopySparseAsync(string source, string target, long? length, CancellationToken cancellationToken)
    {
        using var input = File.OpenHandle(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.Asynchronous);
        using var output = File.OpenHandle(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.Asynchronous);
        var sourceLength = RandomAccess.GetLength(input);
        RandomAccess.SetLength(output, Math.Max(length ?? sourceLength, sourceLength));
        var buffer = new byte[CopyBlockBytes];
        foreach (var (start, end) in DataExtents(input, sourceLength))
        {
            for (var offset = start; offset < end;)
            {
                var read = await RandomAccess.ReadAsync(input, buffer.AsMemory(0, (int)Math.Min(buffer.Length, end - offset)), offset, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                if (buffer.AsSpan(0, read).IndexOfAnyExcept((byte)0) >= 0)
                {
                    await RandomAccess.WriteAsync(output, buffer.AsMemory(0, read), offset, cancellationToken);
                }

                offset += read;
            }
        }

        RandomAccess.FlushToDisk(output);
    }

    private static IEnumerable<(long Start, long End)> DataExtents(Microsoft.Win32.SafeHandles.SafeFileHandle file, long length)
    {
        if (OperatingSystem.IsWindows())
        {
            yield return (0, length);
            yield break;
        }

        var descriptor = (int)file.DangerousGetHandle();
        long position = 0;
        while (position < length)
        {
            var data = NativeMethods.lseek(descriptor, position, NativeMethods.SeekData);
            if (data < 0)
            {
                // ENXIO: no data after position. Anything else: no SEEK_DATA here, so read the rest.
                if (System.Runtime.InteropServices.Marshal.GetLastPInvokeError() != NativeMethods.NoSuchDeviceOrAddress)
                {
                    yield return (position, length);
                }

                yield break;
            }

            var hole = NativeMethods.lseek(descriptor, data, NativeMethods.SeekHole);
            var end = hole < 0 ? length : Math.Min(hole, length);
            yield return (data, end);
            position = end;
        }
    }

    private static class NativeMethods
    {
        public const int SeekData = 3;
        public const int SeekHole = 4;
        public const int NoSuchDeviceOrAddress = 6;

        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
        [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport needs AllowUnsafeBlocks in the project; one plain call does not.
        public static extern long lseek(int fd, long offset, int whence);
#pragma warning restore SYSLIB1054
    }

    // The file appears under its final name only at its full size, so a crash or a concurrent duplicate
    // never leaves a short file that would make every retry fail as "exists with another size".
    private void CreateAtomically(string path, long bytes)
    {
        var temporary = Path.Combine(VolumesDirectory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.SetLength(bytes);
            }

            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // A duplicate delivery won the race; the caller compares sizes.
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    // Logical sizes (what volumes were promised), not blocks in use; an unusable directory counts as empty
    // so that capacity reports keep flowing while creates fail with their own reason.
    private long AllocatedBytes()
    {
        try
        {
            return new DirectoryInfo(VolumesDirectory).Exists
                ? new DirectoryInfo(VolumesDirectory).EnumerateFiles().Where(f => StorageNames.IsVolumeName(f.Name)).Sum(f => f.Length)
                : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private (double? Total, double? Free) FileSystemCapacity()
    {
        try
        {
            var drive = new DriveInfo(Directory.Exists(DataDirectory) ? DataDirectory : Path.GetPathRoot(DataDirectory)!);
            return (drive.TotalSize / (double)BytesPerGib, drive.AvailableFreeSpace / (double)BytesPerGib);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Cinder's "unknown": the scheduler decides what that means, the agent does not guess.
            return (null, null);
        }
    }
}
