namespace BlockStore.Agent.Drivers;

/// <summary>A driver that can create a volume as a copy of another (create with source_volid).</summary>
public interface ISupportsClones
{
    Task<string> CloneVolumeAsync(string sourceVolumeName, string volumeName, int sizeGib, CancellationToken cancellationToken);
}
