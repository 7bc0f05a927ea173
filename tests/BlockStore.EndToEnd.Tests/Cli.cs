using System.Diagnostics;
using System.Text.Json.Nodes;

namespace BlockStore.EndToEnd.Tests;

/// <summary>Runs the real OpenStack command-line clients with argument lists (never a shell).</summary>
public static class Cli
{
    /// <param name="timeout">How long the client may run (default 60 s); past it, it is killed and the call throws.</param>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        try
        {
            await process.WaitForExitAsync().WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            // A client left running would keep polling the next test's stack; what it printed says where it hung.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} still ran after {limit}: {await output}{await error}");
        }

        return (process.ExitCode, process.ExitCode == 0 ? await output : await output + await error);
    }

    /// <summary>The <c>cinder</c> CLI with noauth against a project, as an operator runs it.</summary>
    public static Task<(int ExitCode, string Output)> CinderAsync(string apiUrl, string project, params string[] arguments) =>
        RunAsync("cinder", ["--os-auth-type", "noauth", "--os-endpoint", $"{apiUrl}/v3/{project}", "--os-user-id", "user1", "--os-project-id", project, .. arguments]);

    /// <summary><see cref="OpenStackAsync"/> with <c>-f json</c>: the object the command printed; a failed command fails the test with its output.</summary>
    public static async Task<JsonObject> OpenStackJsonAsync(string apiUrl, string project, params string[] arguments)
    {
        var (exitCode, output) = await OpenStackAsync(apiUrl, project, [.. arguments, "-f", "json"]);
        Assert.True(exitCode == 0, $"openstack {string.Join(' ', arguments)} failed: {output}");
        return JsonNode.Parse(output)!.AsObject();
    }

    /// <summary>The <c>openstack</c> CLI with an admin token against a project, as the quick start shows.</summary>
    public static Task<(int ExitCode, string Output)> OpenStackAsync(string apiUrl, string project, params string[] arguments) =>
        RunAsync("openstack", ["--os-auth-type", "admin_token", "--os-token", $"user1:{project}", "--os-endpoint", $"{apiUrl}/v3/{project}", .. arguments]);
}
