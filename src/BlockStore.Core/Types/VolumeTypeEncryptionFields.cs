namespace BlockStore.Core.Types;

/// <summary>
/// The fields an encryption create or update gave. Cipher and key size may be set to null explicitly, so whether they
/// were given is kept beside their value; the answer echoes exactly the given fields, as Cinder's does.
/// </summary>
public sealed record VolumeTypeEncryptionFields
{
    public string? Provider { get; init; }

    public string? ControlLocation { get; init; }

    public string? Cipher { get; init; }

    public bool CipherGiven { get; init; }

    public int? KeySize { get; init; }

    public bool KeySizeGiven { get; init; }
}
