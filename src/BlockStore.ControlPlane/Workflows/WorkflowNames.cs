namespace BlockStore.ControlPlane.Workflows;

/// <summary>The names orchestrations and activities are registered and called by, identical in every host.</summary>
public static class WorkflowNames
{
    public const string CreateVolume = "CreateVolume";
    public const string DeleteVolume = "DeleteVolume";

    public const string ScheduleVolume = "ScheduleVolume";
    public const string DispatchCommand = "DispatchCommand";
    public const string FinishCreateVolume = "FinishCreateVolume";
    public const string FinishDeleteVolume = "FinishDeleteVolume";

    /// <summary>The external event that carries an agent's reply.</summary>
    public const string AgentReplyEvent = "AgentReply";

    public static string CreateInstanceId(Guid volumeId) => $"{volumeId:D}:create";

    public static string DeleteInstanceId(Guid volumeId) => $"{volumeId:D}:delete";
}
