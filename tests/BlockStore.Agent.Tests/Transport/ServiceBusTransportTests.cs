using Azure.Messaging.ServiceBus;
using BlockStore.ControlPlane;
using BlockStore.ControlPlane.Agents;
using BlockStore.ControlPlane.Workflows;
using BlockStore.Core.Agents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace BlockStore.Agent.Tests.Transport;

/// <summary>
/// The transport contract on Service Bus (one session queue, a session per backend host), and what only Service Bus
/// has: the message's session and id, the agent's session filter and lock renewal, dead letters that fail their
/// operation. No broker can run here, so the SDK's clients are Moq mocks over <see cref="InMemoryServiceBus"/>.
/// </summary>
public sealed class ServiceBusTransportTests : CommandTransportContract
{
    private static readonly TimeSpan AgentTimeout = TimeSpan.FromMinutes(3);
    private readonly InMemoryServiceBus _broker = new();
    private readonly ICommandTransport _transport;
    private readonly List<DeadLetterWatcher> _watchers = [];

    public ServiceBusTransportTests()
    {
        _transport = new ServiceBusCommandTransport(_broker.Client.Object, Options.Create(ControlPlaneSettings()));
    }

    protected override ICommandTransport Transport => _transport;

    protected override TimeSpan RedeliveryDelay => _broker.AbandonDelay + TimeSpan.FromMilliseconds(400);

