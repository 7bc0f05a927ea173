using BlockStore.ControlPlane.Snapshots;
using Microsoft.DurableTask;

namespace BlockStore.ControlPlane.Workflows;

/// <summary>Records how a snapshot create ended (see <see cref="SnapshotOutcomes.FinishCreateAsync"/>).</summary>
public sealed class FinishCreateSnapshotActivity(SnapshotOutcomes outcomes) : TaskActivity<FinishSnapshotInput, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, FinishSnapshotInput input) =>
        outcomes.FinishCreateAsync(input, CancellationToken.None);
}
