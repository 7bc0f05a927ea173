namespace BlockStore.Testing;

/// <summary>How <see cref="LocalStack"/> runs BlockStore: where data lives, which port, which limits.</summary>
public sealed record LocalStackOptions
{
    /// <summary>Everything the stack writes goes under here.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Keep Azurite's data on disk (under <see cref="DataDirectory"/>) instead of in memory.</summary>
    public bool PersistStorage { get; init; }

    /// <summary>The API's port; 0 asks the OS for a free one.</summary>
    public int ApiPort { get; init; }

    /// <summary>Extra server settings, as configuration keys (<c>BlockStore:AgentTimeout</c>).</summary>
    public IReadOnlyDictionary<string, string> ServerSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra settings for every agent, as configuration keys (<c>Agent:MaxPollInterval</c>).</summary>
    public IReadOnlyDictionary<string, string> AgentSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Agents started with the stack.</summary>
    public IReadOnlyList<AgentSpec> Agents { get; init; } = [];

    /// <summary>Forward the processes' output to the console (the interactive launcher); tests keep it for failure messages.</summary>
    public bool EchoOutput { get; init; }
}
