using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;
using UglyToad.PdfPig;

namespace ServerlessBilling.IntegrationTests;

/// <summary>A parent and two locations on different plans, set up through the account API, close into one invoice.</summary>
[Collection(AzuriteCollection.Name)]
public class GroupInvoicingTests(AzuriteFixture azurite, LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    // Platform fee 20, numbers 2.00, inbound 0.01 per started minute.
    private static readonly PricePlan Office = new("grp-office", "Office", "USD",
    [
        new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 20m, NumberFee: 2m,
            [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute)], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    // Platform fee 5, numbers 1.00, inbound 0.04 per started minute.
    private static readonly PricePlan Kiosk = new("grp-kiosk", "Kiosk", "USD",
    [
        new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 5m, NumberFee: 1m,
            [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.04m, BillingIncrement.PerMinute)], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    [Fact]
    public async Task ConsolidatedParent_ClosesIntoOneInvoiceWhoseLocationSubtotalsSumToItsTotal()
    {
        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var billing = new BillingProfile("UTC", 1, "USD");
        var parent = new Account($"grp-{run}", "Harbor Group", Office.Id, billing) { GroupBilling = GroupBilling.Consolidated };
        var east = new Account($"grp-{run}-east", "Harbor East", Office.Id, billing) { ParentAccountId = parent.Id };
        var west = new Account($"grp-{run}-west", "Harbor West", Kiosk.Id, billing) { ParentAccountId = parent.Id };
        var (eastNumber, westNumber) = (RandomNumber(), RandomNumber());
        await host.Api.PutPlanAsync(Office, CancellationToken.None);
        await host.Api.PutPlanAsync(Kiosk, CancellationToken.None);
        foreach (var account in new[] { parent, east, west })
        {
            await host.Api.PutAccountAsync(account, CancellationToken.None);
        }

        await host.Api.AssignNumberAsync(new NumberAssignment(eastNumber, east.Id, NumberType.Local, new LocalDate(2025, 1, 1)), CancellationToken.None);
        await host.Api.AssignNumberAsync(new NumberAssignment(westNumber, west.Id, NumberType.Local, new LocalDate(2025, 1, 1)), CancellationToken.None);
        var period = LastEndedPeriod(billing);
        var day = period.Start.PlusDays(4);

        // East: 61 s → 2 min × 0.01 = 0.02. West: 125 s → 3 min × 0.04 = 0.12.
        (await PostTwilioAsync($"CAgrp{run}e", "+13035550011", eastNumber, 61, day)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostTwilioAsync($"CAgrp{run}w", "+13035550012", westNumber, 125, day)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await host.Host.Services.WaitForUsageAsync(east.Id, period, expected: 1);
        await host.Host.Services.WaitForUsageAsync(west.Id, period, expected: 1);

        var cycle = new CycleRequest(parent.Id, period.Key);
        await host.Api.StartCloseAsync(cycle, CancellationToken.None);
        var summary = await host.Api.WaitForCloseAsync(cycle, TimeSpan.FromMinutes(1), CancellationToken.None);

        // Parent 20.00; East 20.00 + 2.00 + 0.02 = 22.02; West 5.00 + 1.00 + 0.12 = 6.12; total 48.14.
        summary.Total.ShouldBe(48.14m);
        var invoice = JsonSerializer.Deserialize<Invoice>(await DownloadAsync(summary.JsonDocument!), BillingJson.Options)!;
        invoice.Subtotals.Select(s => (s.Location, s.Amount.Amount)).ShouldBe(
            [("Harbor Group", 20.00m), ("Harbor East", 22.02m), ("Harbor West", 6.12m)]);
        invoice.Subtotals.Sum(s => s.Amount.Amount).ShouldBe(invoice.Total.Amount);

        var pdf = await ReadPdfTextAsync(summary.PdfDocument!);
        foreach (var expected in new[] { "Location: Harbor Group", "Location: Harbor East", "Location: Harbor West",
                     "Subtotal Harbor East", "22.02", "Subtotal Harbor West", "6.12", "Total due", "48.14" })
        {
            pdf.ShouldContain(expected);
        }

        var csv = System.Text.Encoding.UTF8.GetString(await DownloadAsync(summary.UsageCsvDocument!));
        csv.ShouldContain($"twilio-CAgrp{run}e,");
        csv.Split("\r\n").ShouldContain(row => row.StartsWith($"twilio-CAgrp{run}w,", StringComparison.Ordinal) && row.EndsWith(",Harbor West", StringComparison.Ordinal));

        using var childClose = await PostWithKeyAsync($"api/cycles/{east.Id}/{period.Key}/close");
        childClose.IsSuccessStatusCode.ShouldBeFalse();
        (await childClose.Content.ReadAsStringAsync()).ShouldContain("consolidated invoice of its parent");
    }

    [Fact]
    public async Task ParentSwitchedToConsolidated_LeavesOutALocationWhoseOwnCloseOfThePeriodStarted()
    {
        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var billing = new BillingProfile("UTC", 1, "USD");
        var parent = new Account($"grp-{run}", "Quay Group", Office.Id, billing);
        var early = new Account($"grp-{run}-early", "Quay Early", Kiosk.Id, billing) { ParentAccountId = parent.Id };
        var late = new Account($"grp-{run}-late", "Quay Late", Kiosk.Id, billing) { ParentAccountId = parent.Id };
        await host.Api.PutPlanAsync(Office, CancellationToken.None);
        await host.Api.PutPlanAsync(Kiosk, CancellationToken.None);
        foreach (var account in new[] { parent, early, late })
        {
            await host.Api.PutAccountAsync(account, CancellationToken.None);
        }

        var period = LastEndedPeriod(billing);
        var earlyCycle = new CycleRequest(early.Id, period.Key);
        await host.Api.StartCloseAsync(earlyCycle, CancellationToken.None);
        var billedAlone = await host.Api.WaitForCloseAsync(earlyCycle, TimeSpan.FromMinutes(1), CancellationToken.None);
        await host.Api.PutAccountAsync(parent with { GroupBilling = GroupBilling.Consolidated }, CancellationToken.None);
        var cycle = new CycleRequest(parent.Id, period.Key);
        await host.Api.StartCloseAsync(cycle, CancellationToken.None);
        var summary = await host.Api.WaitForCloseAsync(cycle, TimeSpan.FromMinutes(1), CancellationToken.None);

        // Early was billed on its own (5.00); the group invoice has the parent's 20.00 and Late's 5.00 only.
        billedAlone.Total.ShouldBe(5.00m);
        var invoice = JsonSerializer.Deserialize<Invoice>(await DownloadAsync(summary.JsonDocument!), BillingJson.Options)!;
        invoice.Subtotals.Select(s => (s.Location, s.Amount.Amount)).ShouldBe([("Quay Group", 20.00m), ("Quay Late", 5.00m)]);
    }

    [Fact]
    public async Task PutAccount_ParentThatDoesNotExist_Is400NamingParentAccountId()
    {
        var orphan = new Account("grp-orphan", "Orphan", Office.Id, new BillingProfile("UTC", 1, "USD")) { ParentAccountId = "grp-no-such-parent" };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/accounts/{orphan.Id}") { Content = JsonContent.Create(orphan, options: BillingJson.Options) };
        request.Headers.Add("x-functions-key", host.ApiKey);

        using var response = await host.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("parentAccountId");
    }

    private static string RandomNumber() =>
        "+1415" + RandomNumberGenerator.GetInt32(2_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);

    private static BillingPeriod LastEndedPeriod(BillingProfile billing)
    {
        var today = SystemClock.Instance.GetCurrentInstant().InZone(billing.Zone).Date;
        var current = BillingPeriod.Containing(today, billing.BillCycleDay);
        return BillingPeriod.Containing(current.Start.PlusDays(-1), billing.BillCycleDay);
    }

    private Task<HttpResponseMessage> PostTwilioAsync(string sid, string from, string to, int seconds, LocalDate day) =>
        host.Api.PostTwilioCallbackAsync(
        [
            new("CallSid", sid),
            new("CallStatus", "completed"),
            new("CallDuration", seconds.ToString(CultureInfo.InvariantCulture)),
            new("Direction", "inbound"),
            new("From", from),
            new("To", to),
            new("Timestamp", day.At(new LocalTime(18, 0)).InUtc().ToDateTimeOffset().ToString("r", CultureInfo.InvariantCulture)),
        ], host.TwilioToken, host.PublicBaseUrl, CancellationToken.None);

    private Task<HttpResponseMessage> PostWithKeyAsync(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("x-functions-key", host.ApiKey);
        return host.Http.SendAsync(request);
    }

    private async Task<string> ReadPdfTextAsync(string document)
    {
        using var pdf = PdfDocument.Open(await DownloadAsync(document));
        return string.Join('\n', pdf.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
    }

    private async Task<byte[]> DownloadAsync(string document)
    {
        var parts = document.Split('/', 2);
        var blob = await azurite.Blobs.GetBlobContainerClient(parts[0]).GetBlobClient(parts[1]).DownloadContentAsync();
        return blob.Value.Content.ToArray();
    }
}
