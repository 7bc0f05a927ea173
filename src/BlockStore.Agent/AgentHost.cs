using BlockStore.Agent.Backends;
using BlockStore.Agent.Capacity;
using BlockStore.Agent.Commands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlockStore.Agent;

/// <summary>Builds the agent's host; the program and in-process tests start the same one.</summary>
public static class AgentHost
{
    /// <summary>Configuration: appsettings.json beside the program, environment variables, then <paramref name="args"/>.</summary>
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        // Content root = the program's folder, so appsettings.json is found whatever the working directory.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });

        builder.AddAgentTelemetry();
        var services = builder.Services;
        services.AddOptions<AgentOptions>().Bind(builder.Configuration.GetSection(AgentOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();
        services.AddSingleton<IReadOnlyList<AgentBackend>>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<AgentOptions>>().Value;
            return [.. options.Backends.Select(backend => AgentBackend.Create(options.HostName, backend))];
        });
        services.AddHttpClient(ControlPlaneClient.HttpClientName);
        services.AddSingleton<ControlPlaneClient>();
        services.AddSingleton<CommandHandler>();
        services.AddSingleton<CommandDelivery>();
        var transport = builder.Configuration.GetSection(AgentOptions.SectionName)[nameof(AgentOptions.Transport)];
        if (string.Equals(transport, AgentOptions.ServiceBusTransport, StringComparison.OrdinalIgnoreCase))
        {
            // Tests register their own client after this one (a mock: no broker runs here); the last registration wins.
            services.TryAddSingleton(provider => AgentServiceBus.CreateClient(provider.GetRequiredService<IOptions<AgentOptions>>().Value));
            services.AddHostedService<ServiceBusCommandReceiver>();
        }
        else
        {
            services.AddHostedService<CommandReceiver>();
        }

        services.AddHostedService<CapacityReporter>();
        return builder;
    }
}
