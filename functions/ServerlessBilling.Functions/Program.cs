using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServerlessBilling;
using ServerlessBilling.Functions.Console;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Functions.Portal;
using ServerlessBilling.Functions.Tax;
using ServerlessBilling.Storage;
using ServerlessBilling.Telemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ApiVersionMiddleware>();
builder.UseMiddleware<ApiKeyMiddleware>();
builder.Services.AddServerlessBilling(builder.Configuration);
builder.Services.AddTelemetry(builder.Configuration).UseFunctionsWorkerDefaults();
builder.Services.AddBillingHttpJson();
builder.Services.AddSingleton<ApiKeyGate>();
builder.Services.AddTaxFreshnessLog();
builder.Services.AddPortalPages();
builder.Services.AddConsolePages();
builder.Services.AddHostedService<LedgerLayoutCheck>();
builder.Build().Run();

// Internal, so the local host and tests that reference this assembly keep their own Program.
internal partial class Program;
