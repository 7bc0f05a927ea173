using BlockStore.Agent.Drivers;
using BlockStore.Core.Agents;
using BlockStore.Testing;

namespace BlockStore.Agent.Tests.Drivers;

/// <summary>
/// The LVM driver against real lvm2 on a loop device. This kernel has no device-mapper, so the group runs with
/// <c>activation = 0</c>: thick create, extend, delete and capacity really happen (in metadata); thin volumes,
/// snapshots, copies and activation reach lvm2 and must fail with its device-mapper error, clearly, leaving nothing behind.
/// </summary>
public sealed class LvmVolumeDriverTests : IAsyncLifetime
{
    private const long BytesPerGib = 1L << 30;

    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("blockstore-lvm-driver-");
    private readonly string _volume = $"volume-{Guid.NewGuid():D}";
    private readonly string _other = $"volume-{Guid.NewGuid():D}";
    private readonly string _snapshot = $"snapshot-{Guid.NewGuid():D}";
    private LvmVolumeGroup? _group;

    private LvmVolumeGroup Group => _group ?? throw new InvalidOperationException("No volume group.");

    public async Task InitializeAsync() => _group = await LvmVolumeGroup.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_group is not null)
        {
            await _group.DisposeAsync();
        }

        _dataDirectory.Delete(recursive: true);
    }

    [Fact]
    public async Task CreateVolumeAsync_Thick_CreatesLinearLvOfExactSize()
    {
        var location = await Driver().CreateVolumeAsync(_volume, 2, CancellationToken.None);

        var lv = await FindAsync(_volume);
        Assert.Equal($"/dev/{Group.Name}/{_volume}", location);
        Assert.NotNull(lv);
        Assert.Equal(2 * BytesPerGib, lv.SizeBytes);
        Assert.Equal("linear", lv.SegmentType);
    }

    [Fact]
    public async Task CreateVolumeAsync_SameSizeTwice_SucceedsWithOneLv()
    {
        var driver = Driver();

        var first = await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);
        var second = await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Single(await ListAsync(), lv => lv.Name == _volume);
    }

    [Fact]
    public async Task CreateVolumeAsync_ExistingWithOtherSize_FailsAndKeepsLv()
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);

        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CreateVolumeAsync(_volume, 3, CancellationToken.None));

        Assert.Contains("already exists with 1 GiB, not 3 GiB", error.Message, StringComparison.Ordinal);
        Assert.Equal(BytesPerGib, (await FindAsync(_volume))!.SizeBytes);
    }

    [Fact]
    public async Task CreateVolumeAsync_LargerThanGroup_FailsWithLvmReason()
    {
        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => Driver().CreateVolumeAsync(_volume, 100, CancellationToken.None));

        Assert.Contains($"The LVM driver could not create {_volume} (100 GiB) in {Group.Name}: lvcreate", error.Message, StringComparison.Ordinal);
        Assert.Contains("has insufficient free space", error.Message, StringComparison.Ordinal);
        Assert.Null(await FindAsync(_volume));
    }

    [Fact]
    public async Task DeleteVolumeAsync_ExistingThenGone_RemovesLvAndSucceedsAgain()
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);
        await driver.CreateVolumeAsync(_other, 1, CancellationToken.None);

        await driver.DeleteVolumeAsync(_volume, CancellationToken.None);
        await driver.DeleteVolumeAsync(_volume, CancellationToken.None);

        Assert.Null(await FindAsync(_volume));
        Assert.NotNull(await FindAsync(_other));
    }

    [Fact]
    public async Task ExtendVolumeAsync_Larger_GrowsLvAndRepeatIsNoOp()
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);

        await driver.ExtendVolumeAsync(_volume, 3, CancellationToken.None);
        await driver.ExtendVolumeAsync(_volume, 3, CancellationToken.None);
        await driver.ExtendVolumeAsync(_volume, 2, CancellationToken.None);

        Assert.Equal(3 * BytesPerGib, (await FindAsync(_volume))!.SizeBytes);
    }

    [Fact]
    public async Task ExtendVolumeAsync_VolumeMissing_FailsNamingIt()
    {
        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => Driver().ExtendVolumeAsync(_volume, 2, CancellationToken.None));

        Assert.Equal($"The LVM driver could not extend {_volume}: it does not exist in {Group.Name}.", error.Message);
    }

    [Fact]
    public async Task GetCapacityAsync_Thick_ReportsGroupSizesAndVolumes()
    {
        var driver = Driver(reservedPercentage: 10);
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);
        await driver.CreateVolumeAsync(_other, 2, CancellationToken.None);
        var group = await new LvmCli(Group.SystemDirectory, TimeSpan.FromSeconds(30)).ShowVolumeGroupAsync(Group.Name, CancellationToken.None);

        var pool = await driver.GetCapacityAsync(CancellationToken.None);

        Assert.Equal(Math.Round(group.SizeBytes / (double)BytesPerGib, 2), pool.TotalCapacityGib);
        Assert.Equal(Math.Round(group.SizeBytes / (double)BytesPerGib - 3, 2), pool.FreeCapacityGib);
        Assert.Equal(3, pool.AllocatedCapacityGib);
        Assert.Equal(3, pool.ProvisionedCapacityGib);
        Assert.Equal(2, pool.TotalVolumes);
        Assert.True(pool.ThickProvisioningSupport);
        Assert.False(pool.ThinProvisioningSupport);
        Assert.Equal("lvm-1", pool.VolumeBackendName);
        Assert.Equal("lvm", pool.DriverName);
        Assert.Equal("iSCSI", pool.StorageProtocol);
        Assert.Equal(10, pool.ReservedPercentage);
        Assert.Equal("silver", pool.PoolName);
    }

    [Fact]
    public async Task GetCapacityAsync_VolumeGroupMissing_ReportsUnknownCapacity()
    {
        var pool = await Driver(volumeGroup: "no-such-vg").GetCapacityAsync(CancellationToken.None);

        Assert.Null(pool.TotalCapacityGib);
        Assert.Null(pool.FreeCapacityGib);
        Assert.Equal(0, pool.TotalVolumes);
    }

    [Fact]
    public async Task CreateVolumeAsync_Thin_RunsThinLvcreateAndReportsDeviceMapperError()
    {
        await Group.AddThinPoolMetadataAsync("pool", 2 * BytesPerGib);

        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => Driver(thin: true).CreateVolumeAsync(_volume, 5, CancellationToken.None));

        Assert.Contains($"lvcreate -an -T {Group.Name}/pool -V {5 * BytesPerGib}B -n {_volume} failed: Can't create thin without using device-mapper kernel driver.", error.Message, StringComparison.Ordinal);
        Assert.Contains("This host's kernel has no device-mapper", error.Message, StringComparison.Ordinal);
        Assert.Null(await FindAsync(_volume));
    }

    [Fact]
    public async Task CreateVolumeAsync_ThinPoolMissing_FailsNamingPool()
    {
        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => Driver(thin: true).CreateVolumeAsync(_volume, 1, CancellationToken.None));

        Assert.Contains($"Pool pool not found in Volume group {Group.Name}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCapacityAsync_Thin_ReportsPoolAsCapacity()
    {
        await Group.AddThinPoolMetadataAsync("pool", 2 * BytesPerGib);

        var pool = await Driver(thin: true).GetCapacityAsync(CancellationToken.None);

        Assert.Equal(2, pool.TotalCapacityGib);
        Assert.Null(pool.FreeCapacityGib); // an inactive pool's usage is unknown: "unknown", not a guess
        Assert.Equal(0, pool.ProvisionedCapacityGib);
        Assert.True(pool.ThinProvisioningSupport);
        Assert.False(pool.ThickProvisioningSupport);
        Assert.Equal(20, pool.MaxOverSubscriptionRatio);
    }

    [Fact]
    public async Task CreateSnapshotAsync_Thick_RunsLvcreateSnapshotAndReportsDeviceMapperError()
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);

        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CreateSnapshotAsync(_volume, _snapshot, CancellationToken.None));

        Assert.Contains($"lvcreate --name _{_snapshot} --snapshot {Group.Name}/{_volume} -L {BytesPerGib}B failed: Can't create snapshot without using device-mapper kernel driver.", error.Message, StringComparison.Ordinal);
        Assert.Null(await FindAsync("_" + _snapshot));
    }

    [Fact]
    public async Task DeleteSnapshotAsync_Missing_Succeeds()
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);

        await driver.DeleteSnapshotAsync(_volume, _snapshot, CancellationToken.None);

        Assert.NotNull(await FindAsync(_volume));
    }

    [Fact]
    public async Task CloneVolumeAsync_Thick_FailsAtTemporarySnapshotAndLeavesNothing()
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);

        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CloneVolumeAsync(_volume, _other, 1, CancellationToken.None));

        Assert.StartsWith($"The LVM driver could not clone {_volume} into {_other}: lvcreate --name clone-snap-{_other["volume-".Length..]} --snapshot", error.Message, StringComparison.Ordinal);
        Assert.Contains("device-mapper", error.Message, StringComparison.Ordinal);
        Assert.Equal([_volume], (await ListAsync()).Select(lv => lv.Name));
    }

    [Fact]
    public async Task CreateVolumeFromSnapshotAsync_SnapshotMissing_FailsAndCreatesNothing()
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);

        var error = await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CreateVolumeFromSnapshotAsync(_volume, _snapshot, _other, 1, CancellationToken.None));

        Assert.Contains($"snapshot {_snapshot} of {_volume} does not exist in {Group.Name}", error.Message, StringComparison.Ordinal);
        Assert.Null(await FindAsync(_other));
    }

    [Fact]
    public async Task InitializeConnectionAsync_LvNotActivatable_FailsNamingActivation()
    {
        var driver = Driver(iscsi: new IscsiOptions { Enabled = true, ControlPort = 1 });
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);

        var error = await Assert.ThrowsAsync<VolumeDriverException>(
            () => driver.InitializeConnectionAsync(_volume, new VolumeConnector { Initiator = "iqn.1994-05.com.redhat:compute-1" }, CancellationToken.None));

        Assert.Contains($"{Group.Name}/{_volume} is not active", error.Message, StringComparison.Ordinal);
        Assert.Contains("device-mapper", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeConnectionAsync_IscsiDisabled_FailsNamingSetting()
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);

        var error = await Assert.ThrowsAsync<VolumeDriverException>(
            () => driver.InitializeConnectionAsync(_volume, new VolumeConnector { Initiator = "iqn.1994-05.com.redhat:compute-1" }, CancellationToken.None));

        Assert.Contains("set its Iscsi:Enabled to true", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../dev/sda")]
    [InlineData("-L1G")]
    [InlineData("volume-0b6a3c1e-8f42-4d0c-9a77-2e5f1c3d4b10\n")]
    [InlineData("pool")]
    public async Task Operations_NameNotVolumeUuid_RefusedWithoutTouchingGroup(string name)
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);

        var errors = new[]
        {
            await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CreateVolumeAsync(name, 1, CancellationToken.None)),
            await Assert.ThrowsAsync<VolumeDriverException>(() => driver.DeleteVolumeAsync(name, CancellationToken.None)),
            await Assert.ThrowsAsync<VolumeDriverException>(() => driver.ExtendVolumeAsync(name, 2, CancellationToken.None)),
            await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CloneVolumeAsync(_volume, name, 1, CancellationToken.None)),
            await Assert.ThrowsAsync<VolumeDriverException>(() => driver.CreateSnapshotAsync(_volume, name, CancellationToken.None)),
        };

        Assert.All(errors, e => Assert.Contains("refused", e.Message, StringComparison.Ordinal));
        Assert.Equal([_volume], (await ListAsync()).Select(lv => lv.Name));
    }

    [Fact]
    public void Validate_BadSettings_NamesEachOne()
    {
        var failures = new List<string>();

        new LvmOptions { VolumeGroup = "-vg", Type = "thick", MaxOverSubscriptionRatio = 0.5, SystemDirectory = "/no/such/dir" }.Validate("Agent:Backends:0:Lvm", failures);

        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Agent:Backends:0:Lvm:VolumeGroup '-vg'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Backends:0:Lvm:Type 'thick'", StringComparison.Ordinal));
    }

    private LvmVolumeDriver Driver(bool thin = false, string? volumeGroup = null, int reservedPercentage = 0, IscsiOptions? iscsi = null) => new(new BackendOptions
    {
        Name = "lvm-1",
        Driver = "lvm",
        PoolName = "silver",
        DataDirectory = _dataDirectory.FullName,
        ReservedPercentage = reservedPercentage,
        Lvm = new LvmOptions
        {
            VolumeGroup = volumeGroup ?? Group.Name,
            Type = thin ? LvmOptions.Thin : LvmOptions.Thick,
            ThinPool = thin ? "pool" : null,
            SystemDirectory = Group.SystemDirectory,
        },
        Iscsi = iscsi ?? new IscsiOptions(),
    });

    private Task<IReadOnlyList<LvmLogicalVolume>> ListAsync() =>
        new LvmCli(Group.SystemDirectory, TimeSpan.FromSeconds(30)).ListAsync(Group.Name, CancellationToken.None);

    private async Task<LvmLogicalVolume?> FindAsync(string name) => (await ListAsync()).FirstOrDefault(lv => lv.Name == name);
}
