using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.IntegrationTests.Payments;
using ServerlessBilling.IntegrationTests.Payments.AuthorizeNet;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Payments;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Portal;

/// <summary>A local host with three customers, as a reseller would set them up: a dental group (a parent with one location) and a
/// realtor, each with a closed June invoice and a credit note, and calls in the current period; plus the account a revocation
/// test may revoke without touching the others, and two that pay through the portal. Payments go to a Stripe-shaped test server
/// that plays Checkout, and (for the account on Authorize.Net) to an Authorize.Net-shaped one that plays Accept Hosted; both send
/// their webhooks, signed with the fixture's secrets, to this host.</summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public const int RedemptionsPerMinute = 30;

    private static readonly BillingPeriod June = BillingPeriod.Containing(new LocalDate(2025, 6, 1), 1);

    private OwnBillingHost host = null!;

    public BillingHost Host => host.Host;

    public string ApiKey => host.ApiKey;

    public Account Group { get; private set; } = null!;

    public Account Location { get; private set; } = null!;

    public Account Realtor { get; private set; } = null!;

    public Account Revocable { get; private set; } = null!;

    /// <summary>A dentist with an open June invoice and no payment method yet, who pays through the portal.</summary>
    public Account Payer { get; private set; } = null!;

    /// <summary>The payer's June invoice, open until paid through the portal.</summary>
    public InvoiceSummary PayerInvoice { get; private set; } = null!;

    /// <summary>A clinic on Authorize.Net (a customer profile, no payment method yet) with an open June invoice, who pays through Accept Hosted.</summary>
    public Account AnetPayer { get; private set; } = null!;

    /// <summary>The Authorize.Net payer's June invoice.</summary>
    public InvoiceSummary AnetPayerInvoice { get; private set; } = null!;

    public StripeTestServer Stripe { get; private set; } = null!;

    public AuthorizeNetTestServer AuthorizeNet { get; private set; } = null!;

    public string AuthorizeNetSignatureKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(64));

    public string StripeWebhookSecret { get; } = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public string GroupNumber { get; } = CloseDriver.UniqueNumber("575");

    /// <summary>Each customer's June invoice id and the credit note issued against it.</summary>
    public Dictionary<string, (string InvoiceId, string CreditNoteId)> Documents { get; } = new(StringComparer.Ordinal);

    /// <summary>The billable seconds of the group's calls in the current period (per-minute increments: 3, 2 and 5 minutes).</summary>
    public IReadOnlyList<int> GroupCallSeconds { get; } = [125, 61, 300];

    /// <summary>When the group's current-period calls started (the same instant for all three), the day the chart draws them on.</summary>
    public Instant CallsStartedAt { get; private set; }

    public async Task InitializeAsync()
    {
        await AzuriteLauncher.EnsureRunningAsync(AzuriteFixture.Options, RepositoryRoot.Find(), TextWriter.Null, CancellationToken.None);
        Stripe = await StripeTestServer.StartAsync();
        AuthorizeNet = await AuthorizeNetTestServer.StartAsync();
        host = await OwnBillingHost.StartAsync(OwnBillingHost.NewTaskHub(), CloseDriver.UniqueId("portal"), services => services
            .AddSingleton(Stripe.Options(StripeWebhookSecret))
            .AddSingleton(AuthorizeNet.Options(AuthorizeNetSignatureKey)), new Dictionary<string, string?>
        {
            ["Portal:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["Portal:RedemptionsPerMinute"] = RedemptionsPerMinute.ToString(CultureInfo.InvariantCulture),
        });
        Stripe.DeliverWebhooksTo(host.Host.BaseAddress, StripeWebhookSecret);
        AuthorizeNet.DeliverWebhooksTo(host.Host.BaseAddress, AuthorizeNetSignatureKey);
        var plan = new PricePlan(CloseDriver.UniqueId("plan"), "Portal Voice", "USD",
            [new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 20m, NumberFee: 1.50m,
                [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.06m, BillingIncrement.PerMinute)], new PerCallRounding())]);
        var billing = new BillingProfile("UTC", 1, "USD");
        Group = new Account(CloseDriver.UniqueId("dental"), "Bright Smiles Dental Group", plan.Id, billing);
        Location = new Account(CloseDriver.UniqueId("dental-north"), "Bright Smiles North", plan.Id, billing) { ParentAccountId = Group.Id };
        Realtor = new Account(CloseDriver.UniqueId("realty"), "Harbor Realty", plan.Id, billing);
        Revocable = new Account(CloseDriver.UniqueId("clinic"), "Lakeside Clinic", plan.Id, billing);
        Payer = new Account(CloseDriver.UniqueId("dentist"), "Cedar Family Dentistry", plan.Id, billing);
        var realtorNumber = CloseDriver.UniqueNumber("575");
        await host.Driver.SeedAsync(plan, Group, new NumberAssignment(GroupNumber, Group.Id, NumberType.Local, new LocalDate(2025, 5, 1)));
        await host.Driver.SeedAsync(plan, Location, new NumberAssignment(CloseDriver.UniqueNumber("575"), Location.Id, NumberType.Local, new LocalDate(2025, 5, 1)));
        await host.Driver.SeedAsync(plan, Realtor, new NumberAssignment(realtorNumber, Realtor.Id, NumberType.Local, new LocalDate(2025, 5, 1)));
        await host.Driver.SeedAsync(plan, Revocable);
        await host.Driver.SeedAsync(plan, Payer);
        PayerInvoice = await host.Driver.CloseAsync(new CycleRequest(Payer.Id, June.Key));
        AnetPayer = await SeedOnAuthorizeNetAsync(plan, new Account(CloseDriver.UniqueId("anet-clinic"), "Juniper Street Clinic", plan.Id, billing));
        AnetPayerInvoice = await host.Driver.CloseAsync(new CycleRequest(AnetPayer.Id, June.Key));

        foreach (var account in new[] { Group, Location, Realtor })
        {
            var invoice = await host.Driver.CloseAsync(new CycleRequest(account.Id, June.Key));
            var note = await host.Api.IssueCreditNoteAsync(account.Id, invoice.InvoiceId, new CreditNoteRequest("portal-1", "Outage credit", 5.00m), CancellationToken.None);
            Documents[account.Id] = (invoice.InvoiceId, note.CreditNote.Id);
        }

        CallsStartedAt = SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(10);
        foreach (var seconds in GroupCallSeconds)
        {
            await PostCallAsync(GroupNumber, seconds);
        }

        await PostCallAsync(realtorNumber, 90);
        var period = billing.PeriodContaining(CallsStartedAt);
        await host.Driver.WaitForUsageAsync(Group.Id, period, GroupCallSeconds.Count);
        await host.Driver.WaitForUsageAsync(Realtor.Id, period, 1);
    }

    /// <summary>A new link for the account, issued through the management API as a reseller would.</summary>
    public async Task<Uri> IssueLinkAsync(string accountId)
    {
        using var response = await SendAsync(HttpMethod.Post, $"api/accounts/{accountId}/portal-links");
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Uri(body.GetProperty("url").GetString()!);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", host.ApiKey);
        return await host.Http.SendAsync(request);
    }

    public T Service<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await Stripe.DisposeAsync();
        await AuthorizeNet.DisposeAsync();
    }

    /// <summary>An account whose customer profile is at Authorize.Net, as one moved there would be, with no method on file yet.</summary>
    private async Task<Account> SeedOnAuthorizeNetAsync(PricePlan plan, Account account)
    {
        await host.Driver.SeedAsync(plan, account);
        var customerId = await Service<IPaymentGateways>().For(PaymentGatewayNames.AuthorizeNet).EnsureCustomerAsync(account.Id, account.Name, CancellationToken.None);
        return (await Service<IAccountDirectory>().UpdateAsync(account.Id, a => a with { Payment = new PaymentProfile(PaymentGatewayNames.AuthorizeNet, customerId) }, CancellationToken.None))!;
    }

    /// <summary>A completed inbound call that started at <see cref="CallsStartedAt"/>, as Twilio reports it (the timestamp is its end).</summary>
    private async Task PostCallAsync(string to, int seconds)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("CallSid", "CA" + Guid.NewGuid().ToString("N")),
            new("CallStatus", "completed"),
            new("CallDuration", seconds.ToString(CultureInfo.InvariantCulture)),
            new("Direction", "inbound"),
            new("From", "+13035550901"),
            new("To", to),
            new("Timestamp", (CallsStartedAt + Duration.FromSeconds(seconds)).ToDateTimeOffset().ToString("r", CultureInfo.InvariantCulture)),
        };
        using var response = await host.Api.PostTwilioCallbackAsync(form, host.TwilioToken, host.Host.BaseAddress, CancellationToken.None);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
