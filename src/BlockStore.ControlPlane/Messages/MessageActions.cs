namespace BlockStore.ControlPlane.Messages;

/// <summary>Cinder's message actions (cinder/message/message_field.py): the code in the event id and the words in the message.</summary>
public static class MessageActions
{
    public static readonly (string Code, string Words) ScheduleAllocateVolume = ("001", "schedule allocate volume");
    public static readonly (string Code, string Words) ExtendVolume = ("006", "extend volume");
    public static readonly (string Code, string Words) CreateVolumeFromBackend = ("007", "create volume from backend storage");
    public static readonly (string Code, string Words) SnapshotCreate = ("008", "snapshot create");
    public static readonly (string Code, string Words) SnapshotDelete = ("009", "snapshot delete");
    public static readonly (string Code, string Words) DeleteVolume = ("013", "delete volume");
}
