namespace BlockStore.Core.Types;

/// <summary>
/// A volume type's encryption (Cinder's <c>encryption</c> resource under a type): which encryptor protects volumes of
/// the type, with what cipher and key size, and whether the host (front-end) or the backend (back-end) encrypts.
/// </summary>
public sealed record VolumeTypeEncryption
{
    public const string FrontEnd = "front-end";
    public const string BackEnd = "back-end";

    /// <summary>Cinder's <c>encryption_id</c>.</summary>
    public required Guid Id { get; init; }

    public required string Provider { get; init; }

    public string? Cipher { get; init; }

    public int? KeySize { get; init; }

    public required string ControlLocation { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>This encryption with the fields an update gave replaced; the others are kept.</summary>
    public VolumeTypeEncryption With(VolumeTypeEncryptionFields fields, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return this with
        {
            Provider = fields.Provider ?? Provider,
            Cipher = fields.CipherGiven ? fields.Cipher : Cipher,
            KeySize = fields.KeySizeGiven ? fields.KeySize : KeySize,
            ControlLocation = fields.ControlLocation ?? ControlLocation,
            UpdatedAt = at,
        };
    }
}
