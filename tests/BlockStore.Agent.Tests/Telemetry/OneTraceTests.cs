using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using BlockStore.Agent.Backends;
using BlockStore.Agent.Commands;
using BlockStore.ControlPlane;
using BlockStore.ControlPlane.Agents;
using BlockStore.ControlPlane.Pools;
using BlockStore.ControlPlane.Telemetry;
using BlockStore.ControlPlane.Volumes;
using BlockStore.ControlPlane.Workflows;
using BlockStore.Core.Agents;
using BlockStore.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace BlockStore.Agent.Tests.Telemetry;

/// <summary>
/// One trace from the HTTP request through the orchestration to the agent's driver call: the API, the orchestration's
/// activities and the real agent command handler with the file driver, all in this process, spans read from memory.
/// </summary>
public sealed class OneTraceTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("blockstore-trace-").FullName;
    private readonly List<Activity> _spans = [];
    private Azurite? _azurite;
    private DurableTaskTestHost? _host;
    private TracerProvider? _tracing;

    public async Task InitializeAsync()
    {
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(ControlPlaneTelemetry.Name, AgentTelemetry.Name)
            .AddInMemoryExporter(_spans)
            .Build();
        _azurite = await Azurite.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BlockStore:StorageConnectionString"] = _azurite.ConnectionString,
            ["BlockStore:DefaultAvailabilityZone"] = "traced",
        }).Build();
        var agent = new InProcessAgent(AgentBackend.Create("trace", new BackendOptions { Name = "file", Driver = "file", DataDirectory = _data }));
        _host = await DurableTaskTestHost.StartAsync(
            registry =>
            {
                foreach (var (name, type) in WorkflowCatalog.Orchestrators)
                {
                    registry.AddOrchestrator(name, type);
                }

                foreach (var (name, type) in WorkflowCatalog.Activities)
                {
                    registry.AddActivity(name, type);
                }
            },
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    services.AddBlockStoreControlPlane(configuration);
                    services.AddSingleton<ICommandTransport>(agent);
                },
            });
        agent.Client = _host.Client;
        await _host.Services.GetRequiredService<PoolStore>().RecordAsync(new CapacityReport
        {
            BackendHost = "trace@file",
            Pools = [new PoolCapacity { PoolName = "file", AvailabilityZone = "traced", TotalCapacityGib = 100, FreeCapacityGib = 100 }],
        }, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _tracing?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task CreateVolume_ApiOrchestrationAndAgentSpans_ShareOneTraceId()
    {
        var project = Guid.NewGuid().ToString("N");
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("127.0.0.1");
        http.Request.Path = $"/v3/{project}/volumes";
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("""{"volume": {"size": 1, "name": "traced"}}"""));
        http.Features.Set<IWorkflowClient>(new DurableTaskClientWorkflowClient(_host!.Client));

        var result = await _host.Services.GetRequiredService<VolumesApi>().CreateAsync(http, project);
        Assert.Equal(202, result.StatusCode);
        var volumeId = result.Body!["volume"]!["id"]!.GetValue<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var state = await _host.Client.WaitForInstanceCompletionAsync(WorkflowNames.CreateInstanceId(Guid.Parse(volumeId)), timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        _tracing!.ForceFlush();

        var api = Assert.Single(_spans, span => span.DisplayName == "POST cinder");
        var trace = _spans.Where(span => span.TraceId == api.TraceId).ToDictionary(span => span.DisplayName);
        Assert.Contains("schedule volume", trace.Keys);
        Assert.Contains("finish create", trace.Keys);
        var send = trace["send CreateVolume"];
        var driver = trace["driver CreateVolume"];
        Assert.Equal(send.SpanId, driver.ParentSpanId);
        Assert.Equal(AgentTelemetry.Name, driver.Source.Name);
        Assert.True(File.Exists(Path.Combine(_data, "volumes", $"volume-{volumeId}")));
    }

    /// <summary>The transport delivers straight to the agent's real command handler, then raises its reply as the reply endpoint would.</summary>
    private sealed class InProcessAgent(AgentBackend backend) : ICommandTransport
    {
        private readonly CommandHandler _handler = new(NullLogger<CommandHandler>.Instance);

        public DurableTaskClient? Client { get; set; }

        public async Task SendAsync(AgentCommand command, CancellationToken cancellationToken)
        {
            var reply = await _handler.HandleAsync(backend, command, cancellationToken);
            await Client!.RaiseEventAsync(command.InstanceId, WorkflowNames.AgentReplyEvent, reply, cancellationToken);
        }
    }
}
