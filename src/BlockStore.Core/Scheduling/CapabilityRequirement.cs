namespace BlockStore.Core.Scheduling;

/// <summary>One extra spec that <see cref="CapabilitiesFilter"/> checks: the capability it names and what it requires.</summary>
/// <param name="SpecKey">The key as the volume type states it, e.g. <c>capabilities:storage_protocol</c>.</param>
/// <param name="Capability">The capability looked up on the pool, the key without its <c>capabilities:</c> scope.</param>
public sealed record CapabilityRequirement(string SpecKey, string Capability, ExtraSpecRequirement Requirement);
