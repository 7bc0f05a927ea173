using Azure.Monitor.OpenTelemetry.Exporter;
using BlockStore.ControlPlane.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BlockStore.Server;

/// <summary>
/// Traces (HTTP server and client, the control plane's spans) and metrics (operation latency and outcome, ASP.NET
/// Core), exported by configuration: OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is; nothing is collected when neither is.
/// </summary>
public static class ServerTelemetry
{
    public static void AddServerTelemetry(this WebApplicationBuilder builder)
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
                tracing.AddSource(ControlPlaneTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
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
                metrics.AddMeter(ControlPlaneTelemetry.Name).AddAspNetCoreInstrumentation();
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
