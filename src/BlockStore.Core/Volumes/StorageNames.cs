namespace BlockStore.Core.Volumes;

/// <summary>Names that reach drivers and command lines; built only from ids BlockStore generated.</summary>
public static class StorageNames
{
    public static string ForVolume(Guid volumeId) => $"volume-{volumeId:D}";
}
