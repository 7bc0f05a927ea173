using System.Diagnostics;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BlockStore.Agent;

/// <summary>
/// The agent's spans (source <c>BlockStore.Agent</c>: one per driver call, a child of the control plane's span that
/// sent the command) and its exporters, chosen by configuration: OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set,
/// Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is. Replies carry the trace on, through HttpClient.
/// </summary>
public static class AgentTelemetry
{
    public const string Name = "BlockStore.Agent";

    public static readonly ActivitySource Source = new(Name);

    public static void AddAgentTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var otlp = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var azureMonitor = !string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        if (!otlp && !azureMonitor)
        {
            return;
        }

        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing =>
            {
                tracing.AddSource(Name).AddHttpClientInstrumentation();
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }

                if (azureMonitor)
                {
                    tracing.AddAzureMonitorTraceExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddHttpClientInstrumentation();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }

                if (azureMonitor)
                {
                    metrics.AddAzureMonitorMetricExporter();
                }
            });
    }
}
