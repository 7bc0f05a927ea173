using System.Net;
using BlockStore.ControlPlane;
using BlockStore.ControlPlane.Auth;
using BlockStore.ControlPlane.Workflows;
using BlockStore.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

if (args.FirstOrDefault() == "tokens")
{
    // The admin command: the server's configuration (appsettings, environment) and stores, no web host.
    var commandBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] });
    commandBuilder.Services.AddBlockStoreControlPlane(commandBuilder.Configuration);
    using var commandHost = commandBuilder.Build();
    return await TokenCommands.RunAsync(commandHost.Services.GetRequiredService<ApiTokenStore>(), args[1..], Console.Out, CancellationToken.None);
}

// Settings ship beside the binary, so the server behaves the same from any working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

// Cinder's port, loopback only, unless --urls / ASPNETCORE_URLS say otherwise.
var urls = builder.Configuration["urls"] is { Length: > 0 } configured ? configured : "http://127.0.0.1:8776";
builder.WebHost.UseUrls(urls);

// Checked before anything starts: noauth answers every caller as an admin.
var noAuth = builder.Configuration[$"{ControlPlaneOptions.Section}:Auth:Mode"] is not { Length: > 0 } mode || string.Equals(mode, AuthOptions.NoAuth, StringComparison.OrdinalIgnoreCase);
var allowNetwork = !noAuth || builder.Configuration.GetValue<bool>($"{ServerOptions.Section}:{nameof(ServerOptions.AllowNoAuthOnNetwork)}");
if (!allowNetwork && urls.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(url => !IsLoopback(url)) is { } exposed)
{
    Console.Error.WriteLine($"Refusing to serve noauth on {exposed}: every caller would be an admin. Bind to loopback or set Server__AllowNoAuthOnNetwork=true.");
    return 2;
}

builder.AddServerTelemetry();
builder.Services.AddBlockStoreControlPlane(builder.Configuration);
builder.Services.AddOptions<ServerOptions>().Bind(builder.Configuration.GetSection(ServerOptions.Section));
builder.Services.AddSingleton<DurableTaskRuntime>();
builder.Services.AddSingleton<IWorkflowClient>(services => services.GetRequiredService<DurableTaskRuntime>());
builder.Services.AddHostedService(services => services.GetRequiredService<DurableTaskRuntime>());

var app = builder.Build();
app.UseProjectlessUrls();
app.UseRouting();
app.UseEmptyIdAsNotFound();
app.MapBlockStoreApi();

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var address in app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
    {
        app.Logger.LogInformation("BlockStore API listening on {Address} (Cinder v3 at {Address}/v3/<project_id>)", address, address);
    }
});

await app.RunAsync();
return 0;

static bool IsLoopback(string url)
{
    var host = new Uri(url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal)).Host;
    return host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
