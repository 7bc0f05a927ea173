using System.Security.Cryptography;
using System.Text;

namespace BlockStore.Core.Transfers;

/// <summary>
/// Cinder's transfer secrets: a 16-character hexadecimal auth key (easy to type) and an 8-character salt; only
/// HMAC(salt, key) is stored. Cinder uses HMAC-SHA1; SHA-256 here, compared in constant time.
/// </summary>
public static class TransferAuthKeys
{
    public const int KeyLength = 16;
    public const int SaltLength = 8;

    public static string NewKey() => RandomHex(KeyLength);

    public static string NewSalt() => RandomHex(SaltLength);

    public static string Hash(string salt, string authKey)
    {
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(authKey);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(salt), Encoding.UTF8.GetBytes(authKey)));
    }

    public static bool Matches(string salt, string cryptHash, string authKey)
    {
        ArgumentNullException.ThrowIfNull(cryptHash);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(salt, authKey)), Encoding.ASCII.GetBytes(cryptHash));
    }

    private static string RandomHex(int length) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes((length + 1) / 2))[..length];
}
