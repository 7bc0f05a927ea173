using BlockStore.ControlPlane.Volumes;
using Microsoft.DurableTask;

namespace BlockStore.ControlPlane.Workflows;

/// <summary>Records how a delete ended (see <see cref="VolumeOutcomes.FinishDeleteAsync"/>).</summary>
public sealed class FinishDeleteVolumeActivity(VolumeOutcomes outcomes) : TaskActivity<FinishDeleteInput, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, FinishDeleteInput input) =>
        outcomes.FinishDeleteAsync(input, CancellationToken.None);
}
