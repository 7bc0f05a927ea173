using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BlockStore.ControlPlane.Telemetry;

/// <summary>The control plane's spans and metrics (source and meter <c>BlockStore.ControlPlane</c>).</summary>
public static class ControlPlaneTelemetry
{
    public const string Name = "BlockStore.ControlPlane";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>From the API's accepting an operation to its end, by operation and outcome.</summary>
    private static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        "blockstore.operation.duration", unit: "s", description: "Time from accepting an operation to its end");

    private static readonly Counter<long> Operations = Meter.CreateCounter<long>(
        "blockstore.operations", description: "Operations ended, by operation and outcome");

    public static void RecordOperation(string operation, bool succeeded, TimeSpan duration)
    {
        var tags = new TagList { { "operation", operation }, { "outcome", succeeded ? "success" : "error" } };
        OperationDuration.Record(duration.TotalSeconds, tags);
        Operations.Add(1, tags);
    }
}
