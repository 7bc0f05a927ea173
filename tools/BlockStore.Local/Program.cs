using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using BlockStore.Testing;

// BlockStore on this machine, in the foreground: Azurite, the Server on 127.0.0.1:8776 and one agent with the file
// driver, all data under one directory (default .local/ in the repository). Ctrl-C stops everything it started.
var dataDirectory = Path.GetFullPath(Option("--data-dir") ?? Path.Combine(RepositoryPaths.Root, ".local"));
var port = int.Parse(Option("--port") ?? "8776", System.Globalization.CultureInfo.InvariantCulture);

if (!IsFree(port))
{
    Console.Error.WriteLine($"Port {port} on 127.0.0.1 is taken (another BlockStore or a Cinder?). Stop it or pass --port N.");
    return 1;
}

Console.WriteLine($"Starting BlockStore with its data in {dataDirectory} ...");
using var stopping = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stopping.Cancel(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stopping.Cancel(); });

await using var stack = await LocalStack.StartAsync(new LocalStackOptions
{
    DataDirectory = dataDirectory,
    PersistStorage = true,
    ApiPort = port,
    EchoOutput = true,
    Agents = [new AgentSpec { HostName = "local", DataDirectory = Path.Combine(dataDirectory, "agent-local") }],
}, stopping.Token);

const string project = "0123456789abcdef0123456789abcdef";

// The Server inherits this environment: BlockStore__Auth__Mode=keystone (run.sh for Tempest) changes how to call it.
var authMode = Environment.GetEnvironmentVariable("BlockStore__Auth__Mode") is { Length: > 0 } mode ? mode : "noauth";
Console.WriteLine($"""

    BlockStore is running: Cinder v3 API at {stack.ApiUrl}/v3/<project_id> ({authMode}, loopback only).
    Volumes are sparse files under {Path.Combine(dataDirectory, "agent-local", "volumes")}.
    Try (python3-openstackclient):

      openstack --os-auth-type admin_token --os-token user:{project} --os-endpoint {stack.ApiUrl}/v3/{project} volume create --size 1 v1

    Press Ctrl-C to stop.

    """);

try
{
    await Task.Delay(Timeout.Infinite, stopping.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopping BlockStore ...");
}

return 0;

static string? Option(string name)
{
    var args = Environment.GetCommandLineArgs();
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static bool IsFree(int port)
{
    try
    {
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return true;
    }
    catch (SocketException)
    {
        return false;
    }
}
