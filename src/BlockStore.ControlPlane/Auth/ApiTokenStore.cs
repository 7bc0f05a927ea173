using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using BlockStore.ControlPlane.Storage;

namespace BlockStore.ControlPlane.Auth;

/// <summary>API tokens in Table storage, keyed by the SHA-256 of the token: a leaked table does not leak tokens.</summary>
public sealed class ApiTokenStore(TableSet tables, TimeProvider time)
{
    private const string Partition = "token";
    private const string Prefix = "bst_";

    /// <summary>Issues a token and returns it; this is the only time it is ever seen.</summary>
    public async Task<(string Token, ApiToken Record)> IssueAsync(string projectId, string userId, string role, string? agentHost, string? description, CancellationToken cancellationToken)
    {
        if (!Roles.All.Contains(role))
        {
            throw new ArgumentException($"Unknown role '{role}': use one of {string.Join(", ", Roles.All)}.", nameof(role));
        }

        var token = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var record = new ApiToken
        {
            Hash = Hash(token),
            ProjectId = projectId,
            UserId = userId,
            Role = role,
            AgentHost = agentHost,
            Description = description,
            CreatedAt = time.GetUtcNow(),
        };
        await tables.EnsureCreatedAsync();
        await tables.Tokens.AddEntityAsync(new TableEntity(Partition, record.Hash)
        {
            ["ProjectId"] = record.ProjectId,
            ["UserId"] = record.UserId,
            ["Role"] = record.Role,
            ["AgentHost"] = record.AgentHost,
            ["Description"] = record.Description,
            ["CreatedAt"] = record.CreatedAt,
        }, cancellationToken);
        return (token, record);
    }

    public async Task<ApiToken?> FindAsync(string token, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var response = await tables.Tokens.GetEntityIfExistsAsync<TableEntity>(Partition, Hash(token), cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var tokens = new List<ApiToken>();
        await foreach (var entity in tables.Tokens.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            tokens.Add(FromEntity(entity));
        }

        return tokens;
    }

    /// <summary>Revokes by the token itself or by its hash (as <c>list</c> shows it); false when there was none.</summary>
    public async Task<bool> RevokeAsync(string tokenOrHash, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var hash = tokenOrHash.StartsWith(Prefix, StringComparison.Ordinal) ? Hash(tokenOrHash) : tokenOrHash;
        try
        {
            await tables.Tokens.DeleteEntityAsync(Partition, hash, ETag.All, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static ApiToken FromEntity(TableEntity entity) => new()
    {
        Hash = entity.RowKey,
        ProjectId = entity.GetString("ProjectId") ?? "",
        UserId = entity.GetString("UserId") ?? "",
        Role = entity.GetString("Role") ?? Roles.Reader,
        AgentHost = entity.GetString("AgentHost"),
        Description = entity.GetString("Description"),
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
    };
}
