namespace BlockStore.Agent.Drivers;

/// <summary>A driver that can grow a volume (os-extend). Extending to the current size or less than it is a no-op success.</summary>
public interface ISupportsExtend
{
    Task ExtendVolumeAsync(string volumeName, int newSizeGib, CancellationToken cancellationToken);
}
