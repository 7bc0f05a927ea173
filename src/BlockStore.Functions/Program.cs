using BlockStore.ControlPlane;
using BlockStore.Functions.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// ASP.NET Core integration: HTTP triggers get HttpRequest and may return IActionResult, so the shared handlers'
// CinderResult is written exactly as the Server writes it.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// No IWorkflowClient here: the Durable client is bound per invocation, and each HTTP function puts it on its
// request (see WorkflowBinding). Activities come from the container that this registers.
builder.Services.AddBlockStoreControlPlane(builder.Configuration);

// Project-less URLs: the catch-all functions hand their requests to the functions of the project's URLs.
builder.Services.AddSingleton<ProjectlessDispatcher>();

await builder.Build().RunAsync();
