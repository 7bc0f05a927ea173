using BlockStore.ControlPlane.Snapshots;
using Microsoft.DurableTask;

namespace BlockStore.ControlPlane.Workflows;

/// <summary>Records how a snapshot delete ended (see <see cref="SnapshotOutcomes.FinishDeleteAsync"/>).</summary>
public sealed class FinishDeleteSnapshotActivity(SnapshotOutcomes outcomes) : TaskActivity<FinishSnapshotInput, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, FinishSnapshotInput input) =>
        outcomes.FinishDeleteAsync(input, CancellationToken.None);
}
