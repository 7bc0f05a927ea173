using BlockStore.Testing;

namespace BlockStore.Server.Tests;

/// <summary>noauth makes every caller an admin, so the Server refuses to serve it beyond loopback unless told to.</summary>
public sealed class NoAuthExposureTests
{
    [Fact]
    public async Task Start_NoAuthOnAllInterfaces_ExitsWithAMessageInsteadOfServing()
    {
        var port = FreePorts.Next();
        var dll = Path.Combine(AppContext.BaseDirectory, "BlockStore.Server.dll");
        await using var server = ChildProcess.Start("dotnet", [dll, "--urls", $"http://0.0.0.0:{port}"], new Dictionary<string, string?>
        {
            // Storage is never reached: the refusal comes first.
            ["BlockStore__StorageConnectionString"] = "UseDevelopmentStorage=true",
        });

        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the server should have refused to run");
        Assert.Contains("Refusing to serve noauth", server.Output, StringComparison.Ordinal);
    }
}
