using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using Moq;

namespace BlockStore.Agent.Tests.Transport;

/// <summary>
/// Enough of a Service Bus queue for the transport's tests, since no broker can run here: sessions (a session's
/// messages go out one at a time, in order, and only to a processor that asked for that session), peek-lock with
/// complete / abandon / dead-letter, max delivery count and time-to-live ending in the dead-letter subqueue, and
/// duplicate detection on the message id. The SDK's clients are Moq mocks over it; received messages are made by
/// <see cref="ServiceBusModelFactory"/>, as the SDK's own mocking guidance does.
/// </summary>
public sealed class InMemoryServiceBus
{
    public const string QueueName = "agent-commands";

    /// <summary>Never dialled: a well-formed address for the clients that must be real (below) and for the agent's validation.</summary>
    public const string ConnectionString = "Endpoint=sb://in-memory.invalid/;SharedAccessKeyName=test;SharedAccessKey=test";

    // The SDK's processor base class insists on a real client's connection; it never opens it, since the
    // in-memory processor overrides starting and stopping. One for the process: it holds nothing until it connects.
    private static readonly ServiceBusClient Offline = new(ConnectionString);

    private readonly Lock _gate = new();
    private readonly List<Entry> _active = [];
    private readonly List<Entry> _deadLetters = [];
    private readonly HashSet<string> _seenMessageIds = [];
    private long _sequence;

    public InMemoryServiceBus()
    {
        Client = new Mock<ServiceBusClient>();
        Client.Setup(c => c.CreateSender(QueueName)).Returns(CreateSender);
        Client.Setup(c => c.CreateSessionProcessor(QueueName, It.IsAny<ServiceBusSessionProcessorOptions>()))
            .Returns((string queue, ServiceBusSessionProcessorOptions options) =>
            {
                Processors.Enqueue(options);
                return new InMemorySessionProcessor(this, Offline, queue, options);
            });
        Client.Setup(c => c.CreateReceiver(QueueName, It.Is<ServiceBusReceiverOptions>(o => o.SubQueue == SubQueue.DeadLetter)))
            .Returns(CreateDeadLetterReceiver);
        Client.Setup(c => c.DisposeAsync()).Returns(ValueTask.CompletedTask);
    }

    public Mock<ServiceBusClient> Client { get; }

    /// <summary>Everything the control plane sent, duplicates included, as it sent it.</summary>
    public ConcurrentQueue<ServiceBusMessage> Sent { get; } = new();

    /// <summary>The options of every session processor an agent created.</summary>
    public ConcurrentQueue<ServiceBusSessionProcessorOptions> Processors { get; } = new();

    public int MaxDeliveryCount { get; set; } = 10;

    /// <summary>Real Service Bus hands an abandoned message out again at once; a pause keeps the tests' logs short.</summary>
    public TimeSpan AbandonDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The messages of a session not yet settled (available or locked), by message id.</summary>
    public IReadOnlyList<string> Pending(string sessionId)
    {
        lock (_gate)
        {
            ExpireAndExhaust();
            return [.. _active.Where(e => e.Message.SessionId == sessionId).Select(e => e.Message.MessageId)];
        }
    }

    public IReadOnlyList<ServiceBusReceivedMessage> DeadLetters
    {
        get
        {
            lock (_gate)
            {
                ExpireAndExhaust();
                return [.. _deadLetters.Select(e => e.ToReceived())];
            }
        }
    }

    /// <summary>Puts a message on the queue again whatever its id, as a redelivery does (duplicate detection is bypassed).</summary>
    public void Redeliver(ServiceBusMessage message)
    {
        lock (_gate)
        {
            _active.Add(new Entry(message, ++_sequence, DateTimeOffset.UtcNow));
        }
    }

    internal ServiceBusReceivedMessage? TryLockNext(string sessionId)
    {
        lock (_gate)
        {
            ExpireAndExhaust();
            var now = DateTimeOffset.UtcNow;

            // A session hands out its oldest message, and nothing while one is locked: one at a time, in order.
            var first = _active.Where(e => e.Message.SessionId == sessionId).OrderBy(e => e.Sequence).FirstOrDefault();
            if (first is null || first.LockToken is not null || first.AvailableAt > now)
            {
                return null;
            }

            first.LockToken = Guid.NewGuid();
            first.DeliveryCount++;
            return first.ToReceived();
        }
    }

    private void Send(ServiceBusMessage message)
    {
        Sent.Enqueue(message);
        lock (_gate)
        {
            if (message.MessageId is { } id && !_seenMessageIds.Add(id))
            {
                return;
            }

            _active.Add(new Entry(message, ++_sequence, DateTimeOffset.UtcNow));
        }
    }

    private void Settle(ServiceBusReceivedMessage message, Action<Entry> settle, List<Entry>? from = null)
    {
        lock (_gate)
        {
            var entries = from ?? _active;
            var entry = entries.SingleOrDefault(e => e.LockToken?.ToString() == message.LockToken)
                ?? throw new ServiceBusException("The lock supplied is invalid.", ServiceBusFailureReason.MessageLockLost);
            settle(entry);
        }
    }

    private void Complete(ServiceBusReceivedMessage message) => Settle(message, entry => _active.Remove(entry));

    private void Abandon(ServiceBusReceivedMessage message) => Settle(message, entry =>
    {
        entry.LockToken = null;
        entry.AvailableAt = DateTimeOffset.UtcNow + AbandonDelay;
    });

    private void DeadLetter(ServiceBusReceivedMessage message, string? reason, string? description) => Settle(message, entry =>
    {
        _active.Remove(entry);
        MoveToDeadLetters(entry, reason, description);
    });

