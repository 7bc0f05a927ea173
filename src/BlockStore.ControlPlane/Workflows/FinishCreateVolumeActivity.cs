using BlockStore.ControlPlane.Volumes;
using Microsoft.DurableTask;

namespace BlockStore.ControlPlane.Workflows;

/// <summary>Records how a create ended (see <see cref="VolumeOutcomes.FinishCreateAsync"/>).</summary>
public sealed class FinishCreateVolumeActivity(VolumeOutcomes outcomes) : TaskActivity<FinishCreateInput, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, FinishCreateInput input) =>
        outcomes.FinishCreateAsync(input, CancellationToken.None);
}
