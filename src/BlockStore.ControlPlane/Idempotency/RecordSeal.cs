using System.Security.Cryptography;
using System.Text;

namespace BlockStore.ControlPlane.Idempotency;

/// <summary>
/// An idempotency record's answer, sealed with AES-GCM under a key derived (HKDF-SHA256) from the calling project and
/// the client's <c>Idempotency-Key</c>. The table keeps only a hash of those, so whoever reads the table cannot read a
/// recorded answer, such as a transfer's <c>auth_key</c> (the transfer itself keeps only the key's salted hash); the
/// client that sends the key again can. The row key is bound in as associated data: a sealed answer copied to another
/// row does not open.
/// </summary>
internal static class RecordSeal
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] Purpose = "BlockStore idempotency record v1"u8.ToArray();

    public static byte[] Seal(string projectId, string key, string rowKey, string answer)
    {
        var plaintext = Encoding.UTF8.GetBytes(answer);
        var sealedAnswer = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = sealedAnswer.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(DeriveKey(projectId, key), TagBytes);
        aes.Encrypt(nonce, plaintext, sealedAnswer.AsSpan(NonceBytes, plaintext.Length), sealedAnswer.AsSpan(NonceBytes + plaintext.Length), Encoding.UTF8.GetBytes(rowKey));
        return sealedAnswer;
    }

    /// <exception cref="CryptographicException">Not sealed under this project, key and row.</exception>
    public static string Open(string projectId, string key, string rowKey, byte[] sealedAnswer)
    {
        ArgumentNullException.ThrowIfNull(sealedAnswer);
        if (sealedAnswer.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("The sealed answer is too short.");
        }

        var length = sealedAnswer.Length - NonceBytes - TagBytes;
        var plaintext = new byte[length];
        using var aes = new AesGcm(DeriveKey(projectId, key), TagBytes);
        aes.Decrypt(sealedAnswer.AsSpan(0, NonceBytes), sealedAnswer.AsSpan(NonceBytes, length), sealedAnswer.AsSpan(NonceBytes + length), plaintext, Encoding.UTF8.GetBytes(rowKey));
        return Encoding.UTF8.GetString(plaintext);
    }

    private static byte[] DeriveKey(string projectId, string key) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes($"{projectId}\n{key}"), 32, salt: [], info: Purpose);
}
