using System.Net;
using System.Net.Sockets;

namespace BlockStore.Testing;

/// <summary>Asks the OS for loopback ports nobody listens on (never assume a well-known port is free).</summary>
public static class FreePorts
{
    public static int Next() => Distinct(1)[0];

    /// <summary>
    /// Ports that differ from each other: all are held open until the last is chosen, because the OS may hand a
    /// just-released port out again (an Azurite once got the same port for its blob and queue services).
    /// </summary>
    public static int[] Distinct(int count)
    {
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    /// <summary>True when something accepts a connection on the loopback port now.</summary>
    public static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken = default)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await AcceptsAsync(port, cancellationToken))
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Nothing listened on 127.0.0.1:{port} within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
