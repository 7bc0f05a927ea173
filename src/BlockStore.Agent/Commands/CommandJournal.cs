using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BlockStore.Core.Agents;

namespace BlockStore.Agent.Commands;

/// <summary>
/// The replies of finished commands, one file each, so a redelivered command gets its first reply again
/// instead of running the driver twice. Files are named by the SHA-256 of the command id: any id is then a
/// safe file name on every platform (':' is not on Windows), and nothing from the wire reaches a path.
/// </summary>
public sealed class CommandJournal(string directory)
{
    public string Directory { get; } = directory;

    public async Task<AgentReply?> FindAsync(string commandId, CancellationToken cancellationToken)
    {
        var path = PathOf(commandId);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var stream = File.OpenRead(path);
        var reply = await JsonSerializer.DeserializeAsync<AgentReply>(stream, AgentProtocol.JsonOptions, cancellationToken);
        return reply?.CommandId == commandId ? reply : null;
    }

    public async Task RecordAsync(AgentReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(reply.CommandId);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";

        // Written aside and moved into place, so a reader never sees half a reply.
        await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            await JsonSerializer.SerializeAsync(stream, reply, AgentProtocol.JsonOptions, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(string commandId) =>
        Path.Combine(Directory, $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(commandId)))}.json");
}
