namespace BlockStore.Agent.Commands;

/// <summary>What a receiver does with a command's message once <see cref="CommandDelivery"/> has dealt with it.</summary>
internal enum Settlement
{
    /// <summary>The control plane took the reply: remove the message.</summary>
    Complete,

    /// <summary>The reply did not get through: leave the message for redelivery (the journal answers it then).</summary>
    Abandon,

    /// <summary>It can never succeed: remove it, keeping the reason where the transport can (Service Bus's dead-letter queue).</summary>
    DeadLetter,
}
