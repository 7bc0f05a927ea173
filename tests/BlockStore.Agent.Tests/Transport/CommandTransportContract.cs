using BlockStore.Agent.Tests.Commands;
using BlockStore.ControlPlane.Agents;
using BlockStore.Core.Agents;
using BlockStore.Core.Volumes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlockStore.Agent.Tests.Transport;

/// <summary>
/// What every command transport must do, end to end: the control plane's sending side (<see cref="ICommandTransport"/>)
/// and the real agent host's receiving side, with a real HTTP endpoint for the replies. Each transport runs these
/// tests through a subclass: Storage queues on Azurite, Service Bus over an in-memory broker behind Moq.
/// </summary>
public abstract class CommandTransportContract : IAsyncLifetime
{
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("blockstore-transport-");
    private FakeControlPlane? _controlPlane;
    private IHost? _agent;

    protected string HostName { get; } = $"node-{Guid.NewGuid():N}"[..13];

    protected string BackendHost => $"{HostName}@file";

    protected FakeControlPlane ControlPlane => _controlPlane!;

    protected CapturedLogs Logs { get; } = new();

    /// <summary>The control plane's side of the transport under test.</summary>
    protected abstract ICommandTransport Transport { get; }

    /// <summary>How long a message that was not settled takes to come back; waiting twice as long shows that nothing does.</summary>
    protected abstract TimeSpan RedeliveryDelay { get; }

    public virtual async Task InitializeAsync() => _controlPlane = await FakeControlPlane.StartAsync();

