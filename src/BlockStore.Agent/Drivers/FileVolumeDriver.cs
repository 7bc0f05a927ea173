using BlockStore.Core.Agents;
using BlockStore.Core.Volumes;

namespace BlockStore.Agent.Drivers;

/// <summary>
/// Volumes as sparse raw files in <c>{DataDirectory}/volumes</c>, after Cinder's NFS driver: a volume's file
/// has the volume's full size but uses blocks only as data is written.
/// </summary>
public sealed class FileVolumeDriver : IVolumeDriver
{
    public const string DriverName = "file";

    private const long BytesPerGib = 1L << 30;

    private readonly BackendOptions _options;

    public FileVolumeDriver(BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        _options = options;
        DataDirectory = Path.GetFullPath(options.DataDirectory);
        VolumesDirectory = Path.Combine(DataDirectory, "volumes");
    }

    public string DataDirectory { get; }

    public string VolumesDirectory { get; }

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

    public Task DeleteVolumeAsync(string volumeName, CancellationToken cancellationToken)
    {
        RequireValidName(volumeName, "delete");
        cancellationToken.ThrowIfCancellationRequested();
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

        return Task.CompletedTask;
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
            StorageProtocol = DriverName,
        });
    }

    private static void RequireValidName(string volumeName, string operation)
    {
        if (!StorageNames.IsVolumeName(volumeName))
        {
            throw new VolumeDriverException($"The file driver refused to {operation} '{volumeName}': it is not a volume-<uuid> name.");
        }
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
