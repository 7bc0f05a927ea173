namespace BlockStore.ControlPlane.Workflows;

/// <summary>Splits Cinder's <c>host@backend#pool</c>.</summary>
public static class VolumeHosts
{
    public static (string BackendHost, string Pool) Split(string host)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        var hash = host.LastIndexOf('#');
        return hash < 0 ? (host, host) : (host[..hash], host[(hash + 1)..]);
    }
}
