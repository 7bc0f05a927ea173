using System.Net;
using BlockStore.ControlPlane;
using BlockStore.ControlPlane.Agents;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Volumes;
using BlockStore.ControlPlane.Workflows;
using BlockStore.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

// Settings ship beside the binary, so the server behaves the same from any working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// Cinder's port, loopback only, unless --urls / ASPNETCORE_URLS say otherwise.
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:8776");
}

builder.Services.AddBlockStoreControlPlane(builder.Configuration);
builder.Services.AddOptions<ServerOptions>().Bind(builder.Configuration.GetSection(ServerOptions.Section));
builder.Services.AddSingleton<DurableTaskRuntime>();
builder.Services.AddSingleton<IWorkflowClient>(services => services.GetRequiredService<DurableTaskRuntime>());
builder.Services.AddHostedService(services => services.GetRequiredService<DurableTaskRuntime>());

var app = builder.Build();
app.MapBlockStoreApi();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    RefuseNoAuthOnNetwork(addresses, app.Services.GetRequiredService<IOptions<ServerOptions>>().Value, app.Lifetime);
    foreach (var address in addresses)
    {
        app.Logger.LogInformation("BlockStore API listening on {Address} (Cinder v3 at {Address}/v3/<project_id>)", address, address);
    }
});

app.Run();

static void RefuseNoAuthOnNetwork(ICollection<string> addresses, ServerOptions options, IHostApplicationLifetime lifetime)
{
    if (options.AllowNoAuthOnNetwork)
    {
        return;
    }

    foreach (var address in addresses)
    {
        var host = new Uri(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal)).Host;
        var loopback = host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        if (!loopback)
        {
            Console.Error.WriteLine($"Refusing to serve noauth on {address}: every caller would be an admin. Bind to loopback or set Server__AllowNoAuthOnNetwork=true.");
            lifetime.StopApplication();
            Environment.ExitCode = 2;
        }
    }
}
