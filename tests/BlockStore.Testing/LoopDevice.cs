using System.Diagnostics;

namespace BlockStore.Testing;

/// <summary>A sparse file attached as a loop block device (<c>losetup -f --show</c>); detached and deleted on dispose.</summary>
public sealed class LoopDevice : IAsyncDisposable
{
    private readonly DirectoryInfo _directory;

    private LoopDevice(DirectoryInfo directory, string backingFile, string path)
    {
        _directory = directory;
        BackingFile = backingFile;
        Path = path;
    }

    public string BackingFile { get; }

    /// <summary>The device, e.g. <c>/dev/loop3</c>.</summary>
    public string Path { get; }

    public static async Task<LoopDevice> CreateAsync(long bytes, CancellationToken cancellationToken = default)
    {
        var directory = Directory.CreateTempSubdirectory("blockstore-loop-");
        var file = System.IO.Path.Combine(directory.FullName, "disk.img");
        await using (var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write))
        {
            stream.SetLength(bytes);
        }

        try
        {
            var device = (await HarnessCommand.RunAsync("losetup", ["-f", "--show", file], null, cancellationToken)).Trim();
            return new LoopDevice(directory, file, device);
        }
        catch
        {
            directory.Delete(recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await HarnessCommand.RunAsync("losetup", ["-d", Path], null, CancellationToken.None);
        }
        finally
        {
            _directory.Delete(recursive: true);
        }
    }
}

/// <summary>Runs a short tool for a harness: argument list, timeout, stderr in the failure.</summary>
internal static class HarnessCommand
{
    public static async Task<string> RunAsync(string tool, IEnumerable<string> arguments, IDictionary<string, string>? environment, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["LC_ALL"] = "C";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout ?? TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timer.Token);
        var stderr = process.StandardError.ReadToEndAsync(timer.Token);
        try
        {
            await process.WaitForExitAsync(timer.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', info.ArgumentList)} failed (exit {process.ExitCode}): {(await stderr).Trim()}");
        }

        return await stdout;
    }
}
