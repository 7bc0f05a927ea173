using System.Security.Cryptography;
using BlockStore.Agent.Drivers;
using BlockStore.Core.Agents;

namespace BlockStore.Agent.Tests.Drivers;

/// <summary>The file driver's iSCSI export through a real tgtd, read back by the userspace initiators.</summary>
public sealed class IscsiFileExportTests(IscsiTgtdFixture tgtd) : IClassFixture<IscsiTgtdFixture>, IDisposable
{
    private const long BytesPerGib = 1L << 30;
    private const string Initiator = "iqn.1994-05.com.redhat:compute-1";
    private const string OtherInitiator = "iqn.1994-05.com.redhat:compute-2";

    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("blockstore-iscsi-file-");
    private readonly string _volume = $"volume-{Guid.NewGuid():D}";

    public void Dispose() => _dataDirectory.Delete(recursive: true);

    [Fact]
    public async Task InitializeConnectionAsync_VolumeWithData_InitiatorLogsInWithChapAndReadsSameBytes()
    {
        var driver = Driver();
        var path = await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);
        await WriteRandomAsync(path, 0, 4 << 20);
        await WriteRandomAsync(path, 700L << 20, 4 << 20);
        var written = await Sha256Async(path);

        var connection = await driver.InitializeConnectionAsync(_volume, new VolumeConnector { Initiator = Initiator }, CancellationToken.None);
        var copy = Path.Combine(_dataDirectory.FullName, "read.raw");
        var read = await IscsiInitiator.ReadLunAsync(connection, Initiator, copy);

