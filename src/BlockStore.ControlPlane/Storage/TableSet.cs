using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace BlockStore.ControlPlane.Storage;

/// <summary>
/// The control plane's tables. Volumes and quota usage share one table and one partition per project,
/// so that a status change and the quota change it implies commit together in one entity group transaction.
/// </summary>
public sealed class TableSet
{
    private readonly Lazy<Task> _created;

    public TableSet(StorageClients clients, IOptions<ControlPlaneOptions> options)
    {
        var service = clients.Tables();
        Projects = service.GetTableClient($"{options.Value.TablePrefix}Projects");
        Pools = service.GetTableClient($"{options.Value.TablePrefix}Pools");
        Types = service.GetTableClient($"{options.Value.TablePrefix}Types");
        Tokens = service.GetTableClient($"{options.Value.TablePrefix}Tokens");
        _created = new Lazy<Task>(() => Task.WhenAll(
            Projects.CreateIfNotExistsAsync(), Pools.CreateIfNotExistsAsync(), Types.CreateIfNotExistsAsync(), Tokens.CreateIfNotExistsAsync()));
    }

    /// <summary>Partition = project id; rows: <c>volume_{id}</c>, <c>quota_{resource}</c>.</summary>
    public TableClient Projects { get; }

    /// <summary>Partition <c>pool</c>; row = escaped <c>host@backend#pool</c>.</summary>
    public TableClient Pools { get; }

    /// <summary>Partition <c>type</c>: rows <c>id_{id}</c> (the type) and <c>name_{name}</c> (its unique name).</summary>
    public TableClient Types { get; }

    /// <summary>Partition <c>token</c>: API tokens by the hash of the token.</summary>
    public TableClient Tokens { get; }

    /// <summary>Creates the tables once per process; callers await it before their first operation.</summary>
    public Task EnsureCreatedAsync() => _created.Value;
}
