using BlockStore.ControlPlane.Volumes;
using Microsoft.DurableTask;

namespace BlockStore.ControlPlane.Workflows;

/// <summary>Records how an extend ended (see <see cref="VolumeOutcomes.FinishExtendAsync"/>).</summary>
public sealed class FinishExtendVolumeActivity(VolumeOutcomes outcomes) : TaskActivity<FinishExtendInput, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, FinishExtendInput input) =>
        outcomes.FinishExtendAsync(input, CancellationToken.None);
}
