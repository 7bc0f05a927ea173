using System.Globalization;

namespace BlockStore.Core.Scheduling;

/// <summary>
/// Cinder's reschedule rule (<c>scheduler_max_attempts</c>, default 3): when a driver fails to create the volume
/// on the backend the scheduler chose, the volume is scheduled again with every backend tried so far excluded,
/// until the attempts run out. Immutable and serialisable, so an orchestration can carry it between replays.
/// </summary>
public sealed record SchedulingAttempts
{
    public const int DefaultMaxAttempts = 3;

    /// <summary>How many placements one volume gets in all (1 turns rescheduling off).</summary>
    public int MaxAttempts { get; init; } = DefaultMaxAttempts;

    /// <summary>Backends whose driver failed for this volume, oldest first.</summary>
    public IReadOnlyList<string> TriedBackends { get; init; } = [];

    /// <summary>The last driver failure, for the user's message when the attempts run out.</summary>
    public string? LastError { get; init; }

    /// <summary>The attempts made so far, each of which ended on a backend in <see cref="TriedBackends"/>.</summary>
    public int Failures => TriedBackends.Count;

    /// <summary>Whether another placement may be tried.</summary>
    public bool CanAttempt => Failures < MaxAttempts;

    public static SchedulingAttempts Start(int maxAttempts = DefaultMaxAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        return new() { MaxAttempts = maxAttempts };
    }

    /// <summary>The request for the next attempt: the same volume, with every backend tried so far excluded.</summary>
    public PlacementRequest Apply(PlacementRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (TriedBackends.Count == 0)
        {
            return request;
        }

        var excluded = new HashSet<string>(request.ExcludedBackends, StringComparer.Ordinal);
        excluded.UnionWith(TriedBackends);
        return request with { ExcludedBackends = excluded };
    }

    /// <summary>Records that the driver on <paramref name="backend"/> failed to create the volume.</summary>
    public SchedulingAttempts AfterFailureOn(string backend, string? error = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(backend);
        if (!CanAttempt)
        {
            throw new InvalidOperationException($"All {MaxAttempts} scheduling attempts have already been made.");
        }

        return this with { TriedBackends = [.. TriedBackends, backend], LastError = error };
    }

    /// <summary>Cinder's message when the attempts have run out, naming the backends tried and the last error.</summary>
    public string ExhaustedReason(string resourceId) => string.Create(
        CultureInfo.InvariantCulture,
        $"{PlacementResult.NoValidBackendPrefix} Exceeded max scheduling attempts {MaxAttempts} for resource {resourceId}" +
        $" (tried {string.Join(", ", TriedBackends)}){(LastError is null ? "" : $"; last error: {LastError.TrimEnd('.')}")}.");
}
