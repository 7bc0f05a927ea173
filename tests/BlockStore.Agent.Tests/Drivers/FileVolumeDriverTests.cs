using System.Diagnostics;
using System.Globalization;
using BlockStore.Agent.Drivers;

namespace BlockStore.Agent.Tests.Drivers;

public sealed class FileVolumeDriverTests : IDisposable
{
    private const long BytesPerGib = 1L << 30;
    private const string Volume = "volume-0b6a3c1e-8f42-4d0c-9a77-2e5f1c3d4b10";

    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("blockstore-file-driver-");

    public void Dispose() => _dataDirectory.Delete(recursive: true);

    [Fact]
    public async Task CreateVolumeAsync_NewVolume_MakesSparseFileOfExactSize()
    {
        var driver = Driver();

        var location = await driver.CreateVolumeAsync(Volume, 2, CancellationToken.None);

        Assert.Equal(Path.Combine(_dataDirectory.FullName, "volumes", Volume), location);
        Assert.Equal(2 * BytesPerGib, new FileInfo(location).Length);
        Assert.True(AllocatedBytes(location) < 1 << 20, $"{location} uses {AllocatedBytes(location)} bytes of disk; a sparse file uses almost none.");
    }

    [Fact]
    public async Task CreateVolumeAsync_SameSizeTwice_SucceedsWithSameLocation()
    {
        var driver = Driver();

        var first = await driver.CreateVolumeAsync(Volume, 1, CancellationToken.None);
        var second = await driver.CreateVolumeAsync(Volume, 1, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(BytesPerGib, new FileInfo(second).Length);
    }

    [Fact]
    public async Task CreateVolumeAsync_ExistingWithOtherSize_FailsAndKeepsFile()
    {
        var driver = Driver();
        var location = await driver.CreateVolumeAsync(Volume, 1, CancellationToken.None);

        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CreateVolumeAsync(Volume, 3, CancellationToken.None));

        Assert.Contains(Volume, error.Message, StringComparison.Ordinal);
        Assert.Contains("1 GiB, not 3 GiB", error.Message, StringComparison.Ordinal);
        Assert.Equal(BytesPerGib, new FileInfo(location).Length);
    }

    [Fact]
    public async Task DeleteVolumeAsync_Existing_RemovesFile()
    {
        var driver = Driver();
        var location = await driver.CreateVolumeAsync(Volume, 1, CancellationToken.None);

        await driver.DeleteVolumeAsync(Volume, CancellationToken.None);

        Assert.False(File.Exists(location));
    }

    [Fact]
    public async Task DeleteVolumeAsync_AlreadyGone_Succeeds()
    {
        var driver = Driver();

        await driver.DeleteVolumeAsync(Volume, CancellationToken.None);
        await driver.CreateVolumeAsync(Volume, 1, CancellationToken.None);
        await driver.DeleteVolumeAsync(Volume, CancellationToken.None);
        await driver.DeleteVolumeAsync(Volume, CancellationToken.None);

        Assert.Empty(Directory.GetFiles(Path.Combine(_dataDirectory.FullName, "volumes")));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("volume-../../x")]
    [InlineData("VOLUME-0B6A3C1E-8F42-4D0C-9A77-2E5F1C3D4B10")]
    [InlineData("volume-0b6a3c1e-8f42-4d0c-9a77-2e5f1c3d4b10\n")]
    [InlineData("volume-0b6a3c1e-8f42-4d0c-9a77-2e5f1c3d4b10/../../x")]
    [InlineData("")]
    public async Task CreateAndDeleteVolumeAsync_NameNotVolumeUuid_RefusedWithoutTouchingDisk(string name)
    {
        var driver = Driver();

        var create = await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CreateVolumeAsync(name, 1, CancellationToken.None));
        var delete = await Assert.ThrowsAsync<VolumeDriverException>(() => driver.DeleteVolumeAsync(name, CancellationToken.None));

        Assert.Contains("not a volume-<uuid> name", create.Message, StringComparison.Ordinal);
        Assert.Contains("not a volume-<uuid> name", delete.Message, StringComparison.Ordinal);
        Assert.Empty(_dataDirectory.EnumerateFileSystemInfos());
    }

    [Fact]
    public async Task GetCapacityAsync_CapacityGibSet_ReportsConfiguredTotalAndFreeAfterAllocation()
    {
        var driver = Driver(capacityGib: 10, reservedPercentage: 5);
        await driver.CreateVolumeAsync(Volume, 3, CancellationToken.None);
        await driver.CreateVolumeAsync("volume-11111111-2222-3333-4444-555555555555", 1, CancellationToken.None);

        var pool = await driver.GetCapacityAsync(CancellationToken.None);

        Assert.Equal(10, pool.TotalCapacityGib);
        Assert.Equal(6, pool.FreeCapacityGib);
        Assert.Equal(4, pool.AllocatedCapacityGib);
        Assert.Equal(5, pool.ReservedPercentage);
        Assert.Equal("gold", pool.PoolName);
        Assert.Equal("zone-a", pool.AvailabilityZone);
        Assert.Equal("file", pool.DriverName);
        Assert.Equal("file", pool.StorageProtocol);
    }

    [Fact]
    public async Task GetCapacityAsync_NoCapacityGib_ReportsFileSystemOfDataDirectory()
    {
        var driver = Driver();
        var drive = new DriveInfo(_dataDirectory.FullName);

        var pool = await driver.GetCapacityAsync(CancellationToken.None);

        Assert.Equal(Math.Round(drive.TotalSize / (double)BytesPerGib, 2), pool.TotalCapacityGib);
        Assert.InRange(pool.FreeCapacityGib!.Value, 0.01, pool.TotalCapacityGib!.Value);
    }

    [Fact]
    public async Task GetCapacityAsync_VolumesPathIsPlainFile_ReportsNothingAllocatedAndCreateFailsWithReason()
    {
        await File.WriteAllTextAsync(Path.Combine(_dataDirectory.FullName, "volumes"), "not a directory");
        var driver = Driver(capacityGib: 10);

        var pool = await driver.GetCapacityAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CreateVolumeAsync(Volume, 1, CancellationToken.None));

        Assert.Equal(0, pool.AllocatedCapacityGib);
        Assert.Equal(10, pool.FreeCapacityGib);
        Assert.StartsWith($"The file driver could not create {Volume}: ", error.Message, StringComparison.Ordinal);
    }

    private FileVolumeDriver Driver(double? capacityGib = null, int reservedPercentage = 0) => new(new BackendOptions
    {
        Name = "file",
        Driver = "file",
        PoolName = "gold",
        AvailabilityZone = "zone-a",
        DataDirectory = _dataDirectory.FullName,
        CapacityGib = capacityGib,
        ReservedPercentage = reservedPercentage,
    });

    // Blocks the file system really gave the file (st_blocks × 512), which .NET does not expose.
    private static long AllocatedBytes(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["--format=%b %B", path]) { RedirectStandardOutput = true })!;
        var fields = stat.StandardOutput.ReadToEnd().Split(' ', StringSplitOptions.TrimEntries);
        stat.WaitForExit();
        return long.Parse(fields[0], CultureInfo.InvariantCulture) * long.Parse(fields[1], CultureInfo.InvariantCulture);
    }
}
