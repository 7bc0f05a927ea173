using BlockStore.Core.Agents;

namespace BlockStore.Agent.Drivers;

/// <summary>
/// A storage driver, with Cinder's guarantees: create only allocates; creating what exists with the same
/// size succeeds and with another size fails; deleting what is gone succeeds. Every operation is therefore
/// safe to repeat when a command is redelivered. Failures are <see cref="VolumeDriverException"/>s whose
/// message is a sentence a user can act on.
/// </summary>
public interface IVolumeDriver
{
    /// <summary>Creates the volume and returns its provider location.</summary>
    Task<string> CreateVolumeAsync(string volumeName, int sizeGib, CancellationToken cancellationToken);

    Task DeleteVolumeAsync(string volumeName, CancellationToken cancellationToken);

    /// <summary>The backend's one pool; must answer even when the storage is unusable (with what it knows).</summary>
    Task<PoolCapacity> GetCapacityAsync(CancellationToken cancellationToken);
}
