namespace BlockStore.ControlPlane.Workflows;

/// <summary>The names orchestrations and activities are registered and called by, identical in every host.</summary>
public static class WorkflowNames
{
    public const string CreateVolume = "CreateVolume";
    public const string DeleteVolume = "DeleteVolume";
    public const string ExtendVolume = "ExtendVolume";
    public const string CreateSnapshot = "CreateSnapshot";
    public const string DeleteSnapshot = "DeleteSnapshot";

    public const string ScheduleVolume = "ScheduleVolume";
    public const string DispatchCommand = "DispatchCommand";
    public const string FinishCreateVolume = "FinishCreateVolume";
    public const string FinishDeleteVolume = "FinishDeleteVolume";
    public const string FinishExtendVolume = "FinishExtendVolume";
    public const string FinishCreateSnapshot = "FinishCreateSnapshot";
    public const string FinishDeleteSnapshot = "FinishDeleteSnapshot";

    /// <summary>The external event that carries an agent's reply.</summary>
    public const string AgentReplyEvent = "AgentReply";

    public static string CreateInstanceId(Guid volumeId) => $"{volumeId:D}:create";

    public static string DeleteInstanceId(Guid volumeId) => $"{volumeId:D}:delete";

    /// <summary>One extend per volume at a time; the API's status check keeps a second one out.</summary>
    public static string ExtendInstanceId(Guid volumeId) => $"{volumeId:D}:extend";

    public static string CreateSnapshotInstanceId(Guid snapshotId) => $"{snapshotId:D}:snapshot-create";

    public static string DeleteSnapshotInstanceId(Guid snapshotId) => $"{snapshotId:D}:snapshot-delete";
}
