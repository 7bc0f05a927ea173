using BlockStore.Agent.Drivers;

namespace BlockStore.Agent.Tests.Drivers;

/// <summary>The file driver's snapshots, volumes from snapshots, clones and extends, checked by the data they hold.</summary>
public sealed class FileVolumeDriverSnapshotTests : IDisposable
{
    private const long BytesPerGib = 1L << 30;

    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("blockstore-file-snapshots-");
    private readonly string _volume = $"volume-{Guid.NewGuid():D}";
    private readonly string _copy = $"volume-{Guid.NewGuid():D}";
    private readonly string _snapshot = $"snapshot-{Guid.NewGuid():D}";

    public void Dispose() => _dataDirectory.Delete(recursive: true);

    [Fact]
    public async Task CreateVolumeFromSnapshotAsync_VolumeChangedAfterSnapshot_HoldsDataOfSnapshotTime()
    {
        var driver = Driver();
        var path = await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);
        await IscsiFileExportTests.WriteRandomAsync(path, 0, 1 << 20);
        await IscsiFileExportTests.WriteRandomAsync(path, 900L << 20, 1 << 20);
        var atSnapshot = await IscsiFileExportTests.Sha256Async(path);

        await driver.CreateSnapshotAsync(_volume, _snapshot, CancellationToken.None);
        await IscsiFileExportTests.WriteRandomAsync(path, 0, 2 << 20);
        var location = await driver.CreateVolumeFromSnapshotAsync(_volume, _snapshot, _copy, 1, CancellationToken.None);

