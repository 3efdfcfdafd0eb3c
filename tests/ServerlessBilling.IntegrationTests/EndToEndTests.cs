using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Rating;
using ServerlessBilling.Storage;
using ServerlessBilling.Usage;
using UglyToad.PdfPig;

namespace ServerlessBilling.IntegrationTests;

/// <summary>The whole flow through the local host: signed webhooks and a CDR file in, a finalized invoice with its PDF out.</summary>
[Collection(AzuriteCollection.Name)]
public class EndToEndTests(AzuriteFixture azurite, LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly PricePlan Plan = new("e2e-plan", "Clinic Voice", "USD",
    [
        new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 25m, NumberFee: 2m,
        [
            new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute),
            new UsageRate(UsageComponent.Telephony, CallDirection.Outbound, 0.03m, new BillingIncrement(6, 6), ConnectFee: 0.0005m),
        ], new PerCallRounding(6, RoundingMode.HalfUp)),
    ]);

    [Fact]
    public async Task SignedWebhooksAndCdrFile_CloseIntoAnInvoiceWhosePdfShowsTheHandComputedLines()
    {
        var account = new Account("e2e-clinic", "Mountain Clinic", Plan.Id, new BillingProfile("America/Denver", 15, "USD", 10));
        var period = await SeedAsync(account, "+17205550100", "+18445550100");
        var day = period.Start.PlusDays(3);

        // Inbound 61 s → 2 min → 0.02; outbound 45 s at 6/6 → 48 s → 0.024 + 0.0005; inbound 59 s → 1 min → 0.01.
        (await PostTwilioAsync(Completed("CAe2e01", "inbound", "+13035550001", "+18445550100", 61, day))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostTwilioAsync(Completed("CAe2e02", "outbound-api", "+17205550100", "+13035550002", 45, day))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostTwilioAsync(Completed("CAe2e03", "inbound", "+13035550003", "+17205550100", 59, day))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostTwilioAsync(Completed("CAe2e01", "inbound", "+13035550001", "+18445550100", 61, day))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Inbound billsec 130 → 3 min → 0.03; line 2 is malformed; outbound billsec 7 → 12 s → 0.006 + 0.0005.
        var d = day.ToString("yyyy-MM-dd", null);
        var cdr = string.Join('\n',
            $"\"\",\"3035550004\",\"18445550100\",\"from-trunk\",\"\",\"SIP/a\",\"SIP/b\",\"Dial\",\"\",\"{d} 08:00:00\",\"{d} 08:00:03\",\"{d} 08:02:13\",133,130,\"ANSWERED\",\"BILLING\",\"e2e.1\"",
            $"\"\",\"3035550005\",\"18445550100\",\"from-trunk\",\"\",\"SIP/c\",\"SIP/d\",\"Dial\",\"\",\"not-a-time\",\"\",\"{d} 08:10:00\",10,0,\"NO ANSWER\",\"BILLING\",\"e2e.2\"",
            $"\"\",\"17205550100\",\"3035550006\",\"from-internal\",\"\",\"SIP/e\",\"SIP/f\",\"Dial\",\"\",\"{d} 09:00:00\",\"{d} 09:00:01\",\"{d} 09:00:08\",8,7,\"ANSWERED\",\"BILLING\",\"e2e.3\"");
        var drop = $"asterisk/America/Denver/e2e-{Guid.NewGuid():N}.csv";
        await azurite.Blobs.GetBlobContainerClient(StorageNames.CdrDropsContainer).GetBlobClient(drop).UploadAsync(BinaryData.FromString(cdr));

        await WaitForUsageAsync(account.Id, period, expected: 5);
        var quarantined = await host.Host.Services.GetRequiredService<IQuarantine>().ListAsync("asterisk", CancellationToken.None);
        var badLine = quarantined.Where(q => q.Reference.StartsWith(drop, StringComparison.Ordinal)).ShouldHaveSingleItem();
        badLine.Reference.ShouldBe($"{drop}#L2");
        badLine.Problem.Field.ShouldBe("start");
        badLine.RawContent.ShouldContain("not-a-time");

        var cycle = new CycleRequest(account.Id, period.Key);
        await host.Api.StartCloseAsync(cycle, CancellationToken.None);
        var summary = await host.Api.WaitForCloseAsync(cycle, TimeSpan.FromMinutes(1), CancellationToken.None);

        summary.Total.ShouldBe(29.09m);
        var invoice = await ReadJsonAsync<Invoice>(summary.JsonDocument!);
        invoice.Number.ShouldBe(summary.Number);
        invoice.Lines.Select(l => (l.Category, l.Quantity, l.Amount.Amount)).ShouldBe(
        [
            (LineCategory.PlatformFee, 1m, 25.00m),
            (LineCategory.Numbers, 2m, 4.00m),
            (LineCategory.Usage, 6m, 0.06m),
            (LineCategory.Usage, 1m, 0.03m),
        ]);
        invoice.DueDate.ShouldBe(invoice.IssueDate!.Value.PlusDays(10));

        var text = await ReadPdfTextAsync(summary.PdfDocument!);
        text.ShouldContain($"Invoice {summary.Number}");
        text.ShouldContain("Test Reseller LLC");
        text.ShouldContain("Mountain Clinic");
        text.ShouldContain($"Period: {period.Start:yyyy-MM-dd} to {period.End.PlusDays(-1):yyyy-MM-dd}");
        foreach (var amount in new[] { "25.00", "4.00", "0.06", "0.03", "29.09" })
        {
            text.ShouldContain(amount);
        }

        summary.UsageCsvDocument.ShouldBe($"invoices/{account.Id}/{invoice.Id}.usage.csv");
        var csv = System.Text.Encoding.UTF8.GetString(await DownloadAsync(summary.UsageCsvDocument!)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        csv[0].ShouldBe(UsageDetailCsv.Header);
        csv.Length.ShouldBe(7);
        csv.ShouldContain(row => row.StartsWith("twilio-CAe2e01,", StringComparison.Ordinal) && row.EndsWith(",Inbound,Telephony,+13035550001,+18445550100,61,120,0.01,0,0,0.02,USD,0,120,,", StringComparison.Ordinal));
        // Outbound 45 s at 6/6 → 48 s: 48 / 60 × 0.03 + the 0.0005 connect fee = 0.0245.
        csv.ShouldContain(row => row.StartsWith("twilio-CAe2e02,", StringComparison.Ordinal) && row.EndsWith(",Outbound,Telephony,+17205550100,+13035550002,45,48,0.03,0.0005,0,0.0245,USD,0,48,,", StringComparison.Ordinal));
        // The usage lines 0.06 + 0.03.
        csv[^1].ShouldBe("total,,,,,,,,,,,0.09,USD,,,,");
    }

    [Fact]
    public async Task StartClose_Twice_RunsOnceAndKeepsTheInvoiceNumber()
    {
        var account = new Account("e2e-twice", "Twice Ltd", Plan.Id, new BillingProfile("UTC", 1, "USD"));
        var period = await SeedAsync(account, "+17205550200");
        var cycle = new CycleRequest(account.Id, period.Key);

        await host.Api.StartCloseAsync(cycle, CancellationToken.None);
        var first = await host.Api.WaitForCloseAsync(cycle, TimeSpan.FromMinutes(1), CancellationToken.None);
        using var again = await PostWithKeyAsync($"api/cycles/{account.Id}/{period.Key}/close");
        var second = await host.Api.WaitForCloseAsync(cycle, TimeSpan.FromMinutes(1), CancellationToken.None);

        again.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await again.Content.ReadAsStringAsync()).ShouldContain("\"started\":false");
        second.Number.ShouldBe(first.Number);
        first.Total.ShouldBe(27.00m); // platform fee 25 + one number at 2, no usage
    }

    [Fact]
    public async Task ForgedTwilioSignature_Is401AndStoresNothing()
    {
        var account = new Account("e2e-forged", "Forged Inc", Plan.Id, new BillingProfile("UTC", 1, "USD"));
        var period = await SeedAsync(account, "+17205550300");
        var form = Completed("CAforged01", "inbound", "+13035550009", "+17205550300", 60, period.Start.PlusDays(2));

        using var forged = await host.Api.PostTwilioCallbackAsync(form, "not-the-token", host.PublicBaseUrl, CancellationToken.None);
        using var genuine = await PostTwilioAsync(Completed("CAgenuine01", "inbound", "+13035550009", "+17205550300", 60, period.Start.PlusDays(2)));

        forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        genuine.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rated = await WaitForUsageAsync(account.Id, period, expected: 1);
        rated.ShouldHaveSingleItem().Event.SourceRecordId.ShouldBe("CAgenuine01");
        var archive = new TableRawArchive(azurite.Tables, new BlobRawArchive(azurite.Blobs, TimeProvider.System, maxPayloadsPerGroup: 1), TimeProvider.System, maxPayloadsPerGroup: 1);
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var archived = new List<string>();
        foreach (var day in new[] { today.PlusDays(-1), today })
        {
            await foreach (var payload in archive.ListAsync("twilio", day, default))
            {
                archived.Add(payload.Name);
            }
        }

        archived.ShouldContain(name => name.Contains("CAgenuine01", StringComparison.Ordinal));
        archived.ShouldNotContain(name => name.Contains("CAforged01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MalformedTwilioCallback_Is400NamingTheField()
    {
        var form = Completed("CAbad01", "inbound", "+13035550009", "+17205550300", 60, new LocalDate(2026, 1, 5))
            .Select(p => p.Key == "CallDuration" ? new KeyValuePair<string, string>("CallDuration", "sixty") : p).ToList();

        using var response = await PostTwilioAsync(form);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("errors").TryGetProperty("CallDuration", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task ManagementApi_WithoutTheKey_Is401()
    {
        using var response = await host.Http.GetAsync($"api/plans/{Plan.Id}");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void LocalHost_ServesEveryHttpRouteOfTheFunctionsApp() =>
        FunctionsMetadataTests.LocalHostRoutes(host.Host.Services).Order()
            .ShouldBe(FunctionsMetadataTests.HttpRoutes().Order());

    /// <summary>Seeds the plan, the account and its numbers; returns the account's last ended period.</summary>
    private async Task<BillingPeriod> SeedAsync(Account account, params string[] numbers)
    {
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        await host.Api.PutAccountAsync(account, CancellationToken.None);
        foreach (var number in numbers)
        {
            await host.Api.AssignNumberAsync(new NumberAssignment(number, account.Id, NumberType.Local, new LocalDate(2025, 1, 1)), CancellationToken.None);
        }

        var today = SystemClock.Instance.GetCurrentInstant().InZone(account.Billing.Zone).Date;
        var current = BillingPeriod.Containing(today, account.Billing.BillCycleDay);
        return BillingPeriod.Containing(current.Start.PlusDays(-1), account.Billing.BillCycleDay);
    }

    private static List<KeyValuePair<string, string>> Completed(string sid, string direction, string from, string to, int seconds, LocalDate day) =>
    [
        new("CallSid", sid),
        new("CallStatus", "completed"),
        new("CallDuration", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Direction", direction),
        new("From", from),
        new("To", to),
        new("Timestamp", day.At(new LocalTime(18, 0)).InUtc().ToDateTimeOffset().ToString("r", System.Globalization.CultureInfo.InvariantCulture)),
    ];

    private Task<HttpResponseMessage> PostTwilioAsync(IReadOnlyList<KeyValuePair<string, string>> form) =>
        host.Api.PostTwilioCallbackAsync(form, host.TwilioToken, host.PublicBaseUrl, CancellationToken.None);

    private Task<HttpResponseMessage> PostWithKeyAsync(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("x-functions-key", host.ApiKey);
        return host.Http.SendAsync(request);
    }

    private Task<IReadOnlyList<RatedUsage>> WaitForUsageAsync(string accountId, BillingPeriod period, int expected) =>
        host.Host.Services.WaitForUsageAsync(accountId, period, expected);

    private async Task<T> ReadJsonAsync<T>(string document)
    {
        var content = await DownloadAsync(document);
        return JsonSerializer.Deserialize<T>(content, BillingJson.Options)!;
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
