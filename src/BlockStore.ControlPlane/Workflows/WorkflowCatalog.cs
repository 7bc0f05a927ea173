namespace BlockStore.ControlPlane.Workflows;

/// <summary>Every orchestrator and activity with the name it is registered under; hosts register from this list only.</summary>
public static class WorkflowCatalog
{
    public static IReadOnlyList<(string Name, Type Type)> Orchestrators { get; } =
    [
        (WorkflowNames.CreateVolume, typeof(CreateVolumeOrchestrator)),
        (WorkflowNames.DeleteVolume, typeof(DeleteVolumeOrchestrator)),
        (WorkflowNames.ExtendVolume, typeof(ExtendVolumeOrchestrator)),
        (WorkflowNames.CreateSnapshot, typeof(CreateSnapshotOrchestrator)),
        (WorkflowNames.DeleteSnapshot, typeof(DeleteSnapshotOrchestrator)),
    ];

    public static IReadOnlyList<(string Name, Type Type)> Activities { get; } =
    [
        (WorkflowNames.ScheduleVolume, typeof(ScheduleVolumeActivity)),
        (WorkflowNames.DispatchCommand, typeof(DispatchCommandActivity)),
        (WorkflowNames.FinishCreateVolume, typeof(FinishCreateVolumeActivity)),
        (WorkflowNames.FinishDeleteVolume, typeof(FinishDeleteVolumeActivity)),
        (WorkflowNames.FinishExtendVolume, typeof(FinishExtendVolumeActivity)),
        (WorkflowNames.FinishCreateSnapshot, typeof(FinishCreateSnapshotActivity)),
        (WorkflowNames.FinishDeleteSnapshot, typeof(FinishDeleteSnapshotActivity)),
    ];
}
