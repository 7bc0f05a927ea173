namespace BlockStore.Testing;

/// <summary>
/// A private Azurite (from the repository's node_modules) on free loopback ports, in memory unless given a
/// directory to keep its data in. Each instance is isolated, so test classes never see each other's tables or queues.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    // Azurite's well-known development account; public and documented, not a secret.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ChildProcess _process;

    private Azurite(ChildProcess process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";
    }

    public string ConnectionString { get; }

    public static async Task<Azurite> StartAsync(string? dataDirectory = null, CancellationToken cancellationToken = default)
    {
        var executable = RepositoryPaths.Combine("node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed at {executable}: run `npm ci` in the repository root.");
        }

        var (blob, queue, table) = (FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        // Azurite refuses --location together with --inMemoryPersistence: one or the other.
        string[] storage = dataDirectory is null ? ["--inMemoryPersistence"] : ["--location", dataDirectory];
        var process = ChildProcess.Start(executable,
        [
            "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl", .. storage,
            "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
        ], workingDirectory: Path.GetTempPath());
        var azurite = new Azurite(process, blob, queue, table);
        try
        {
            foreach (var port in new[] { blob, queue, table })
            {
                await FreePorts.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(30), cancellationToken);
            }
        }
        catch
        {
            var output = process.Output;
            await azurite.DisposeAsync();
            throw new InvalidOperationException($"Azurite did not start: {output}");
        }

        return azurite;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