    public virtual async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.StopAsync();
            _agent.Dispose();
        }

        if (_controlPlane is not null)
        {
            await _controlPlane.DisposeAsync();
        }

        _dataDirectory.Delete(recursive: true);
    }

    [Fact]
    public async Task Send_NoAgentYet_WaitsOnItsBackendUnderItsCommandId()
    {
        var command = CreateCommand();

        await Transport.SendAsync(command, CancellationToken.None);

        Assert.Equal([command.CommandId], await PendingCommandIdsAsync(BackendHost));
        Assert.Empty(await PendingCommandIdsAsync($"{HostName}x@file"));
    }

    [Fact]
    public async Task Send_AgentOfTheBackend_RunsItOnceRepliesAndSettles()
    {
        await StartAgentAsync();
        var command = CreateCommand();

        await Transport.SendAsync(command, CancellationToken.None);
        await Eventually.HoldsAsync(() => !ControlPlane.Replies.IsEmpty, "the agent replies");
        await Eventually.HoldsAsync(async () => await PendingCountAsync(BackendHost) == 0, "the message is settled");
        await Task.Delay(RedeliveryDelay * 2);

        var reply = Assert.Single(ControlPlane.Replies);
        var path = Path.Combine(_dataDirectory.FullName, "volumes", command.VolumeName);
        Assert.Equal(new AgentReply { CommandId = command.CommandId, InstanceId = command.InstanceId, Succeeded = true, ProviderLocation = path }, reply);
        Assert.Equal(1L << 30, new FileInfo(path).Length);
    }

    [Fact]
    public async Task Send_CommandForAnotherBackend_IsNotTakenByThisAgent()
    {
        await StartAgentAsync();
        var otherBackend = $"{HostName}x@file";
        var command = CreateCommand() with { BackendHost = otherBackend };

        await Transport.SendAsync(command, CancellationToken.None);
        await Task.Delay(RedeliveryDelay * 2);

        Assert.Empty(ControlPlane.Replies);
        Assert.Equal(1, await PendingCountAsync(otherBackend));
        Assert.False(Directory.Exists(Path.Combine(_dataDirectory.FullName, "volumes")));
    }

    [Fact]
    public async Task DeliverAgain_SameCommandId_RunsDriverOnceAndRepeatsFirstReply()
    {
        await StartAgentAsync();
        var command = CreateCommand();
        await Transport.SendAsync(command, CancellationToken.None);
        await Eventually.HoldsAsync(() => !ControlPlane.Replies.IsEmpty, "the agent replies to the first delivery");
        var first = Assert.Single(ControlPlane.Replies);

        // Removed behind the agent's back: if the second delivery ran the driver, the file would come back.
        File.Delete(first.ProviderLocation!);
        await DeliverAgainAsync(command);
        await Eventually.HoldsAsync(() => ControlPlane.Replies.Count == 2, "the agent replies to the second delivery");

        Assert.Equal(first, ControlPlane.Replies.Last());
        Assert.False(File.Exists(first.ProviderLocation));
    }

    [Fact]
    public async Task Reply_Answered500_MessageKeptAndRedeliveredUntilAccepted()
    {
        ControlPlane.ReplyStatusCode = 500;
        await StartAgentAsync();
        var command = CreateCommand();

        await Transport.SendAsync(command, CancellationToken.None);
        await Eventually.HoldsAsync(() => ControlPlane.Replies.Count >= 2, "the unsettled message is delivered again");
        Assert.Equal(1, await PendingCountAsync(BackendHost));

        ControlPlane.ReplyStatusCode = 202;
        await Eventually.HoldsAsync(async () => await PendingCountAsync(BackendHost) == 0, "the message is settled once the reply is accepted");
        var repliesWhenSettled = ControlPlane.Replies.Count;
        await Task.Delay(RedeliveryDelay * 2);

        Assert.Equal(repliesWhenSettled, ControlPlane.Replies.Count);
        Assert.All(ControlPlane.Replies, reply => Assert.Equal(ControlPlane.Replies.First(), reply));
        Assert.True(ControlPlane.Replies.First().Succeeded);
    }

    [Fact]
    public async Task Reply_RefusedWith409_MessageRemovedWithoutRetry()
    {
        ControlPlane.ReplyStatusCode = 409;
        await StartAgentAsync();

        await Transport.SendAsync(CreateCommand(), CancellationToken.None);
        await Eventually.HoldsAsync(async () => await PendingCountAsync(BackendHost) == 0, "the refused command's message is removed");
        await Task.Delay(RedeliveryDelay * 2);

        Assert.Single(ControlPlane.Replies);
        Assert.Contains(Logs.Messages, m => m.Contains("ReplyRefused", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("this is not json", "UnreadableCommand")]
    [InlineData("""{"schemaVersion":99,"commandId":"c1","instanceId":"i1","operation":"CreateVolume","backendHost":"x@file","pool":"file","volumeId":"0b6a3c1e-8f42-4d0c-9a77-2e5f1c3d4b10","volumeName":"volume-0b6a3c1e-8f42-4d0c-9a77-2e5f1c3d4b10","sizeGib":1,"issuedAt":"2025-01-01T00:00:00Z"}""", "UnsupportedSchemaVersion")]
    public async Task Poison_UnreadableMessage_RemovedWithReasonWithoutReplyOrVolume(string body, string reason)
    {
        await StartAgentAsync();

        await SendRawAsync(BackendHost, body);
        await Eventually.HoldsAsync(async () => await PendingCountAsync(BackendHost) == 0, "the unreadable message is removed");

        Assert.Empty(ControlPlane.Replies);
        Assert.False(Directory.Exists(Path.Combine(_dataDirectory.FullName, "volumes")));
        Assert.Contains(Logs.Messages, m => m.Contains(reason, StringComparison.Ordinal));
    }

    /// <summary>The agent's command-line settings for the transport.</summary>
    protected abstract IEnumerable<string> AgentTransportArguments();

    /// <summary>Replaces what the transport needs in the agent's container (a client over the test's broker).</summary>
    protected virtual void ConfigureAgentServices(IServiceCollection services)
    {
    }

    /// <summary>Messages waiting for a backend or being handled, not yet settled.</summary>
    protected abstract Task<int> PendingCountAsync(string backendHost);

    /// <summary>The command ids of the messages waiting for a backend that nobody has received yet.</summary>
    protected abstract Task<IReadOnlyList<string>> PendingCommandIdsAsync(string backendHost);

    /// <summary>Delivers a command that was already delivered once, as the transport does after a lost settlement.</summary>
    protected abstract Task DeliverAgainAsync(AgentCommand command);

    /// <summary>Puts a message that is not a valid command on a backend's transport.</summary>
    protected abstract Task SendRawAsync(string backendHost, string body);

    protected async Task StartAgentAsync()
    {
        var builder = AgentHost.CreateBuilder(
        [
            $"--Agent:ControlPlaneUrl={ControlPlane.Url}",
            $"--Agent:HostName={HostName}",
            "--Agent:ReportInterval=00:00:00.200",
            "--Agent:Backends:0:Name=file",
            "--Agent:Backends:0:Driver=file",
            $"--Agent:Backends:0:DataDirectory={_dataDirectory.FullName}",
            "--Agent:Backends:0:CapacityGib=100",
            .. AgentTransportArguments(),
        ]);
        builder.Logging.AddProvider(Logs);
        ConfigureAgentServices(builder.Services);
        _agent = builder.Build();
        await _agent.StartAsync();
    }

    protected AgentCommand CreateCommand()
    {
        var volumeId = Guid.NewGuid();
        return new AgentCommand
        {
            CommandId = $"{volumeId}:create:1",
            InstanceId = $"{volumeId}:create",
            Operation = AgentOperation.CreateVolume,
            BackendHost = BackendHost,
            Pool = "file",
            VolumeId = volumeId,
            VolumeName = StorageNames.ForVolume(volumeId),
            SizeGib = 1,
            IssuedAt = DateTimeOffset.UtcNow,
        };
    }
}