    public override async Task DisposeAsync()
    {
        foreach (var watcher in _watchers)
        {
            await watcher.StopAsync(CancellationToken.None);
            watcher.Dispose();
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task Send_Command_SessionIsBackendHostMessageIdIsCommandId()
    {
        var command = CreateCommand();

        await Transport.SendAsync(command, CancellationToken.None);

        var message = Assert.Single(_broker.Sent);
        Assert.Equal(
            (command.BackendHost, command.CommandId, "CreateVolume", "application/json", AgentTimeout),
            (message.SessionId, message.MessageId, message.Subject, message.ContentType, message.TimeToLive));
        Assert.Equal(command, message.Body.ToObjectFromJson<AgentCommand>(AgentProtocol.JsonOptions));
        Assert.Equal(command.InstanceId, message.ApplicationProperties[ServiceBusCommandTransport.InstanceIdProperty]);
    }

    [Fact]
    public async Task Send_SameCommandTwice_QueueKeepsOneByItsMessageId()
    {
        var command = CreateCommand();

        // An activity retry after a lost acknowledgement sends the same command again.
        await Transport.SendAsync(command, CancellationToken.None);
        await Transport.SendAsync(command, CancellationToken.None);

        Assert.Equal(2, _broker.Sent.Count);
        Assert.Equal([command.CommandId], _broker.Pending(BackendHost));
    }

    [Fact]
    public async Task StartAgent_AcceptsOnlyItsBackendsSessionsSettlesByHandAndRenewsLocks()
    {
        await StartAgentAsync();

        await Eventually.HoldsAsync(() => !_broker.Processors.IsEmpty, "the agent creates its session processor");
        var options = Assert.Single(_broker.Processors);
        Assert.Equal([BackendHost], options.SessionIds);
        Assert.False(options.AutoCompleteMessages);
        Assert.Equal(ServiceBusReceiveMode.PeekLock, options.ReceiveMode);
        Assert.Equal(1, options.MaxConcurrentCallsPerSession);
        Assert.Equal(TimeSpan.FromMinutes(7), options.MaxAutoLockRenewalDuration);
    }

    [Fact]
    public async Task Reply_RefusedWith409_DeadLettersWithReason()
    {
        ControlPlane.ReplyStatusCode = 409;
        await StartAgentAsync();
        var command = CreateCommand();

        await Transport.SendAsync(command, CancellationToken.None);
        await Eventually.HoldsAsync(() => _broker.DeadLetters.Count == 1, "the refused command is dead-lettered");

        var deadLetter = Assert.Single(_broker.DeadLetters);
        Assert.Equal((command.CommandId, "ReplyRefused"), (deadLetter.MessageId, deadLetter.DeadLetterReason));
        Assert.Contains("409", deadLetter.DeadLetterErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poison_UnknownSchema_DeadLettersWithReasonAndDescription()
    {
        await StartAgentAsync();

        await SendRawAsync(BackendHost, """{"schemaVersion":99}""");
        await Eventually.HoldsAsync(() => _broker.DeadLetters.Count == 1, "the message is dead-lettered");

        var deadLetter = Assert.Single(_broker.DeadLetters);
        Assert.Equal("UnsupportedSchemaVersion", deadLetter.DeadLetterReason);
        Assert.Equal("Schema version 99 is unknown to this agent.", deadLetter.DeadLetterErrorDescription);
    }

    [Fact]
    public async Task DeadLetter_ReplyNeverAccepted_FailsOperationNamingTheReasonThenCompletes()
    {
        _broker.MaxDeliveryCount = 3;
        ControlPlane.ReplyStatusCode = 503;
        var workflows = new Mock<IWorkflowClient>();
        await StartWatcherAsync(workflows.Object);
        await StartAgentAsync();
        var command = CreateCommand();

        await Transport.SendAsync(command, CancellationToken.None);
        await Eventually.HoldsAsync(() => workflows.Invocations.Count == 1, "the operation is failed");
        await Eventually.HoldsAsync(() => _broker.DeadLetters.Count == 0, "the dead letter is completed");

        Assert.Equal(3, ControlPlane.Replies.Count);
        workflows.Verify(w => w.RaiseEventAsync(command.InstanceId, WorkflowNames.AgentReplyEvent, new AgentReply
        {
            CommandId = command.CommandId,
            InstanceId = command.InstanceId,
            Succeeded = false,
            Error = $"The command could not be delivered to backend {BackendHost}: MaxDeliveryCountExceeded: Message could not be consumed after 3 delivery attempts.",
        }, It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task DeadLetter_CommandExpiredWithNoAgent_FailsOperationNamingExpiry()
    {
        var workflows = new Mock<IWorkflowClient>();
        var transport = new ServiceBusCommandTransport(_broker.Client.Object, Options.Create(ControlPlaneSettings(timeToLive: TimeSpan.FromMilliseconds(50))));
        var command = CreateCommand();

        await transport.SendAsync(command, CancellationToken.None);
        await StartWatcherAsync(workflows.Object);
        await Eventually.HoldsAsync(() => workflows.Invocations.Count == 1, "the operation is failed");

        var reply = Assert.IsType<AgentReply>(workflows.Invocations.Single().Arguments[2]);
        Assert.Equal((command.InstanceId, false), (workflows.Invocations.Single().Arguments[0], reply.Succeeded));
        Assert.StartsWith($"The command could not be delivered to backend {BackendHost}: TTLExpiredException", reply.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeadLetter_RaisingTheEventFails_KeptUntilTheEventIsRaised()
    {
        var workflows = new Mock<IWorkflowClient>();
        workflows.SetupSequence(w => w.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("task hub unreachable"))
            .Returns(Task.CompletedTask);
        var transport = new ServiceBusCommandTransport(_broker.Client.Object, Options.Create(ControlPlaneSettings(timeToLive: TimeSpan.FromMilliseconds(50))));
        await transport.SendAsync(CreateCommand(), CancellationToken.None);
        await Task.Delay(100);
        Assert.Single(_broker.DeadLetters);

        await StartWatcherAsync(workflows.Object);

        // The first raise throws; only a dead letter that was kept can be tried a second time. (Waiting for exactly
        // one invocation raced with a fast retry.)
        await Eventually.HoldsAsync(() => workflows.Invocations.Count >= 2, "the dead letter comes back after the failed attempt and the event is raised");
        await Eventually.HoldsAsync(() => _broker.DeadLetters.Count == 0, "then the dead letter is completed");
        Assert.Equal(2, workflows.Invocations.Count);
    }

    [Fact]
    public async Task DeadLetter_HostWithoutWorkflowClient_LeavesDeadLettersAlone()
    {
        var transport = new ServiceBusCommandTransport(_broker.Client.Object, Options.Create(ControlPlaneSettings(timeToLive: TimeSpan.FromMilliseconds(50))));
        await transport.SendAsync(CreateCommand(), CancellationToken.None);

        await StartWatcherAsync(workflows: null);
        await Task.Delay(300);

        Assert.Single(_broker.DeadLetters);
    }

    protected override IEnumerable<string> AgentTransportArguments() =>
    [
        "--Agent:Transport=ServiceBus",

        // Never dialled: the container's client is the test's mock; the setting only satisfies validation.
        $"--Agent:ServiceBusConnectionString={InMemoryServiceBus.ConnectionString}",
        $"--Agent:ServiceBusQueueName={InMemoryServiceBus.QueueName}",
        "--Agent:MaxAutoLockRenewalDuration=00:07:00",
    ];

    protected override void ConfigureAgentServices(IServiceCollection services) => services.AddSingleton(_broker.Client.Object);

    protected override Task<int> PendingCountAsync(string backendHost) => Task.FromResult(_broker.Pending(backendHost).Count);

    protected override Task<IReadOnlyList<string>> PendingCommandIdsAsync(string backendHost) => Task.FromResult(_broker.Pending(backendHost));

    // Service Bus's duplicate detection would drop a second send of the same id: the broker redelivers it instead.
    protected override Task DeliverAgainAsync(AgentCommand command)
    {
        _broker.Redeliver(_broker.Sent.Last(m => m.MessageId == command.CommandId));
        return Task.CompletedTask;
    }

    protected override Task SendRawAsync(string backendHost, string body)
    {
        _broker.Redeliver(new ServiceBusMessage(body) { SessionId = backendHost, MessageId = Guid.NewGuid().ToString() });
        return Task.CompletedTask;
    }

    private static ControlPlaneOptions ControlPlaneSettings(TimeSpan? timeToLive = null) => new()
    {
        CommandTransport = ControlPlaneOptions.ServiceBusTransport,
        ServiceBusQueueName = InMemoryServiceBus.QueueName,
        AgentTimeout = AgentTimeout,
        CommandTimeToLive = timeToLive,
    };

    private async Task StartWatcherAsync(IWorkflowClient? workflows)
    {
        var services = new ServiceCollection();
        if (workflows is not null)
        {
            services.AddSingleton(workflows);
        }

        var watcher = new DeadLetterWatcher(
            _broker.Client.Object, services.BuildServiceProvider(), Options.Create(ControlPlaneSettings()), NullLogger<DeadLetterWatcher>.Instance)
        {
            ErrorDelay = TimeSpan.FromMilliseconds(50),
        };
        _watchers.Add(watcher);
        await watcher.StartAsync(CancellationToken.None);
    }
}