    private void MoveToDeadLetters(Entry entry, string? reason, string? description)
    {
        entry.LockToken = null;
        entry.DeadLetterReason = reason;
        entry.DeadLetterDescription = description;
        _deadLetters.Add(entry);
    }

    // What the broker does on its own: expired messages and those delivered too often go to the dead-letter subqueue.
    private void ExpireAndExhaust()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var entry in _active.Where(e => e.LockToken is null).ToList())
        {
            if (now - entry.EnqueuedAt > entry.Message.TimeToLive)
            {
                _active.Remove(entry);
                MoveToDeadLetters(entry, "TTLExpiredException", "The message expired and was dead lettered.");
            }
            else if (entry.DeliveryCount >= MaxDeliveryCount)
            {
                _active.Remove(entry);
                MoveToDeadLetters(entry, "MaxDeliveryCountExceeded", $"Message could not be consumed after {MaxDeliveryCount} delivery attempts.");
            }
        }
    }

    private ServiceBusSender CreateSender()
    {
        var sender = new Mock<ServiceBusSender>();
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Returns((ServiceBusMessage message, CancellationToken _) =>
            {
                Send(message);
                return Task.CompletedTask;
            });
        sender.Setup(s => s.DisposeAsync()).Returns(ValueTask.CompletedTask);
        return sender.Object;
    }

    /// <summary>The settling side a session processor hands its handler, routed to this broker.</summary>
    internal ServiceBusSessionReceiver CreateSessionReceiver(string sessionId)
    {
        var receiver = new Mock<ServiceBusSessionReceiver>();
        receiver.Setup(r => r.SessionId).Returns(sessionId);
        receiver.Setup(r => r.EntityPath).Returns(QueueName);
        receiver.Setup(r => r.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()))
            .Returns((ServiceBusReceivedMessage m, CancellationToken _) => Run(() => Complete(m)));
        receiver.Setup(r => r.AbandonMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()))
            .Returns((ServiceBusReceivedMessage m, IDictionary<string, object> _, CancellationToken _) => Run(() => Abandon(m)));
        receiver.Setup(r => r.DeadLetterMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((ServiceBusReceivedMessage m, string reason, string description, CancellationToken _) => Run(() => DeadLetter(m, reason, description)));
        receiver.Setup(r => r.DeadLetterMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<IDictionary<string, object>>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((ServiceBusReceivedMessage m, IDictionary<string, object> _, string reason, string description, CancellationToken _) => Run(() => DeadLetter(m, reason, description)));
        return receiver.Object;
    }

    private ServiceBusReceiver CreateDeadLetterReceiver()
    {
        var receiver = new Mock<ServiceBusReceiver>();
        receiver.Setup(r => r.EntityPath).Returns($"{QueueName}/$deadletterqueue");
        receiver.Setup(r => r.ReceiveMessagesAsync(It.IsAny<int>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .Returns((int max, TimeSpan? wait, CancellationToken cancellationToken) => ReceiveDeadLettersAsync(max, wait ?? TimeSpan.FromMinutes(1), cancellationToken));
        receiver.Setup(r => r.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()))
            .Returns((ServiceBusReceivedMessage m, CancellationToken _) => Run(() => Settle(m, entry => _deadLetters.Remove(entry), _deadLetters)));
        receiver.Setup(r => r.AbandonMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()))
            .Returns((ServiceBusReceivedMessage m, IDictionary<string, object> _, CancellationToken _) => Run(() => Settle(m, entry => entry.LockToken = null, _deadLetters)));
        receiver.Setup(r => r.DisposeAsync()).Returns(ValueTask.CompletedTask);
        return receiver.Object;
    }

    private async Task<IReadOnlyList<ServiceBusReceivedMessage>> ReceiveDeadLettersAsync(int max, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + wait;
        while (true)
        {
            lock (_gate)
            {
                ExpireAndExhaust();
                var free = _deadLetters.Where(e => e.LockToken is null).Take(max).ToList();
                if (free.Count > 0 || DateTimeOffset.UtcNow >= deadline)
                {
                    foreach (var entry in free)
                    {
                        entry.LockToken = Guid.NewGuid();
                        entry.DeliveryCount++;
                    }

                    return [.. free.Select(e => e.ToReceived())];
                }
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    private static Task Run(Action action)
    {
        action();
        return Task.CompletedTask;
    }

    private sealed class Entry(ServiceBusMessage message, long sequence, DateTimeOffset enqueuedAt)
    {
        public ServiceBusMessage Message { get; } = message;
        public long Sequence { get; } = sequence;
        public DateTimeOffset EnqueuedAt { get; } = enqueuedAt;
        public DateTimeOffset AvailableAt { get; set; } = enqueuedAt;
        public Guid? LockToken { get; set; }
        public int DeliveryCount { get; set; }
        public string? DeadLetterReason { get; set; }
        public string? DeadLetterDescription { get; set; }

        public ServiceBusReceivedMessage ToReceived()
        {
            var properties = new Dictionary<string, object>(Message.ApplicationProperties);
            if (DeadLetterReason is not null)
            {
                // Where the broker keeps them; ServiceBusReceivedMessage.DeadLetterReason reads them from here.
                properties["DeadLetterReason"] = DeadLetterReason;
                properties["DeadLetterErrorDescription"] = DeadLetterDescription ?? "";
            }

            return ServiceBusModelFactory.ServiceBusReceivedMessage(
                body: Message.Body,
                messageId: Message.MessageId,
                sessionId: Message.SessionId,
                timeToLive: Message.TimeToLive,
                subject: Message.Subject,
                contentType: Message.ContentType,
                properties: properties,
                lockTokenGuid: LockToken ?? Guid.Empty,
                deliveryCount: DeliveryCount,
                sequenceNumber: Sequence,
                enqueuedTime: EnqueuedAt);
        }
    }
}
