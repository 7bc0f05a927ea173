using BlockStore.ControlPlane.Auth;

namespace BlockStore.Server;

/// <summary>
/// The admin command for API tokens: <c>BlockStore.Server tokens issue --project P --role member [--user U]</c>,
/// <c>tokens issue --agent HOST</c>, <c>tokens list</c>, <c>tokens revoke TOKEN|HASH</c>. Issued tokens are printed
/// once and stored only as hashes.
/// </summary>
public static class TokenCommands
{
    public const string Usage = """
        usage: BlockStore.Server tokens issue --project PROJECT_ID --role reader|member|admin [--user USER] [--description TEXT]
               BlockStore.Server tokens issue --agent HOST [--description TEXT]
               BlockStore.Server tokens list
               BlockStore.Server tokens revoke TOKEN|HASH
        """;

    public static async Task<int> RunAsync(ApiTokenStore store, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        switch (args.FirstOrDefault())
        {
            case "issue" when Option(args, "--agent") is { } agent:
            {
                var (token, _) = await store.IssueAsync("", $"agent-{agent}", Roles.Agent, agent, Option(args, "--description"), cancellationToken);
                await output.WriteLineAsync(token);
                return 0;
            }

            case "issue" when Option(args, "--project") is { } project && Option(args, "--role") is { } role && Roles.All.Contains(role) && role != Roles.Agent:
            {
                var (token, _) = await store.IssueAsync(project, Option(args, "--user") ?? $"{role}-{project[..Math.Min(8, project.Length)]}", role, null, Option(args, "--description"), cancellationToken);
                await output.WriteLineAsync(token);
                return 0;
            }

            case "list":
                foreach (var token in await store.ListAsync(cancellationToken))
                {
                    await output.WriteLineAsync($"{token.Hash}  {token.Role,-6}  project={token.ProjectId}  user={token.UserId}  agent={token.AgentHost}  created={token.CreatedAt:u}  {token.Description}");
                }

                return 0;

            case "revoke" when args.Length == 2:
                if (await store.RevokeAsync(args[1], cancellationToken))
                {
                    return 0;
                }

                await output.WriteLineAsync("No such token.");
                return 1;

            default:
                await output.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
