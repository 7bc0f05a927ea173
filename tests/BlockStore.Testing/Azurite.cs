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

        // A port is free when chosen but another process may take it before Azurite binds it; Azurite then exits,
        // and a fresh set of ports is tried.
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePorts.Distinct(3);
            var (blob, queue, table) = (ports[0], ports[1], ports[2]);
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
            if (await WaitUntilListeningAsync(process, ports, TimeSpan.FromSeconds(30), cancellationToken))
            {
                return azurite;
            }

            var output = process.Output;
            await azurite.DisposeAsync();
            if (attempt == attempts || !output.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Azurite did not start (attempt {attempt}): {output}");
            }
        }
    }

    /// <summary>True once every port accepts connections; false at the deadline or as soon as Azurite exits.</summary>
    private static async Task<bool> WaitUntilListeningAsync(ChildProcess process, int[] ports, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        foreach (var port in ports)
        {
            while (!await FreePorts.AcceptsAsync(port, cancellationToken))
            {
                if (process.HasExited || DateTime.UtcNow >= deadline)
                {
                    return false;
                }

                await Task.Delay(50, cancellationToken);
            }
        }

        // Azurite binds its services one after another and exits when a later one fails.
        return !process.HasExited;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
