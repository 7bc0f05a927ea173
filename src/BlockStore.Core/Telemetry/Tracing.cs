using System.Diagnostics;

namespace BlockStore.Core.Telemetry;

/// <summary>
/// Trace context carried through places OpenTelemetry cannot see into: orchestration inputs (replayed, so no ambient
/// context) and agent commands (a queue in between). The W3C <c>traceparent</c> travels as a string.
/// </summary>
public static class Tracing
{
    /// <summary>The current span's <c>traceparent</c>, to put in an input or a command.</summary>
    public static string? CurrentParent => Activity.Current?.Id;

    /// <summary>Starts a span under <paramref name="traceParent"/> (or the ambient one when it is null or malformed).</summary>
    public static Activity? StartFrom(ActivitySource source, string name, string? traceParent, ActivityKind kind = ActivityKind.Internal)
    {
        ArgumentNullException.ThrowIfNull(source);
        return traceParent is not null && ActivityContext.TryParse(traceParent, null, out var parent)
            ? source.StartActivity(name, kind, parent)
            : source.StartActivity(name, kind);
    }
}
