using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Access;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Payments;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Console;

/// <summary>A local host as a reseller's console sees it: a dental group with a closed, unpaid June invoice, a realtor, a call to a
/// number nobody holds yet (held in quarantine), and an admin, a read-only and a customer key.</summary>
public sealed partial class ConsoleFixture : IAsyncLifetime
{
    private static readonly BillingPeriod June = BillingPeriod.Containing(new LocalDate(2025, 6, 1), 1);

    private OwnBillingHost host = null!;

    public BillingHost Host => host.Host;

    /// <summary>The host with its API client and driver, for scenarios written against any test host (a close held for tax data).</summary>
    internal OwnBillingHost Own => host;

    /// <summary>The bootstrap key (the function key), which signs in as admin.</summary>
    public string BootstrapKey => host.ApiKey;

    /// <summary>The fixture's plan: 20.00 a month, 1.50 a number, inbound telephony at 0.06 a minute in whole minutes.</summary>
    public PricePlan Plan { get; private set; } = null!;

    public Account Dental { get; private set; } = null!;

    public Account Realtor { get; private set; } = null!;

    /// <summary>The dental group's June invoice: open, and overdue since its due date.</summary>
    public InvoiceSummary DentalInvoice { get; private set; } = null!;

    /// <summary>A number no account holds when the fixture starts; its call waits in the Twilio quarantine.</summary>
    public string HeldNumber { get; } = CloseDriver.UniqueNumber("575");

    /// <summary>The held call's id, which its quarantine reference carries.</summary>
    public string HeldCallSid { get; } = "CA" + Guid.NewGuid().ToString("N");

    public Instant HeldCallStartedAt { get; private set; }

    /// <summary>When the June invoice falls due (the close issues it today, with the account's net terms).</summary>
    public Instant DentalDueAt { get; private set; }

    public string AdminKey { get; private set; } = null!;

    public string ReaderKey { get; private set; } = null!;

    public string CustomerKey { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await AzuriteLauncher.EnsureRunningAsync(AzuriteFixture.Options, RepositoryRoot.Find(), TextWriter.Null, CancellationToken.None);
        host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), CloseDriver.UniqueId("console"), extraSettings: new Dictionary<string, string?>
        {
            ["Portal:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),

            // Its tests seed calls and read the margins at once: no roll-up kept from an earlier test's view.
            ["Console:MarginCacheSeconds"] = "0",
        });
        var plan = Plan = new PricePlan(CloseDriver.UniqueId("plan"), "Console Voice", "USD",
            [new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 20m, NumberFee: 1.50m,
                [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.06m, BillingIncrement.PerMinute)], new PerCallRounding())]);
        var billing = new BillingProfile("UTC", 1, "USD");
        Dental = new Account(CloseDriver.UniqueId("dental"), "Console Dental Group", plan.Id, billing);
        Realtor = new Account(CloseDriver.UniqueId("realty"), "Console Realty", plan.Id, billing);
        await host.Driver.SeedAsync(plan, Dental, new NumberAssignment(CloseDriver.UniqueNumber("575"), Dental.Id, NumberType.Local, new LocalDate(2025, 5, 1)));
        await host.Driver.SeedAsync(plan, Realtor);
        DentalInvoice = await host.Driver.CloseAsync(new CycleRequest(Dental.Id, June.Key));
        DentalDueAt = await DueAtAsync(Dental.Id, DentalInvoice.InvoiceId);

        var keys = Service<ApiKeys>();
        AdminKey = (await keys.IssueAsync(new ApiKeyRequest("Console admin", ApiKeyScope.Admin, null), CancellationToken.None)).Value.Secret;
        ReaderKey = (await keys.IssueAsync(new ApiKeyRequest("Console reader", ApiKeyScope.ReadOnly, null), CancellationToken.None)).Value.Secret;
        CustomerKey = (await keys.IssueAsync(new ApiKeyRequest("Console customer", ApiKeyScope.Customer, Dental.Id), CancellationToken.None)).Value.Secret;

        HeldCallStartedAt = SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(10);
        await PostCallAsync(HeldNumber, HeldCallSid, HeldCallStartedAt, 120);
        await Host.Services.WaitForQuarantineAsync("twilio", HeldCallSid, 1);
    }

    /// <summary>When the invoice falls due, from its receivable (written as the close finishes, so waited for, 30 seconds at most).</summary>
    private async Task<Instant> DueAtAsync(string accountId, string invoiceId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var open = await Service<IReceivables>().ListOpenAsync(accountId, CancellationToken.None);
            if (open.FirstOrDefault(r => r.InvoiceId == invoiceId) is { } receivable)
            {
                return receivable.DueAt;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the receivable of {invoiceId}");
            await Task.Delay(200);
        }
    }

    /// <summary>A client of its own (cookies kept, redirects not followed) signed in with <paramref name="key"/>.</summary>
    public async Task<HttpClient> SignedInClientAsync(string key)
    {
        var client = NewClient();
        using var signIn = await PostFormAsync(client, "api/console/sign-in", ("key", key));
        signIn.StatusCode.ShouldBe(HttpStatusCode.SeeOther, await signIn.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>A browser-like client with its own cookies that shows redirects rather than following them.</summary>
    public HttpClient NewClient() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Host.BaseAddress };

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    /// <summary>The form token a console page carries in its forms.</summary>
    public static string FormTokenOf(string page) => FormToken().Match(page) is { Success: true } match
        ? match.Groups["token"].Value
        : throw new InvalidOperationException("The page carries no form token.");

    public T Service<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public async Task DisposeAsync() => await host.DisposeAsync();

    /// <summary>A completed inbound call that started at <paramref name="startedAt"/>, as Twilio reports it (the timestamp is its end).</summary>
    public async Task PostCallAsync(string to, string callSid, Instant startedAt, int seconds)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("CallSid", callSid),
            new("CallStatus", "completed"),
            new("CallDuration", seconds.ToString(CultureInfo.InvariantCulture)),
            new("Direction", "inbound"),
            new("From", "+13035550901"),
            new("To", to),
            new("Timestamp", (startedAt + Duration.FromSeconds(seconds)).ToDateTimeOffset().ToString("r", CultureInfo.InvariantCulture)),
        };
        using var response = await host.Api.PostTwilioCallbackAsync(form, host.TwilioToken, host.Host.BaseAddress, CancellationToken.None);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [GeneratedRegex("""name="csrf" value="(?<token>[^"]+)">""")]
    private static partial Regex FormToken();
}
