using System.Security.Cryptography;
using System.Text.Json;
using BlockStore.Core.Volumes;

namespace BlockStore.Agent.Drivers;

/// <summary>
/// A volume's CHAP account, generated once (as Cinder's <c>provider_auth</c>: a 20-character user, a 16-character
/// secret) and kept in <c>{DataDirectory}/iscsi/{volume}.chap</c>, readable by the agent only, so that every
/// initialize of the volume returns the same credentials, also after tgtd or the agent restarts.
/// </summary>
internal sealed record IscsiChapCredentials(string Username, string Password)
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static string PathFor(string dataDirectory, string volumeName) =>
        Path.Combine(dataDirectory, "iscsi", volumeName + ".chap");

    public static async Task<IscsiChapCredentials> GetOrCreateAsync(string dataDirectory, string volumeName, CancellationToken cancellationToken)
    {
        if (!StorageNames.IsVolumeName(volumeName))
        {
            throw new VolumeDriverException($"The iSCSI export refused '{volumeName}': it is not a volume-<uuid> name.");
        }

        var path = PathFor(dataDirectory, volumeName);
        try
        {
            if (await ReadAsync(path, cancellationToken) is { } existing)
            {
                return existing;
            }

            var created = new IscsiChapCredentials(RandomNumberGenerator.GetString(Alphabet, 20), RandomNumberGenerator.GetString(Alphabet, 16));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                await using (var stream = new FileStream(temporary, options))
                {
                    await JsonSerializer.SerializeAsync(stream, created, cancellationToken: cancellationToken);
                }

                // A concurrent initialize may have won: its credentials stand, so every caller returns the same ones.
                File.Move(temporary, path, overwrite: false);
                return created;
            }
            catch (IOException) when (File.Exists(path))
            {
                return await ReadAsync(path, cancellationToken) ?? throw new VolumeDriverException($"The CHAP credentials of {volumeName} in {path} are unreadable: delete the file to generate new ones.");
            }
            finally
            {
                File.Delete(temporary);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VolumeDriverException($"Could not keep the CHAP credentials of {volumeName} in {path}: {e.Message}", e);
        }
    }

    public static void Delete(string dataDirectory, string volumeName)
    {
        try
        {
            File.Delete(PathFor(dataDirectory, volumeName));
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VolumeDriverException($"Could not delete the CHAP credentials of {volumeName}: {e.Message}", e);
        }
    }

    private static async Task<IscsiChapCredentials?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var stream = File.OpenRead(path);
            var credentials = await JsonSerializer.DeserializeAsync<IscsiChapCredentials>(stream, cancellationToken: cancellationToken);
            // Only what this class generates is accepted: these strings reach tgtadm's command line.
            return credentials is { Username.Length: > 0, Password.Length: > 0 } && credentials.Username.All(char.IsAsciiLetterOrDigit) && credentials.Password.All(char.IsAsciiLetterOrDigit)
                ? credentials
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
