using System.Diagnostics;
using System.Reflection;
using BlockStore.Testing;

namespace BlockStore.Infra.Tests;

/// <summary>The real Bicep CLI from the NuGet package that the project's restore downloaded (PackageDownload).</summary>
public static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string ExecutablePath { get; } = Locate();

    public static string MainTemplate { get; } = RepositoryPaths.Combine("infra", "main.bicep");

    public static async Task<BicepResult> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{ExecutablePath} did not start.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new BicepResult(process.ExitCode, await stdout, await stderr);
    }

    private static string Locate()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The project downloads the Bicep CLI for linux-x64 only (Azure.Bicep.CommandLine.linux-x64).");
        }

        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepCli").Value!;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The Bicep CLI is not at {path}: restore tests/BlockStore.Infra.Tests (its PackageDownload brings it).");
        }

        // NuGet extracts files with the mode stored in the package; make sure the owner may run it.
        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
        }

        return path;
    }
}
