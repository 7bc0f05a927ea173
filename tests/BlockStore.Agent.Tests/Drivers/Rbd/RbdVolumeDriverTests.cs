using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlockStore.Agent.Drivers;
using BlockStore.Core.Agents;
using BlockStore.Core.Volumes;
using BlockStore.Testing;

namespace BlockStore.Agent.Tests.Drivers.Rbd;

/// <summary>The RBD driver against a real single-node Ceph cluster; data is checked by checksum through qemu-img's rbd driver.</summary>
[Collection(CephCollection.Name)]
public sealed class RbdVolumeDriverTests(CephFixture ceph) : IDisposable
{
    private const long BytesPerGib = 1L << 30;
    private const int DataBytes = 4 << 20;

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("blockstore-rbd-test-");

    private CephCluster Cluster => ceph.Cluster;

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task CreateVolumeAsync_NewVolume_CreatesThinLayeredImageOfExactSize()
    {
        var volume = NewVolume();

        var location = await Driver().CreateVolumeAsync(volume, 2, CancellationToken.None);

        Assert.Equal($"rbd/{volume}", location);
        var info = await InfoAsync(volume);
        Assert.Equal(2 * BytesPerGib, info["size"]!.GetValue<long>());
        Assert.Contains("layering", info["features"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public async Task CreateVolumeAsync_SameSizeTwice_SucceedsWithSameLocation()
    {
        var driver = Driver();
        var volume = NewVolume();

        var first = await driver.CreateVolumeAsync(volume, 1, CancellationToken.None);
        var second = await driver.CreateVolumeAsync(volume, 1, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(BytesPerGib, await SizeAsync(volume));
    }

    [Fact]
    public async Task CreateVolumeAsync_ExistingWithOtherSize_FailsAndKeepsImage()
    {
        var driver = Driver();
        var volume = NewVolume();
        await driver.CreateVolumeAsync(volume, 1, CancellationToken.None);

        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CreateVolumeAsync(volume, 3, CancellationToken.None));

        Assert.Equal($"The rbd driver could not create {volume}: it already exists with 1 GiB, not 3 GiB.", error.Message);
        Assert.Equal(BytesPerGib, await SizeAsync(volume));
    }

    [Fact]
    public async Task DeleteVolumeAsync_ExistingThenGone_RemovesImageAndRepeatsSucceed()
    {
        var driver = Driver();
        var volume = NewVolume();
        await driver.DeleteVolumeAsync(volume, CancellationToken.None);
        await driver.CreateVolumeAsync(volume, 1, CancellationToken.None);

        await driver.DeleteVolumeAsync(volume, CancellationToken.None);
        await driver.DeleteVolumeAsync(volume, CancellationToken.None);

        Assert.DoesNotContain(volume, await ImagesAsync());
    }

    [Fact]
    public async Task DeleteVolumeAsync_WithSnapshot_FailsNamingSnapshotAndKeepsVolume()
    {
        var driver = Driver();
        var volume = NewVolume();
        var snapshot = NewSnapshot();
        await driver.CreateVolumeAsync(volume, 1, CancellationToken.None);
        await driver.CreateSnapshotAsync(volume, snapshot, CancellationToken.None);

        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => driver.DeleteVolumeAsync(volume, CancellationToken.None));

        Assert.Equal($"The rbd driver could not delete {volume}: it has snapshots ({snapshot}); delete its snapshots first.", error.Message);
        Assert.Contains(volume, await ImagesAsync());
    }

    [Fact]
    public async Task ExtendVolumeAsync_Larger_GrowsImageAndKeepsData()
    {
        var driver = Driver();
        var volume = NewVolume();
        await driver.CreateVolumeAsync(volume, 1, CancellationToken.None);
        var written = await WriteRandomAsync(volume);

        await driver.ExtendVolumeAsync(volume, 3, CancellationToken.None);

        Assert.Equal(3 * BytesPerGib, await SizeAsync(volume));
        Assert.Equal(written, await ReadHashAsync(volume));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    public async Task ExtendVolumeAsync_SameOrSmaller_SucceedsWithoutShrinking(int newSizeGib)
    {
        var driver = Driver();
        var volume = NewVolume();
        await driver.CreateVolumeAsync(volume, 2, CancellationToken.None);

        await driver.ExtendVolumeAsync(volume, newSizeGib, CancellationToken.None);

        Assert.Equal(2 * BytesPerGib, await SizeAsync(volume));
    }

    [Fact]
    public async Task ExtendVolumeAsync_Missing_FailsSayingSo()
    {
        var volume = NewVolume();

        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => Driver().ExtendVolumeAsync(volume, 2, CancellationToken.None));

        Assert.Equal($"The rbd driver could not extend {volume}: it does not exist in pool rbd.", error.Message);
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("rbd/volume-0b6a3c1e-8f42-4d0c-9a77-2e5f1c3d4b10")]
    [InlineData("volume-0b6a3c1e-8f42-4d0c-9a77-2e5f1c3d4b10@snap")]
    [InlineData("volume-0b6a3c1e-8f42-4d0c-9a77-2e5f1c3d4b10\n")]
    [InlineData("--pool=other")]
    [InlineData("")]
    public async Task Operations_NameNotVolumeUuid_RefusedBeforeRunningCeph(string name)
    {
        // A configuration file that does not exist: any call that reached rbd would fail with rbd's complaint instead.
        var driver = Driver(conf: Path.Combine(_work.FullName, "absent.conf"));
        var snapshot = NewSnapshot();
        var valid = NewVolume();

        var errors = new[]
        {
            await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CreateVolumeAsync(name, 1, CancellationToken.None)),
            await Assert.ThrowsAsync<VolumeDriverException>(() => driver.DeleteVolumeAsync(name, CancellationToken.None)),
            await Assert.ThrowsAsync<VolumeDriverException>(() => driver.ExtendVolumeAsync(name, 2, CancellationToken.None)),
            await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CreateSnapshotAsync(name, snapshot, CancellationToken.None)),
            await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CloneVolumeAsync(valid, name, 1, CancellationToken.None)),
            await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CreateVolumeFromSnapshotAsync(name, snapshot, valid, 1, CancellationToken.None)),
            await Assert.ThrowsAsync<VolumeDriverException>(() => driver.InitializeConnectionAsync(name, new VolumeConnector(), CancellationToken.None)),
        };
        var badSnapshot = await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CreateSnapshotAsync(valid, name, CancellationToken.None));

        Assert.All(errors, e => Assert.Contains("it is not a volume-<uuid> name", e.Message, StringComparison.Ordinal));
        Assert.Contains("it is not a snapshot-<uuid> name", badSnapshot.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateSnapshotAsync_Twice_SucceedsWithOneProtectedSnapshot()
    {
        var driver = Driver();
        var volume = NewVolume();
        var snapshot = NewSnapshot();
        await driver.CreateVolumeAsync(volume, 1, CancellationToken.None);

        var first = await driver.CreateSnapshotAsync(volume, snapshot, CancellationToken.None);
        var second = await driver.CreateSnapshotAsync(volume, snapshot, CancellationToken.None);

        Assert.Equal($"rbd/{volume}@{snapshot}", first);
        Assert.Equal(first, second);
        var listed = Assert.Single(await SnapshotsAsync(volume));
        Assert.Equal((snapshot, "true"), (listed!["name"]!.GetValue<string>(), listed["protected"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DeleteSnapshotAsync_ExistingThenGone_RemovesItAndRepeatsSucceed()
    {
        var driver = Driver();
        var volume = NewVolume();
        var snapshot = NewSnapshot();
        await driver.CreateVolumeAsync(volume, 1, CancellationToken.None);
        await driver.CreateSnapshotAsync(volume, snapshot, CancellationToken.None);

        await driver.DeleteSnapshotAsync(volume, snapshot, CancellationToken.None);
        await driver.DeleteSnapshotAsync(volume, snapshot, CancellationToken.None);
        await driver.DeleteSnapshotAsync(NewVolume(), snapshot, CancellationToken.None);

        Assert.Empty(await SnapshotsAsync(volume));
        await driver.DeleteVolumeAsync(volume, CancellationToken.None);
    }

    [Fact]
    public async Task CreateVolumeFromSnapshotAsync_SourceOverwrittenAfterSnapshot_HasSnapshotDataAtRequestedSize()
    {
        var driver = Driver();
        var (source, copy, snapshot) = (NewVolume(), NewVolume(), NewSnapshot());
        await driver.CreateVolumeAsync(source, 1, CancellationToken.None);
        var original = await WriteRandomAsync(source);
        await driver.CreateSnapshotAsync(source, snapshot, CancellationToken.None);
        var overwritten = await WriteRandomAsync(source);

        var location = await driver.CreateVolumeFromSnapshotAsync(source, snapshot, copy, 2, CancellationToken.None);

        Assert.Equal($"rbd/{copy}", location);
        Assert.NotEqual(original, overwritten);
        Assert.Equal(original, await ReadHashAsync(copy));
        Assert.Equal(overwritten, await ReadHashAsync(source));
        Assert.Equal(2 * BytesPerGib, await SizeAsync(copy));
    }

    [Fact]
    public async Task CreateVolumeFromSnapshotAsync_Twice_SucceedsWithOneClone()
    {
        var driver = Driver();
        var (source, copy, snapshot) = (NewVolume(), NewVolume(), NewSnapshot());
        await driver.CreateVolumeAsync(source, 1, CancellationToken.None);
        await driver.CreateSnapshotAsync(source, snapshot, CancellationToken.None);

        await driver.CreateVolumeFromSnapshotAsync(source, snapshot, copy, 2, CancellationToken.None);
        await driver.CreateVolumeFromSnapshotAsync(source, snapshot, copy, 2, CancellationToken.None);

        Assert.Equal(2 * BytesPerGib, await SizeAsync(copy));
        Assert.Equal([copy], await ChildrenAsync(source, snapshot));
    }

    [Fact]
    public async Task CreateVolumeFromSnapshotAsync_SmallerThanSnapshot_FailsWithoutCreating()
    {
        var driver = Driver();
        var (source, copy, snapshot) = (NewVolume(), NewVolume(), NewSnapshot());
        await driver.CreateVolumeAsync(source, 2, CancellationToken.None);
        await driver.CreateSnapshotAsync(source, snapshot, CancellationToken.None);

        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CreateVolumeFromSnapshotAsync(source, snapshot, copy, 1, CancellationToken.None));

        Assert.Equal($"The rbd driver could not create {copy}: 1 GiB is smaller than snapshot {snapshot} (2 GiB); ask for at least its size.", error.Message);
        Assert.DoesNotContain(copy, await ImagesAsync());
    }

    [Fact]
    public async Task DeleteSnapshotAsync_WithDependentVolume_FailsUntilThatVolumeIsDeleted()
    {
        var driver = Driver();
        var (source, copy, snapshot) = (NewVolume(), NewVolume(), NewSnapshot());
        await driver.CreateVolumeAsync(source, 1, CancellationToken.None);
        await driver.CreateSnapshotAsync(source, snapshot, CancellationToken.None);
        await driver.CreateVolumeFromSnapshotAsync(source, snapshot, copy, 1, CancellationToken.None);

        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => driver.DeleteSnapshotAsync(source, snapshot, CancellationToken.None));
        var stillThere = (await SnapshotsAsync(source)).Select(s => s!["name"]!.GetValue<string>()).ToList();
        await driver.DeleteVolumeAsync(copy, CancellationToken.None);
        await driver.DeleteSnapshotAsync(source, snapshot, CancellationToken.None);

        Assert.Equal(
            $"The rbd driver could not delete snapshot {snapshot} of {source}: the snapshot has dependent volumes ({copy}); delete those volumes first.",
            error.Message);
        Assert.Equal([snapshot], stillThere);
        Assert.Empty(await SnapshotsAsync(source));
    }

    [Fact]
    public async Task CloneVolumeAsync_Source_HasSourceCurrentDataThroughHiddenSnapshot()
    {
        var driver = Driver();
        var (source, clone) = (NewVolume(), NewVolume());
        await driver.CreateVolumeAsync(source, 1, CancellationToken.None);
        await WriteRandomAsync(source);
        var current = await WriteRandomAsync(source);

        var location = await driver.CloneVolumeAsync(source, clone, 2, CancellationToken.None);
        var later = await WriteRandomAsync(source);

        Assert.Equal($"rbd/{clone}", location);
        Assert.Equal(current, await ReadHashAsync(clone));
        Assert.NotEqual(later, current);
        Assert.Equal(2 * BytesPerGib, await SizeAsync(clone));
        var parent = (await InfoAsync(clone))["parent"]!;
        Assert.Equal((source, $"{clone}.clone_snap"), (parent["image"]!.GetValue<string>(), parent["snapshot"]!.GetValue<string>()));
    }

    [Fact]
    public async Task CloneVolumeAsync_BeyondMaxCloneDepth_FlattensNewVolumeAndDropsItsHiddenSnapshot()
    {
        var driver = Driver(maxCloneDepth: 1);
        var (first, second, third) = (NewVolume(), NewVolume(), NewVolume());
        await driver.CreateVolumeAsync(first, 1, CancellationToken.None);
        var data = await WriteRandomAsync(first);

        await driver.CloneVolumeAsync(first, second, 1, CancellationToken.None);
        await driver.CloneVolumeAsync(second, third, 1, CancellationToken.None);

        Assert.NotNull((await InfoAsync(second))["parent"]);
        Assert.Null((await InfoAsync(third))["parent"]);
        Assert.Empty(await SnapshotsAsync(second));
        Assert.Equal(data, await ReadHashAsync(third));
    }

    [Fact]
    public async Task CreateVolumeFromSnapshotAsync_MaxCloneDepthZero_FlattensAndLeavesSnapshotDeletable()
    {
        var driver = Driver(maxCloneDepth: 0);
        var (source, copy, snapshot) = (NewVolume(), NewVolume(), NewSnapshot());
        await driver.CreateVolumeAsync(source, 1, CancellationToken.None);
        var data = await WriteRandomAsync(source);
        await driver.CreateSnapshotAsync(source, snapshot, CancellationToken.None);

        await driver.CreateVolumeFromSnapshotAsync(source, snapshot, copy, 1, CancellationToken.None);
        await driver.DeleteSnapshotAsync(source, snapshot, CancellationToken.None);

        Assert.Null((await InfoAsync(copy))["parent"]);
        Assert.Equal(data, await ReadHashAsync(copy));
    }

    [Fact]
    public async Task DeleteVolumeAsync_SourceOfClone_FlattensCloneWhichKeepsItsData()
    {
        var driver = Driver();
        var (source, clone) = (NewVolume(), NewVolume());
        await driver.CreateVolumeAsync(source, 1, CancellationToken.None);
        var data = await WriteRandomAsync(source);
        await driver.CloneVolumeAsync(source, clone, 1, CancellationToken.None);

        await driver.DeleteVolumeAsync(source, CancellationToken.None);

        Assert.DoesNotContain(source, await ImagesAsync());
        Assert.Null((await InfoAsync(clone))["parent"]);
        Assert.Equal(data, await ReadHashAsync(clone));
    }

    [Fact]
    public async Task DeleteVolumeAsync_CloneOfVolume_RemovesHiddenSnapshotFromSource()
    {
        var driver = Driver();
        var (source, clone) = (NewVolume(), NewVolume());
        await driver.CreateVolumeAsync(source, 1, CancellationToken.None);
        await driver.CloneVolumeAsync(source, clone, 1, CancellationToken.None);
        var hidden = (await SnapshotsAsync(source)).Select(s => s!["name"]!.GetValue<string>()).ToList();

        await driver.DeleteVolumeAsync(clone, CancellationToken.None);

        Assert.Equal([$"{clone}.clone_snap"], hidden);
        Assert.Empty(await SnapshotsAsync(source));
        await driver.DeleteVolumeAsync(source, CancellationToken.None);
        Assert.DoesNotContain(source, await ImagesAsync());
    }

    [Fact]
    public async Task InitializeConnectionAsync_ExistingVolume_ReturnsCinderRbdConnectionInfo()
    {
        var driver = Driver(secretUuid: "457eb676-33da-42ec-9a8c-9293d545c337");
        var volume = NewVolume();
        await driver.CreateVolumeAsync(volume, 1, CancellationToken.None);

        var connection = await driver.InitializeConnectionAsync(volume, new VolumeConnector { Host = "compute-1", Ip = "10.0.0.5" }, CancellationToken.None);
        await driver.TerminateConnectionAsync(volume, new VolumeConnector { Host = "compute-1" }, CancellationToken.None);

        Assert.Equal("rbd", connection.DriverVolumeType);
        var expected = new JsonObject
        {
            ["name"] = $"rbd/{volume}",
            ["hosts"] = new JsonArray("127.0.0.1"),
            ["ports"] = new JsonArray(Cluster.MonitorPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ["cluster_name"] = "ceph",
            ["auth_enabled"] = true,
            ["auth_username"] = "admin",
            ["secret_type"] = "ceph",
            ["secret_uuid"] = "457eb676-33da-42ec-9a8c-9293d545c337",
            ["volume_id"] = volume["volume-".Length..],
            ["discard"] = true,
            ["keyring"] = null,
        };
        Assert.Equal(expected.ToJsonString(), connection.Data.ToJsonString());
    }

    [Fact]
    public async Task InitializeConnectionAsync_MissingVolume_FailsSayingSo()
    {
        var volume = NewVolume();

        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => Driver().InitializeConnectionAsync(volume, new VolumeConnector(), CancellationToken.None));

        Assert.Equal($"The rbd driver could not export {volume}: it does not exist in pool rbd.", error.Message);
    }

    [Fact]
    public async Task GetCapacityAsync_PoolWithVolumesAndSnapshot_ReportsClusterSizeAndProvisionedSum()
    {
        var pool = $"capacity{Guid.NewGuid():N}"[..16];
        await Cluster.CreatePoolAsync(pool);
        var driver = Driver(pool: pool);
        var (small, large) = (NewVolume(), NewVolume());
        await driver.CreateVolumeAsync(small, 1, CancellationToken.None);
        await driver.CreateVolumeAsync(large, 3, CancellationToken.None);
        await driver.CreateSnapshotAsync(large, NewSnapshot(), CancellationToken.None);

        var capacity = await driver.GetCapacityAsync(CancellationToken.None);

        Assert.Equal((4.0, 4.0, 2), (capacity.ProvisionedCapacityGib, capacity.AllocatedCapacityGib, capacity.TotalVolumes));
        Assert.InRange(capacity.FreeCapacityGib!.Value, 0.5, 4);
        Assert.InRange(capacity.TotalCapacityGib!.Value, capacity.FreeCapacityGib.Value, 4);
        Assert.Equal(("ceph-pool", "zone-a", "rbd", "ceph", "ceph"), (capacity.PoolName, capacity.AvailabilityZone, capacity.DriverName, capacity.StorageProtocol, capacity.VolumeBackendName));
        Assert.Equal((true, false, 7.5), (capacity.ThinProvisioningSupport, capacity.ThickProvisioningSupport, capacity.MaxOverSubscriptionRatio));
    }

    [Fact]
    public async Task GetCapacityAsync_ClusterUnreachable_ReportsUnknownCapacityWithoutThrowing()
    {
        // A monitor address nobody listens on.
        var conf = Path.Combine(_work.FullName, "unreachable.conf");
        var port = FreePorts.Next();
        await File.WriteAllTextAsync(conf, $"[global]\nmon host = v1:127.0.0.1:{port}/0\nms bind ipv6 = false\n");
        var driver = Driver(conf: conf, connectTimeoutSeconds: 1);

        var capacity = await driver.GetCapacityAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CreateVolumeAsync(NewVolume(), 1, CancellationToken.None));

        Assert.Equal((null, null, null), (capacity.TotalCapacityGib, capacity.FreeCapacityGib, capacity.ProvisionedCapacityGib));
        Assert.Equal(("ceph-pool", 0), (capacity.PoolName, capacity.TotalVolumes));
        Assert.Contains("did not answer: check that its monitors are reachable from the agent", error.Message, StringComparison.Ordinal);
    }

    private RbdVolumeDriver Driver(string? pool = null, string? conf = null, int maxCloneDepth = 5, string? secretUuid = null, int connectTimeoutSeconds = 10) => new(new BackendOptions
    {
        Name = "ceph",
        Driver = "rbd",
        PoolName = "ceph-pool",
        AvailabilityZone = "zone-a",
        DataDirectory = _work.FullName,
        Rbd = new RbdOptions
        {
            Pool = pool ?? Cluster.Pool,
            CephConf = conf ?? Cluster.ConfPath,
            User = Cluster.User,
            Keyring = Cluster.KeyringPath,
            SecretUuid = secretUuid,
            MaxCloneDepth = maxCloneDepth,
            MaxOverSubscriptionRatio = 7.5,
            ConnectTimeoutSeconds = connectTimeoutSeconds,
        },
    });

    private static string NewVolume() => StorageNames.ForVolume(Guid.NewGuid());

    private static string NewSnapshot() => StorageNames.ForSnapshot(Guid.NewGuid());

    private async Task<JsonNode> InfoAsync(string image) => JsonNode.Parse(await Cluster.RbdAsync(["info", "--format", "json", $"{Cluster.Pool}/{image}"]))!;

    private async Task<long> SizeAsync(string image) => (await InfoAsync(image))["size"]!.GetValue<long>();

    private async Task<List<string>> ImagesAsync() =>
        JsonSerializer.Deserialize<List<string>>(await Cluster.RbdAsync(["ls", "--format", "json", Cluster.Pool]))!;

    private async Task<JsonArray> SnapshotsAsync(string image) =>
        JsonNode.Parse(await Cluster.RbdAsync(["snap", "ls", "--format", "json", $"{Cluster.Pool}/{image}"]))!.AsArray();

    private async Task<List<string>> ChildrenAsync(string image, string snapshot) =>
        [.. JsonNode.Parse(await Cluster.RbdAsync(["children", "--format", "json", $"{Cluster.Pool}/{image}@{snapshot}"]))!.AsArray().Select(c => c!["image"]!.GetValue<string>())];

    // Fresh random data over the start of the volume, written through qemu's rbd driver as a guest would; returns its SHA-256.
    private async Task<string> WriteRandomAsync(string image)
    {
        var file = Path.Combine(_work.FullName, $"{Guid.NewGuid():N}.raw");
        var data = RandomNumberGenerator.GetBytes(DataBytes);
        await File.WriteAllBytesAsync(file, data);
        await CephCluster.RunAsync("qemu-img", ["convert", "-n", "-f", "raw", "-O", "raw", file, Cluster.QemuTarget(image)]);
        return Convert.ToHexString(SHA256.HashData(data));
    }

    // SHA-256 of the same region, read back through qemu's rbd driver.
    private async Task<string> ReadHashAsync(string image)
    {
        var file = Path.Combine(_work.FullName, $"{Guid.NewGuid():N}.read");
        await CephCluster.RunAsync("qemu-img", ["dd", "-f", "raw", "-O", "raw", "bs=1M", $"count={DataBytes >> 20}", $"if={Cluster.QemuTarget(image)}", $"of={file}"]);
        return Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(file)));
    }
}