        Assert.True(read.Succeeded, read.Error);
        Assert.Equal(written, await Sha256Async(copy));
        Assert.Equal(BytesPerGib, new FileInfo(copy).Length);
        Assert.Equal("iscsi", connection.DriverVolumeType);
        Assert.False((bool)connection.Data["target_discovered"]!);
        Assert.Equal($"iqn.2010-10.org.openstack:{_volume}", (string)connection.Data["target_iqn"]!);
        Assert.Equal(tgtd.Daemon.Portal, (string)connection.Data["target_portal"]!);
        Assert.Equal(1, (int)connection.Data["target_lun"]!);
        Assert.Equal(_volume["volume-".Length..], (string)connection.Data["volume_id"]!);
        Assert.Equal("CHAP", (string)connection.Data["auth_method"]!);
        Assert.Equal(20, ((string)connection.Data["auth_username"]!).Length);
        Assert.Equal(16, ((string)connection.Data["auth_password"]!).Length);
        Assert.False((bool)connection.Data["encrypted"]!);
        Assert.Equal("iSCSI", (await driver.GetCapacityAsync(CancellationToken.None)).StorageProtocol);
    }

    [Fact]
    public async Task InitializeConnectionAsync_WrongPassword_LoginFails()
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);
        var connection = await driver.InitializeConnectionAsync(_volume, new VolumeConnector { Initiator = Initiator }, CancellationToken.None);

        var wrong = await IscsiInitiator.InquireAsync(connection, Initiator, password: "WrongPassword123");
        var right = await IscsiInitiator.InquireAsync(connection, Initiator);

        Assert.False(wrong.Succeeded);
        Assert.Contains("Authentication failure", wrong.Output + wrong.Error, StringComparison.Ordinal);
        Assert.True(right.Succeeded, right.Error);
    }

    [Fact]
    public async Task InitializeConnectionAsync_InitiatorNotInAcl_LoginFailsEvenWithCredentials()
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);
        var connection = await driver.InitializeConnectionAsync(_volume, new VolumeConnector { Initiator = Initiator }, CancellationToken.None);

        var stranger = await IscsiInitiator.InquireAsync(connection, OtherInitiator);

        Assert.False(stranger.Succeeded);
    }

    [Fact]
    public async Task InitializeConnectionAsync_Twice_SameCredentialsAndOneTarget()
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);
        var connector = new VolumeConnector { Initiator = Initiator };

        var first = await driver.InitializeConnectionAsync(_volume, connector, CancellationToken.None);
        var second = await driver.InitializeConnectionAsync(_volume, connector, CancellationToken.None);
        var afterRestart = await Driver().InitializeConnectionAsync(_volume, connector, CancellationToken.None);

        Assert.Equal(first.Data.ToJsonString(), second.Data.ToJsonString());
        Assert.Equal(first.Data.ToJsonString(), afterRestart.Data.ToJsonString());
        Assert.Single(await TargetsOfAsync(_volume));
        Assert.True((await IscsiInitiator.InquireAsync(second, Initiator)).Succeeded);
    }

    [Fact]
    public async Task InitializeConnectionAsync_TargetLostByTgtd_RebuildsExportWithSameCredentials()
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);
        var connector = new VolumeConnector { Initiator = Initiator };
        var first = await driver.InitializeConnectionAsync(_volume, connector, CancellationToken.None);

        // What a tgtd restart does: every target and account is gone.
        var tid = (await TargetsOfAsync(_volume)).Single();
        await tgtd.Daemon.TgtadmAsync(["--op", "delete", "--mode", "target", "--tid", tid, "--force"]);
        await tgtd.Daemon.TgtadmAsync(["--op", "delete", "--mode", "account", "--user", (string)first.Data["auth_username"]!]);
        var again = await driver.InitializeConnectionAsync(_volume, connector, CancellationToken.None);

        Assert.Equal(first.Data.ToJsonString(), again.Data.ToJsonString());
        Assert.True((await IscsiInitiator.InquireAsync(again, Initiator)).Succeeded);
    }

    [Fact]
    public async Task TerminateConnectionAsync_Exported_LoginFailsAndRepeatSucceeds()
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);
        var connector = new VolumeConnector { Initiator = Initiator };
        var connection = await driver.InitializeConnectionAsync(_volume, connector, CancellationToken.None);

        await driver.TerminateConnectionAsync(_volume, connector, CancellationToken.None);
        await driver.TerminateConnectionAsync(_volume, connector, CancellationToken.None);
        var login = await IscsiInitiator.InquireAsync(connection, Initiator);

        Assert.False(login.Succeeded);
        Assert.Empty(await TargetsOfAsync(_volume));
        var reexported = await driver.InitializeConnectionAsync(_volume, connector, CancellationToken.None);
        Assert.Equal(connection.Data.ToJsonString(), reexported.Data.ToJsonString());
    }

    [Fact]
    public async Task TerminateConnectionAsync_OneOfTwoInitiators_OtherKeepsAccess()
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);
        var connection = await driver.InitializeConnectionAsync(_volume, new VolumeConnector { Initiator = Initiator }, CancellationToken.None);
        await driver.InitializeConnectionAsync(_volume, new VolumeConnector { Initiator = OtherInitiator }, CancellationToken.None);

        await driver.TerminateConnectionAsync(_volume, new VolumeConnector { Initiator = Initiator }, CancellationToken.None);

        Assert.False((await IscsiInitiator.InquireAsync(connection, Initiator)).Succeeded);
        Assert.True((await IscsiInitiator.InquireAsync(connection, OtherInitiator)).Succeeded);
    }

    [Fact]
    public async Task TerminateConnectionAsync_NeverExported_Succeeds()
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);

        await driver.TerminateConnectionAsync(_volume, new VolumeConnector { Initiator = Initiator }, CancellationToken.None);

        Assert.Empty(await TargetsOfAsync(_volume));
    }

    [Fact]
    public async Task DeleteVolumeAsync_Exported_RemovesTargetAccountAndCredentials()
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);
        var connection = await driver.InitializeConnectionAsync(_volume, new VolumeConnector { Initiator = Initiator }, CancellationToken.None);

        await driver.DeleteVolumeAsync(_volume, CancellationToken.None);
        await driver.DeleteVolumeAsync(_volume, CancellationToken.None);

        Assert.Empty(await TargetsOfAsync(_volume));
        Assert.DoesNotContain((string)connection.Data["auth_username"]!, await tgtd.Daemon.TgtadmAsync(["--op", "show", "--mode", "account"]), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(_dataDirectory.FullName, "iscsi")));
    }

    [Fact]
    public async Task ExtendVolumeAsync_Exported_InitiatorSeesNewSize()
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);
        var connection = await driver.InitializeConnectionAsync(_volume, new VolumeConnector { Initiator = Initiator }, CancellationToken.None);

        await driver.ExtendVolumeAsync(_volume, 2, CancellationToken.None);

        Assert.Equal(2 * BytesPerGib, await IscsiInitiator.LunSizeAsync(connection, Initiator));
    }

    [Theory]
    [InlineData("--user=x")]
    [InlineData("iqn.1994-05.com.redhat:a b")]
    [InlineData("iqn.1994-05.com.redhat:x\n--op delete")]
    [InlineData("")]
    [InlineData(null)]
    public async Task InitializeConnectionAsync_InitiatorNotIscsiName_RefusedWithoutTouchingTgtd(string? initiator)
    {
        var driver = Driver();
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);

        var error = await Assert.ThrowsAsync<VolumeDriverException>(
            () => driver.InitializeConnectionAsync(_volume, new VolumeConnector { Initiator = initiator }, CancellationToken.None));

        Assert.Contains("is not an iSCSI name", error.Message, StringComparison.Ordinal);
        Assert.Empty(await TargetsOfAsync(_volume));
        Assert.False(Directory.Exists(Path.Combine(_dataDirectory.FullName, "iscsi")));
    }

    [Fact]
    public async Task InitializeConnectionAsync_TgtdNotRunning_FailsNamingControlPort()
    {
        var driver = Driver(controlPort: 1);
        await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);

        var error = await Assert.ThrowsAsync<VolumeDriverException>(
            () => driver.InitializeConnectionAsync(_volume, new VolumeConnector { Initiator = Initiator }, CancellationToken.None));

        Assert.Contains("Is tgtd running with control port 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeConnectionAsync_IscsiDisabled_ReturnsLocalPath()
    {
        var driver = new FileVolumeDriver(new BackendOptions { Name = "files", Driver = "file", DataDirectory = _dataDirectory.FullName });
        var path = await driver.CreateVolumeAsync(_volume, 1, CancellationToken.None);

        var connection = await driver.InitializeConnectionAsync(_volume, new VolumeConnector { Initiator = Initiator }, CancellationToken.None);

        Assert.Equal("local", connection.DriverVolumeType);
        Assert.Equal(path, (string)connection.Data["device_path"]!);
    }

    [Fact]
    public void Validate_BadSettings_NamesEachOne()
    {
        var failures = new List<string>();

        new IscsiOptions { Enabled = true, TargetPrefix = "target:", Portal = "localhost", ControlPort = 40000 }.Validate("Agent:Backends:0:Iscsi", failures);
        new IscsiOptions { Enabled = false, Portal = "nonsense" }.Validate("Agent:Backends:1:Iscsi", failures);

        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Agent:Backends:0:Iscsi:TargetPrefix 'target:'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Backends:0:Iscsi:Portal 'localhost'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Agent:Backends:0:Iscsi:ControlPort", StringComparison.Ordinal));
    }

    private FileVolumeDriver Driver(int? controlPort = null) => new(new BackendOptions
    {
        Name = "files",
        Driver = "file",
        DataDirectory = _dataDirectory.FullName,
        Iscsi = new IscsiOptions { Enabled = true, Portal = tgtd.Daemon.Portal, ControlPort = controlPort ?? tgtd.Daemon.ControlPort },
    });

    private async Task<string[]> TargetsOfAsync(string volume)
    {
        var listing = await tgtd.Daemon.TgtadmAsync(["--op", "show", "--mode", "target"]);
        return [.. listing.Split('\n')
            .Where(l => l.StartsWith("Target ", StringComparison.Ordinal) && l.EndsWith(":" + volume, StringComparison.Ordinal))
            .Select(l => l[7..l.IndexOf(':', StringComparison.Ordinal)])];
    }

    internal static async Task WriteRandomAsync(string path, long offset, int bytes)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
        stream.Position = offset;
        await stream.WriteAsync(RandomNumberGenerator.GetBytes(bytes));
    }

    internal static async Task<string> Sha256Async(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4 << 20, FileOptions.SequentialScan);
        return Convert.ToHexString(await SHA256.HashDataAsync(stream));
    }
}
