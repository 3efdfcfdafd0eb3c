using NodaTime;
using ServerlessBilling.Cycles;
using ServerlessBilling.Payments;
using ServerlessBilling.Payments.AuthorizeNet;
using ServerlessBilling.Pdf;
using ServerlessBilling.Storage;
using ServerlessBilling.Tax;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Twilio;
using ServerlessBilling.Usage.UsageEvents;
using ServerlessBilling.Usage.Vapi;
using ServerlessBilling.Usage.Webhooks;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.DeploymentTests.Settings;

/// <summary>Each capability's settings: defaults when unset, values mapped to the types the domain takes, and a bad value
/// stopping start-up with a message that names the setting.</summary>
public class CapabilitySettingsTests
{
    [Fact]
    public void Start_NoSettings_EveryCapabilityTakesItsDefaults()
    {
        using var host = new SettingsHost(new Dictionary<string, string?>());

        host.Start();

        var dunning = host.Get<DunningPolicy>();
        dunning.RetryDelays.ShouldBe(DunningPolicy.Default.RetryDelays);
        dunning.ShouldBe(DunningPolicy.Default with { RetryDelays = dunning.RetryDelays });
        host.Get<ITaxCalculator>().ShouldBeOfType<TableTaxCalculator>();
        host.Get<TaxTableOptions>().ShouldBe(TaxTableOptions.Default);
        host.Get<CycleScheduleOptions>().ShouldBe(CycleScheduleOptions.Default);
        host.Get<InvoiceNumberingOptions>().ShouldBe(new InvoiceNumberingOptions("invoices", "INV-"));
        host.Get<InvoiceBranding>().ShouldBe(new InvoiceBranding("Your Reseller", "", "#1F4E79"));
        host.Get<BrandingLogo>().Png.ShouldBeNull();
        host.Get<WebhookTolerance>().ShouldBe(WebhookTolerance.Default);
        host.Get<PhoneRegion>().ShouldBe(PhoneRegion.Default);
        host.Get<TwilioWebhookOptions>().ShouldBe(new TwilioWebhookOptions("", new Uri("http://localhost:7071")));
        host.Get<VapiWebhookOptions>().ShouldBe(new VapiWebhookOptions(""));
        host.Get<UsageEventsOptions>().ShouldBe(new UsageEventsOptions(""));
        host.Get<StripeOptions>().ShouldBe(new StripeOptions("", ""));
        host.Get<AuthorizeNetOptions>().Endpoint.ShouldBe(AuthorizeNetOptions.Sandbox);
        host.Get<IPaymentGateways>().DefaultName.ShouldBe(PaymentGatewayNames.Stripe);
        host.Get<WebhookDeliveryOptions>().ShouldBe(WebhookDeliveryOptions.Default);
        host.Get<LedgerTables>().Count.ShouldBe(1);
        host.Logs.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Start_SixteenLedgerTables_SpreadsClaimsAndUsageOverNamedTables()
    {
        using var host = new SettingsHost(new Dictionary<string, string?> { ["Storage:LedgerTables"] = "16" });

        host.Start();

        var layout = host.Get<LedgerTables>();
        layout.ClaimsTables.ShouldBe([StorageNames.EventIdentitiesTable, .. Enumerable.Range(1, 15).Select(i => $"EventIdentities{i:00}")]);
        layout.UsageTables[0].ShouldBe(StorageNames.UsageTable);
        layout.UsageTables[15].ShouldBe("Usage15");

        // Where a claim or an account's rows live is part of the stored data: the hashes must never change.
        (layout.UsageTableOf("acme"), layout.UsageTableOf("zeta")).ShouldBe((2, 12));
        (new LedgerTables(4).UsageTableOf("acme"), LedgerTables.Single.UsageTableOf("zeta")).ShouldBe((2, 0));
        layout.ClaimsTableOf(new EventIdentity("twilio-CA42", UsageComponent.Telephony)).ShouldBe(0);
    }

    [Fact]
    public void Start_EmptyValues_CountAsUnsetExceptText()
    {
        using var host = new SettingsHost(new Dictionary<string, string?>
        {
            ["Dunning:LateFee:Value"] = "",
            ["Dunning:LateFee:Cap"] = "",
            ["Dunning:SuspendAfterFinalFailure"] = "",
            ["Tax:Rounding"] = "",
            ["Cycles:GraceHours"] = "",
            ["Vapi:Mode"] = "",
            ["Branding:LogoBase64"] = "",
            ["Invoices:NumberPrefix"] = "",
        });

        host.Start();

        host.Get<DunningPolicy>().LateFee.ShouldBeNull();
        host.Get<DunningPolicy>().SuspendAfterFinalFailure.ShouldBeTrue();
        host.Get<CycleScheduleOptions>().Grace.ShouldBe(Duration.FromHours(24));
        host.Get<VapiWebhookOptions>().Mode.ShouldBe(VapiAuthMode.Hmac);
        host.Get<InvoiceNumberingOptions>().Prefix.ShouldBe("");
    }

    [Fact]
    public void Start_GoodValues_AreMappedToTheDomainsTypes()
    {
        using var host = new SettingsHost(new Dictionary<string, string?>
        {
            ["Dunning:RetryDelays"] = "1d, 2d,12d",
            ["Dunning:ReminderLead"] = "12h",
            ["Dunning:OverdueAfter"] = "0.06:00:00",
            ["Dunning:WriteOffAfter"] = "90d",
            ["Dunning:ReturnedPaymentFee"] = "15.50",
            ["Dunning:SuspendAfterFinalFailure"] = "false",
            ["Dunning:LateFee:Basis"] = "percentofbalance",
            ["Dunning:LateFee:Value"] = "1.5",
            ["Dunning:LateFee:Grace"] = "5d",
            ["Dunning:LateFee:Recurrence"] = "Monthly",
            ["Dunning:LateFee:Cap"] = "40",
            ["Dunning:LateFee:Placement"] = "OwnInvoice",
            ["Tax:Rounding"] = "perline",
            ["Tax:DeMinimis"] = "true",
            ["Tax:TableRefreshSeconds"] = "5",
            ["Cycles:GraceHours"] = "2.5",
            ["Cycles:MaxConcurrentStarts"] = "3",
            ["Invoices:Sequence"] = "acme",
            ["Invoices:NumberPrefix"] = "A-",
            ["Branding:Name"] = "Acme Voice",
            ["Branding:Address"] = "1 Main St|Springfield",
            ["Branding:AccentColor"] = "#000000",
            ["Numbers:DefaultRegion"] = "gb",
            ["Webhooks:ToleranceSeconds"] = "60",
            ["Twilio:AuthToken"] = "token",
            ["Twilio:PublicBaseUrl"] = "https://billing.example.com",
            ["Vapi:Mode"] = "secret",
            ["Vapi:Secret"] = "s",
            ["Vapi:SecretHeader"] = "X-Custom",
            ["Stripe:SecretKey"] = "sk_test",
            ["Stripe:WebhookSecret"] = "whsec",
            ["AuthorizeNet:Environment"] = "Production",
            ["Payments:Gateway"] = "AuthorizeNet",
        });

        host.Start();

        var dunning = host.Get<DunningPolicy>();
        dunning.RetryDelays.ShouldBe([Duration.FromDays(1), Duration.FromDays(2), Duration.FromDays(12)]);
        dunning.ReminderLead.ShouldBe(Duration.FromHours(12));
        dunning.OverdueAfter.ShouldBe(Duration.FromHours(6));
        dunning.WriteOffAfter.ShouldBe(Duration.FromDays(90));
        dunning.ReturnedPaymentFee.ShouldBe(15.50m);
        dunning.SuspendAfterFinalFailure.ShouldBeFalse();
        dunning.LateFee.ShouldBe(new LateFeePolicy(
            LateFeeBasis.PercentOfBalance, 1.5m, Duration.FromDays(5), LateFeeRecurrence.Monthly, 40m, LateFeePlacement.OwnInvoice));
        host.Get<TaxTableOptions>().RefreshInterval.ShouldBe(TimeSpan.FromSeconds(5));
        host.Get<CycleScheduleOptions>().ShouldBe(CycleScheduleOptions.Default with { Grace = Duration.FromMinutes(150), MaxConcurrentStarts = 3 });
        host.Get<InvoiceNumberingOptions>().ShouldBe(new InvoiceNumberingOptions("acme", "A-"));
        host.Get<InvoiceBranding>().AddressLines.ShouldBe(["1 Main St", "Springfield"]);
        host.Get<PhoneRegion>().Code.ShouldBe("GB");
        host.Get<WebhookTolerance>().MaxSkew.ShouldBe(Duration.FromSeconds(60));
        host.Get<TwilioWebhookOptions>().ShouldBe(new TwilioWebhookOptions("token", new Uri("https://billing.example.com")));
        host.Get<VapiWebhookOptions>().ShouldBe(new VapiWebhookOptions("s", VapiAuthMode.Secret, SecretHeader: "X-Custom"));
        host.Get<StripeOptions>().ShouldBe(new StripeOptions("sk_test", "whsec"));
        host.Get<AuthorizeNetOptions>().Endpoint.ShouldBe(AuthorizeNetOptions.Production);
        host.Get<IPaymentGateways>().DefaultName.ShouldBe(PaymentGatewayNames.AuthorizeNet);
    }

    [Theory]
    [InlineData("Dunning:RetryDelays", "3d,soon")]
    [InlineData("Dunning:RetryDelays", "5d,3d")]
    [InlineData("Dunning:ReminderLead", "tomorrow")]
    [InlineData("Dunning:WriteOffAfter", "0d")]
    [InlineData("Dunning:ReturnedPaymentFee", "ten")]
    [InlineData("Dunning:SuspendAfterFinalFailure", "maybe")]
    [InlineData("Dunning:LateFee:Value", "-1")]
    [InlineData("Dunning:LateFee:Basis", "Sometimes")]
    [InlineData("Dunning:LateFee:Recurrence", "Weekly")]
    [InlineData("Dunning:LateFee:Placement", "7")]
    [InlineData("Dunning:LateFee:Grace", "a while")]
    [InlineData("Tax:Rounding", "PerCall")]
    [InlineData("Tax:DeMinimis", "yes")]
    [InlineData("Tax:TableRefreshSeconds", "-1")]
    [InlineData("Cycles:GraceHours", "-1")]
    [InlineData("Cycles:MaxConcurrentStarts", "0")]
    [InlineData("Numbers:DefaultRegion", "XX")]
    [InlineData("Webhooks:ToleranceSeconds", "five")]
    [InlineData("RawArchive:MaxPayloadsPerGroup", "0")]
    [InlineData("RawArchive:MaxPayloadsPerGroup", "1001")]
    [InlineData("RawArchive:GroupWindowMilliseconds", "-1")]
    [InlineData("Webhooks:MaxDeliveriesPerMessage", "0")]
    [InlineData("Webhooks:GroupWindowMilliseconds", "1001")]
    [InlineData("Rating:OpenPeriodMarginMinutes", "-1")]
    [InlineData("Rating:WindowsAtOnce", "0")]
    [InlineData("Rating:WindowsAtOnce", "9")]
    [InlineData("AzureFunctionsJobHost:extensions:durableTask:storageProvider:PartitionCount", "17")]
    [InlineData("DomainEvents:Publisher", "Kafka")]
    [InlineData("Payments:Gateway", "paypal")]
    [InlineData("AuthorizeNet:Environment", "Staging")]
    [InlineData("Branding:LogoBase64", "not base64!")]
    [InlineData("Branding:LogoBlob", "logo.png")]
    [InlineData("Vapi:Mode", "Basic")]
    [InlineData("Twilio:PublicBaseUrl", "billing.example.com")]
    [InlineData("Tax:Engine", "SureTax")]
    [InlineData("Tax:ServiceRecheckSeconds", "0")]
    [InlineData("WebhooksOut:TimeoutSeconds", "0")]
    [InlineData("WebhooksOut:DisableAfterDays", "0")]
    [InlineData("WebhooksOut:RotationGraceHours", "-1")]
    [InlineData("WebhooksOut:AllowPrivateTargets", "sometimes")]
    [InlineData("Storage:LedgerTables", "3")]
    [InlineData("Storage:LedgerTables", "48")]
    public void Start_InvalidValue_FailsNamingTheSetting(string key, string value)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key.StartsWith("Dunning:LateFee:", StringComparison.Ordinal) && key != "Dunning:LateFee:Value")
        {
            settings["Dunning:LateFee:Value"] = "5";
        }

