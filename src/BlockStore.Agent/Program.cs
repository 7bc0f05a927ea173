using BlockStore.Agent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

try
{
    var builder = AgentHost.CreateBuilder(args);

    // --config=/etc/blockstore/agent.json (the systemd unit's way); environment variables and arguments still win.
    if (builder.Configuration["config"] is { Length: > 0 } file)
    {
        builder.Configuration.AddJsonFile(file, optional: false).AddEnvironmentVariables().AddCommandLine(args);
    }

    using var host = builder.Build();

    // Validated before the host starts, so a configuration mistake is one plain line, not a logged stack trace.
    _ = host.Services.GetRequiredService<IOptions<AgentOptions>>().Value;
    await host.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    await Console.Error.WriteLineAsync($"BlockStore.Agent cannot start: {string.Join(" ", e.Failures)}");
    return 2;
}
