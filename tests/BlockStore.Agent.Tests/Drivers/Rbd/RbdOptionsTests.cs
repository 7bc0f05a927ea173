using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlockStore.Agent.Tests.Drivers.Rbd;

/// <summary>An rbd backend's settings are checked when the agent starts, every mistake named at once.</summary>
public sealed class RbdOptionsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("blockstore-rbd-options-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void CreateBuilder_RbdBackendWithBadSettings_FailsNamingEachSetting()
    {
        using var host = AgentHost.CreateBuilder(
        [
            "--Agent:Backends:0:Name=ceph", "--Agent:Backends:0:Driver=rbd", $"--Agent:Backends:0:DataDirectory={_directory.FullName}",
            "--Agent:Backends:0:Rbd:Pool=rbd/other", "--Agent:Backends:0:Rbd:User=client.cinder",
            $"--Agent:Backends:0:Rbd:CephConf={Path.Combine(_directory.FullName, "absent.conf")}",
            "--Agent:Backends:0:Rbd:SecretUuid=not-a-uuid", "--Agent:Backends:0:Rbd:MaxCloneDepth=-1",
        ]).Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<AgentOptions>>().Value);

        Assert.Contains("Agent:Backends:0:Rbd:Pool 'rbd/other' is required and must be letters", error.Message, StringComparison.Ordinal);
        Assert.Contains("Agent:Backends:0:Rbd:User 'client.cinder' is required and must be the cephx id without 'client.'", error.Message, StringComparison.Ordinal);
        Assert.Contains("absent.conf' is not a readable file", error.Message, StringComparison.Ordinal);
        Assert.Contains("Agent:Backends:0:Rbd:SecretUuid 'not-a-uuid' is not a UUID", error.Message, StringComparison.Ordinal);
        Assert.Contains("Agent:Backends:0:Rbd:MaxCloneDepth must be 0 or more", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateBuilder_RbdBackendWithUsableSettings_Starts()
    {
        var conf = Path.Combine(_directory.FullName, "ceph.conf");
        File.WriteAllText(conf, "[global]\n");
        using var host = AgentHost.CreateBuilder(
        [
            "--Agent:Backends:0:Name=ceph", "--Agent:Backends:0:Driver=rbd", $"--Agent:Backends:0:DataDirectory={_directory.FullName}",
            $"--Agent:Backends:0:Rbd:CephConf={conf}", "--Agent:Backends:0:Rbd:User=cinder",
            "--Agent:Backends:0:Rbd:SecretUuid=457eb676-33da-42ec-9a8c-9293d545c337",
        ]).Build();

        var backend = Assert.Single(host.Services.GetRequiredService<IOptions<AgentOptions>>().Value.Backends);

        Assert.Equal(("rbd", "cinder", 5), (backend.Rbd.Pool, backend.Rbd.User, backend.Rbd.MaxCloneDepth));
    }
}
