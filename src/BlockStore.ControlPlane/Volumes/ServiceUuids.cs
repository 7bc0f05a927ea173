using System.Security.Cryptography;
using System.Text;

namespace BlockStore.ControlPlane.Volumes;

/// <summary>
/// Cinder's <c>service_uuid</c> (3.48) names the cinder-volume service that holds a volume. BlockStore's services are
/// its backends (<c>host@backend</c>), which have no stored id, so the uuid is derived from the backend's name: the
/// same backend always has the same uuid, and volumes on one backend share it, which is what clients compare.
/// </summary>
public static class ServiceUuids
{
    public static Guid ForBackend(string volumeHost)
    {
        ArgumentNullException.ThrowIfNull(volumeHost);
        var backend = volumeHost.Split('#', 2)[0];
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("blockstore-service:" + backend));
        var bytes = hash[..16];
        // RFC 4122 version 8 (custom) and variant bits, so the value is a well-formed uuid.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
