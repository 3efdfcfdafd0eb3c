using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests.Cycles;

/// <summary>
/// A local host a test starts and stops itself, on the test Azurite, with a task hub and an invoice number sequence
/// the test chose. Starting a second one on the same hub stands in for a restarted worker: the durable engine picks
/// up the instances the first one left, and the work it had taken without finishing reappears after 15 seconds
/// (five minutes with the storage provider's default).
/// </summary>
internal sealed class OwnBillingHost : IAsyncDisposable
{
    private readonly HttpClient http;

    private OwnBillingHost(BillingHost host, string apiKey, string twilioToken)
    {
        Host = host;
        ApiKey = apiKey;
        TwilioToken = twilioToken;
        http = new HttpClient { BaseAddress = host.BaseAddress };
        Api = new BillingApiClient(http, apiKey);
        Driver = new CloseDriver(host, Api, twilioToken);
    }

    public BillingHost Host { get; }

    public string ApiKey { get; }

    /// <summary>The auth token Twilio callbacks are signed with, for calls a test posts itself.</summary>
    public string TwilioToken { get; }

    public BillingApiClient Api { get; }

    public CloseDriver Driver { get; }

    public HttpClient Http => http;

    /// <param name="configureServices">Replaces services after the app's own registrations (e.g. the PDF renderer).</param>
    /// <param name="extraSettings">App settings added to the test defaults (e.g. <c>Tax:MissingRate</c>).</param>
    public static async Task<OwnBillingHost> StartAsync(
        string taskHub, string invoiceSequence, Action<IServiceCollection>? configureServices = null, IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        // A free port found by probing can be taken by another process before the host binds it: try another.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(taskHub, invoiceSequence, configureServices, extraSettings);
            }
            catch (IOException e) when (attempt < 3 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
            }
        }
    }

    private static async Task<OwnBillingHost> StartOnceAsync(
        string taskHub, string invoiceSequence, Action<IServiceCollection>? configureServices, IReadOnlyDictionary<string, string?>? extraSettings)
    {
        var connection = AzuriteFixture.Options.ConnectionString;
        var port = LoopbackPorts.Free();
        var apiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var twilioToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var settings = new Dictionary<string, string?>
        {
            [StorageNames.Connection] = connection,
            ["AzureWebJobsStorage"] = connection,
            ["Twilio:AuthToken"] = twilioToken,
            ["Twilio:PublicBaseUrl"] = $"http://127.0.0.1:{port}/",
            ["Branding:Name"] = "Test Reseller LLC",
            ["Invoices:Sequence"] = invoiceSequence,

            // The close scenarios bill periods long past, as an import of historical usage would: a plausibility
            // window that reaches them, so those calls are billed rather than held as back-dated.
            ["Plausibility:BackdatingDays"] = "3650",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var options = new LocalHostOptions(port, apiKey, taskHub)
        {
            PollInterval = TimeSpan.FromMilliseconds(200),
            EngineMessageVisibility = TimeSpan.FromSeconds(15),
            ConfigureServices = configureServices,
        };
        var host = await BillingHost.StartAsync(options, settings, CancellationToken.None);
        return new OwnBillingHost(host, apiKey, twilioToken);
    }

    /// <summary>A task hub name of its own (letters and digits, as the storage provider requires).</summary>
    public static string NewTaskHub() => "close" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await Host.DisposeAsync();
    }
}