        using var host = new SettingsHost(settings);

        host.StartFailure().ShouldContain(key);
    }

    [Fact]
    public void Start_AvalaraCommunicationsEngine_CalculatesThroughTheServiceWithItsSettings()
    {
        using var host = new SettingsHost(new Dictionary<string, string?>
        {
            ["Tax:Engine"] = "AvalaraCommunications",
            ["Tax:Avalara:Endpoint"] = "Production",
            ["Tax:Avalara:Username"] = "billing@example.com",
            ["Tax:Avalara:Password"] = "secret",
            ["Tax:Avalara:ClientId"] = "12345",
            ["Tax:Avalara:ClientProfileId"] = "7",
            ["Tax:Avalara:TimeoutSeconds"] = "12",
            ["Tax:Avalara:NonTelecomPair"] = "34/106",
        });

        host.Start();

        host.Get<ITaxCalculator>().ShouldBeOfType<ServerlessBilling.Tax.Avalara.AfcTaxCalculator>();
        var options = host.Get<ServerlessBilling.Tax.Avalara.AfcOptions>();
        (options.Endpoint, options.ClientId, options.ClientProfileId, options.Timeout, options.NonTelecomPair)
            .ShouldBe((ServerlessBilling.Tax.Avalara.AfcOptions.Production, "12345", (int?)7, TimeSpan.FromSeconds(12), new ServerlessBilling.Tax.Avalara.AfcProductPair(34, 106)));
        options.ApiKey.ShouldBe(Convert.ToBase64String("billing@example.com:secret"u8.ToArray()));
        options.ToString().ShouldNotContain("secret");
        options.ToString().ShouldNotContain("billing@example.com");
    }

    [Theory]
    [InlineData("Tax:Avalara:Username", "")]
    [InlineData("Tax:Avalara:Password", "")]
    [InlineData("Tax:Avalara:ClientId", "")]
    [InlineData("Tax:Avalara:Endpoint", "ftp://example.com")]
    [InlineData("Tax:Avalara:TimeoutSeconds", "0")]
    [InlineData("Tax:Avalara:NonTelecomPair", "19-6")]
    public void Start_AvalaraCommunicationsEngine_InvalidOrMissingSetting_FailsNamingIt(string key, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Tax:Engine"] = "AvalaraCommunications",
            ["Tax:Avalara:Username"] = "billing@example.com",
            ["Tax:Avalara:Password"] = "secret",
            ["Tax:Avalara:ClientId"] = "12345",
            [key] = value,
        };
        using var host = new SettingsHost(settings);

        host.StartFailure().ShouldContain(key);
    }

    [Fact]
    public void Start_BuiltInEngine_IgnoresTheServiceAccount()
    {
        using var host = new SettingsHost(new Dictionary<string, string?> { ["Tax:Engine"] = "BuiltIn", ["Tax:Avalara:Endpoint"] = "not a url" });

        host.Start();

        host.Get<ITaxCalculator>().ShouldBeOfType<TableTaxCalculator>();
    }
}
