using BlockStore.Agent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

try
{
    using var host = AgentHost.CreateBuilder(args).Build();

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
