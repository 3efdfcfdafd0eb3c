using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using ServerlessBilling.IntegrationTests.Api.OpenApi;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Storage;

namespace ServerlessBilling.IntegrationTests;

/// <summary>The local host on a free port with its own task hub, on the test Azurite, with a fresh API key and fresh vendor secrets.</summary>
public class LocalHostFixture : IAsyncLifetime
{
    public string TwilioToken { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string ApiKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string RetellKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string ElevenLabsSecret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string VapiSecret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string EventsSecret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Stands in for Telnyx's signing key; the host is configured with its public half.</summary>
    public Ed25519PrivateKeyParameters TelnyxKey { get; } = new(new SecureRandom());

    public BillingHost Host { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Checks every API response <see cref="Http"/> receives against the OpenAPI document.</summary>
    public ResponseRecorder Responses { get; } = new(ResponseContract.Current);

    public BillingApiClient Api { get; private set; } = null!;

    public Uri PublicBaseUrl => Host.BaseAddress;

    public async Task InitializeAsync()
    {
        var options = AzuriteFixture.Options;
        await AzuriteLauncher.EnsureRunningAsync(options, RepositoryRoot.Find(), TextWriter.Null, CancellationToken.None);
        var port = LoopbackPorts.Free();
        var settings = new Dictionary<string, string?>
        {
            [StorageNames.Connection] = options.ConnectionString,
            ["AzureWebJobsStorage"] = options.ConnectionString,
            ["Twilio:AuthToken"] = TwilioToken,
            ["Twilio:PublicBaseUrl"] = $"http://127.0.0.1:{port}/",
            ["Branding:Name"] = "Test Reseller LLC",
            ["Retell:ApiKey"] = RetellKey,
            ["ElevenLabs:WebhookSecret"] = ElevenLabsSecret,
            ["Vapi:Secret"] = VapiSecret,
            ["Vapi:Mode"] = "Hmac",
            ["Telnyx:PublicKey"] = Convert.ToBase64String(TelnyxKey.GeneratePublicKey().GetEncoded()),
            ["UsageEvents:SigningSecret"] = EventsSecret,

            // Several scenarios bill periods long past, as an import of historical usage would: a plausibility window
            // that reaches them, so those calls are billed rather than held as back-dated.
            ["Plausibility:BackdatingDays"] = "3650",

            // The tests' reseller contributes to USF directly (its invoices carry USF lines), whatever its small test revenue computes to.
            ["Tax:DeMinimis"] = "false",

            // Webhook receivers in the tests listen on loopback.
            ["WebhooksOut:AllowPrivateTargets"] = "true",

            // The tests upload drops from outside the host, which does not wake its watcher: a quiet watcher looks every second at most.
            ["LocalHost:MaxPollingIntervalSeconds"] = "1",
        };
        var hub = "test" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        Host = await BillingHost.StartAsync(new LocalHostOptions(port, ApiKey, hub) { PollInterval = TimeSpan.FromMilliseconds(200), ConfigureServices = ConfigureServices }, settings, CancellationToken.None);
        Http = new HttpClient(Responses) { BaseAddress = Host.BaseAddress };
        Api = new BillingApiClient(Http, ApiKey);
    }

    /// <summary>Lets a derived fixture add to the host's services (exporters and loggers that capture what the host emits).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
