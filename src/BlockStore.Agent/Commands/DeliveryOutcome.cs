namespace BlockStore.Agent.Commands;

/// <summary>How a delivery ended; <see cref="Reason"/> and <see cref="Description"/> say why a message is dead-lettered.</summary>
internal sealed record DeliveryOutcome(Settlement Settlement, string? Reason = null, string? Description = null)
{
    public static DeliveryOutcome Complete { get; } = new(Settlement.Complete);

    public static DeliveryOutcome Abandon { get; } = new(Settlement.Abandon);

    public static DeliveryOutcome DeadLetter(string reason, string description) => new(Settlement.DeadLetter, reason, description);
}