        Assert.Equal(atSnapshot, await IscsiFileExportTests.Sha256Async(location));
        Assert.NotEqual(atSnapshot, await IscsiFileExportTests.Sha256Async(path));
        Assert.True(FileVolumeDriverTestsAllocated(location) < 16L << 20, "The copy of a sparse volume should stay sparse.");
    }

    [Fact]
    public async Task CreateVolumeFromSnapshotAsync_LargerSize_KeepsDataAndHasNewSize()
    {
        var driver = Driver();
        var path = await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);
        await IscsiFileExportTests.WriteRandomAsync(path, 0, 1 << 20);
        var head = await HeadAsync(path);
        await driver.CreateSnapshotAsync(_volume, _snapshot, CancellationToken.None);

        var location = await driver.CreateVolumeFromSnapshotAsync(_volume, _snapshot, _copy, 2, CancellationToken.None);

        Assert.Equal(2 * BytesPerGib, new FileInfo(location).Length);
        await using var stream = File.OpenRead(location);
        var read = new byte[1 << 20];
        await stream.ReadExactlyAsync(read);
        Assert.Equal(head, read);
    }

    [Fact]
    public async Task CreateVolumeFromSnapshotAsync_Twice_SucceedsWithSameLocation()
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);
        await driver.CreateSnapshotAsync(_volume, _snapshot, CancellationToken.None);

        var first = await driver.CreateVolumeFromSnapshotAsync(_volume, _snapshot, _copy, 1, CancellationToken.None);
        var second = await driver.CreateVolumeFromSnapshotAsync(_volume, _snapshot, _copy, 1, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Empty(Directory.GetFiles(Path.Combine(_dataDirectory.FullName, "volumes"), ".*"));
    }

    [Fact]
    public async Task CreateVolumeFromSnapshotAsync_SmallerThanSnapshot_FailsAndCreatesNothing()
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 2, CancellationToken.None);
        await driver.CreateSnapshotAsync(_volume, _snapshot, CancellationToken.None);

        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CreateVolumeFromSnapshotAsync(_volume, _snapshot, _copy, 1, CancellationToken.None));

        Assert.Contains("1 GiB is smaller than the source's 2 GiB", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dataDirectory.FullName, "volumes", _copy)));
    }

    [Fact]
    public async Task CreateVolumeFromSnapshotAsync_SnapshotMissing_FailsNamingIt()
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);

        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CreateVolumeFromSnapshotAsync(_volume, _snapshot, _copy, 1, CancellationToken.None));

        Assert.Contains($"snapshot {_snapshot} of {_volume} does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateSnapshotAsync_Twice_KeepsFirstSnapshot()
    {
        var driver = Driver();
        var path = await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);
        await IscsiFileExportTests.WriteRandomAsync(path, 0, 1 << 20);
        var first = await driver.CreateSnapshotAsync(_volume, _snapshot, CancellationToken.None);
        var atFirst = await IscsiFileExportTests.Sha256Async(first);
        await IscsiFileExportTests.WriteRandomAsync(path, 0, 1 << 20);

        var second = await driver.CreateSnapshotAsync(_volume, _snapshot, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(atFirst, await IscsiFileExportTests.Sha256Async(second));
    }

    [Fact]
    public async Task CreateSnapshotAsync_VolumeMissing_Fails()
    {
        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => Driver().CreateSnapshotAsync(_volume, _snapshot, CancellationToken.None));

        Assert.Contains("the volume does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteSnapshotAsync_ExistingThenGone_SucceedsAndKeepsVolume()
    {
        var driver = Driver();
        var path = await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);
        var snapshot = await driver.CreateSnapshotAsync(_volume, _snapshot, CancellationToken.None);

        await driver.DeleteSnapshotAsync(_volume, _snapshot, CancellationToken.None);
        await driver.DeleteSnapshotAsync(_volume, _snapshot, CancellationToken.None);

        Assert.False(File.Exists(snapshot));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task CloneVolumeAsync_SourceWithData_CloneEqualsSourceAndIsIndependent()
    {
        var driver = Driver();
        var path = await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);
        await IscsiFileExportTests.WriteRandomAsync(path, 3L << 20, 3 << 20);
        var source = await IscsiFileExportTests.Sha256Async(path);

        var clone = await driver.CloneVolumeAsync(_volume, _copy, 1, CancellationToken.None);
        var again = await driver.CloneVolumeAsync(_volume, _copy, 1, CancellationToken.None);
        await IscsiFileExportTests.WriteRandomAsync(path, 0, 1 << 20);

        Assert.Equal(clone, again);
        Assert.Equal(source, await IscsiFileExportTests.Sha256Async(clone));
    }

    [Fact]
    public async Task CloneVolumeAsync_ExistingWithOtherSize_Fails()
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);
        await driver.CloneVolumeAsync(_volume, _copy, 1, CancellationToken.None);

        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CloneVolumeAsync(_volume, _copy, 2, CancellationToken.None));

        Assert.Contains("already exists with 1 GiB, not 2 GiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtendVolumeAsync_Larger_GrowsFileAndKeepsData()
    {
        var driver = Driver();
        var path = await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);
        await IscsiFileExportTests.WriteRandomAsync(path, 0, 1 << 20);
        var before = await HeadAsync(path);

        await driver.ExtendVolumeAsync(_volume, 3, CancellationToken.None);
        await driver.ExtendVolumeAsync(_volume, 3, CancellationToken.None);

        Assert.Equal(3 * BytesPerGib, new FileInfo(path).Length);
        await using var stream = File.OpenRead(path);
        var after = new byte[1 << 20];
        await stream.ReadExactlyAsync(after);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task ExtendVolumeAsync_SmallerSize_LeavesVolumeAlone()
    {
        var driver = Driver();
        var path = await driver.CreateVolumeAsync(_volume, 2, CancellationToken.None);

        await driver.ExtendVolumeAsync(_volume, 1, CancellationToken.None);

        Assert.Equal(2 * BytesPerGib, new FileInfo(path).Length);
    }

    [Fact]
    public async Task ExtendVolumeAsync_VolumeMissing_Fails()
    {
        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => Driver().ExtendVolumeAsync(_volume, 2, CancellationToken.None));

        Assert.Contains($"could not extend {_volume}: the volume does not exist", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("snapshot-../../x")]
    [InlineData("volume-0b6a3c1e-8f42-4d0c-9a77-2e5f1c3d4b10")]
    [InlineData("snapshot-0b6a3c1e-8f42-4d0c-9a77-2e5f1c3d4b10\n")]
    public async Task SnapshotOperations_NameNotSnapshotUuid_RefusedWithoutTouchingDisk(string name)
    {
        var driver = Driver();

        var create = await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CreateSnapshotAsync(_volume, name, CancellationToken.None));
        var delete = await Assert.ThrowsAsync<VolumeDriverException>(() => driver.DeleteSnapshotAsync(_volume, name, CancellationToken.None));
        var from = await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CreateVolumeFromSnapshotAsync(_volume, name, _copy, 1, CancellationToken.None));

        Assert.All([create, delete, from], e => Assert.Contains("not a snapshot-<uuid> name", e.Message, StringComparison.Ordinal));
        Assert.Empty(_dataDirectory.EnumerateFileSystemInfos());
    }

    private static async Task<byte[]> HeadAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        var head = new byte[1 << 20];
        await stream.ReadExactlyAsync(head);
        return head;
    }

    private FileVolumeDriver Driver() => new(new BackendOptions { Name = "files", Driver = "file", DataDirectory = _dataDirectory.FullName });

    private static long FileVolumeDriverTestsAllocated(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["--format=%b %B", path]) { RedirectStandardOutput = true })!;
        var fields = stat.StandardOutput.ReadToEnd().Split(' ', StringSplitOptions.TrimEntries);
        stat.WaitForExit();
        return long.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture) * long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
