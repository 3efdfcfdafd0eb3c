using System.Globalization;
using System.Net;
using System.Text;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;
using UglyToad.PdfPig;

namespace ServerlessBilling.IntegrationTests.Console;

/// <summary>Quotes in the console over HTTP: the typical month and an uploaded Asterisk sample priced exactly as the plan says, the
/// proposal PDF read back, and an accepted quote opened as an account by an admin only.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConsoleQuotesTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    /// <summary>One answered inbound call of 125 billable seconds (3 whole minutes) and a line that is not a CDR.</summary>
    private const string Sample = """
        "","13125550142","18885550100","from-trunk","","PJSIP/trunk-01","PJSIP/ai-01","Dial","","2026-11-03 09:00:00","2026-11-03 09:00:04","2026-11-03 09:02:09",129,125,"ANSWERED","BILLING","1700000001.1"
        not a cdr line
        """;

    [Fact]
    public async Task TypicalMonth_IsPricedAsThePlanSays_AndCostedByTheVendorsCostPlan()
    {
        // A vendor of the test's own whose cost plan buys inbound telephony at 0.01 a whole minute.
        var vendor = CloseDriver.UniqueId("vendor");
        var costPlan = CostPlan.Complete(vendor, "voice", new PricePlan("any", "", "USD",
            [new PlanVersion(new LocalDate(2025, 1, 1), 0m, 0m, [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.01m, BillingIncrement.PerMinute)], new PerCallRounding())]));
        await console.Service<ICostPlans>().SetAsync(costPlan.Value, CancellationToken.None);
        using var client = await console.SignedInClientAsync(console.ReaderKey);
        var token = ConsoleFixture.FormTokenOf(await client.GetStringAsync(new Uri("api/console/quotes", UriKind.Relative)));

        using var response = await PostQuoteAsync(client, token, accounts: 40, numbers: 2, sample: null, vendor: vendor);
        var page = await response.Content.ReadAsStringAsync();

        // Four calls a weekday (2 + 2 + 3 + 6 whole minutes at 0.06: 0.78), the monthly fee and two numbers; the vendor's cost plan
        // expects the same 13 minutes at 0.01 (0.13 a weekday).
        var zone = DateTimeZoneProviders.Tzdb["America/Chicago"];
        var today = SystemClock.Instance.GetCurrentInstant().InZone(zone).Date;
        var first = new LocalDate(today.Year, today.Month, 1);
        var weekdays = Enumerable.Range(0, CalendarSystem.Iso.GetDaysInMonth(today.Year, today.Month)).Select(first.PlusDays)
            .Count(d => d.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday));
        var total = 20m + (2 * 1.50m) + (weekdays * 0.78m);
        var cost = weekdays * 0.13m;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, page);
        page.ShouldContain($"""<td class="num" id="quote-total">{Money(total)}</td>""");
        page.ShouldContain($"""<td class="num" id="quote-cost">{Money(cost)}</td>""");
        page.ShouldContain($"""<span id="quote-cost-basis">0 calls as the vendors reported, {weekdays * 4} calls expected from {vendor}&#x27;s cost plans ({cost.ToString("0.00", CultureInfo.InvariantCulture)}), 0 calls without a cost</span>""");
        page.ShouldContain($"""<td class="num" id="quote-margin">{Money(total - cost)}</td>""");
        page.ShouldContain($"""<td class="num" id="quote-revenue">{Money(total * 40)}</td>""");
        page.ShouldContain("""<svg class="chart" data-chart="quote" """);
        page.ShouldContain("Opening an account needs an admin session.");
    }

    [Fact]
    public async Task UploadedSample_IsPriced_TheProposalPdfReadsBack_AndAnAdminOpensTheAccount()
    {
        using var admin = await console.SignedInClientAsync(console.AdminKey);
        using var reader = await console.SignedInClientAsync(console.ReaderKey);
        var token = ConsoleFixture.FormTokenOf(await admin.GetStringAsync(new Uri("api/console/quotes", UriKind.Relative)));

        using var response = await PostQuoteAsync(admin, token, accounts: 1, numbers: 1, sample: Sample);
        var page = await response.Content.ReadAsStringAsync();

        // November 2026: the monthly fee, one number and the one call's 3 minutes at 0.06.
        response.StatusCode.ShouldBe(HttpStatusCode.OK, page);
        page.ShouldContain("the uploaded sample (1 calls, 1 unreadable lines)");
        page.ShouldContain($"""<td class="num" id="quote-total">{Money(21.68m)}</td>""");

        var carried = new List<(string, string)> { ("csrf", token), ("plan", console.Plan.Id), ("zone", "America/Chicago"), ("accounts", "1"), ("numbers", "1"), ("sampleText", Sample) };
        using var pdf = await ConsoleFixture.PostFormAsync(admin, "api/console/quotes/pdf", [.. carried]);
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        pdf.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"proposal-{console.Plan.Id}.pdf");
        using (var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            document.Information.Title.ShouldBe($"Proposal: {console.Plan.Name}");
            text.ShouldContain("Test Reseller LLC");
            text.ShouldContain("Proposal");
            text.ShouldContain("Plan: Console Voice");
            text.ShouldContain("Monthly estimate per account");
            text.ShouldContain("21.68");
            text.ShouldNotContain("margin", Case.Insensitive);
            text.ShouldNotContain("cost", Case.Insensitive);
        }

        var accountId = "quoted-" + Guid.NewGuid().ToString("N")[..10];
        var readerToken = ConsoleFixture.FormTokenOf(await reader.GetStringAsync(new Uri("api/console/quotes", UriKind.Relative)));
        using var readOnly = await ConsoleFixture.PostFormAsync(reader, "api/console/quotes/account",
            [("csrf", readerToken), ("plan", console.Plan.Id), ("zone", "America/Chicago"), ("accounts", "1"), ("numbers", "1"), ("accountId", accountId), ("name", "Quoted Clinic")]);
        readOnly.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await console.Service<IAccountDirectory>().FindAsync(accountId, CancellationToken.None)).ShouldBeNull();

        using var opened = await ConsoleFixture.PostFormAsync(admin, "api/console/quotes/account", [.. carried, ("accountId", accountId), ("name", "Quoted Clinic")]);
        using var again = await ConsoleFixture.PostFormAsync(admin, "api/console/quotes/account", [.. carried, ("accountId", accountId), ("name", "Another Clinic")]);

        opened.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        opened.Headers.Location!.OriginalString.ShouldBe($"/api/console/accounts/{accountId}");
        var account = (await console.Service<IAccountDirectory>().FindAsync(accountId, CancellationToken.None))!;
        (account.Name, account.PlanId, account.Billing.TimeZone, account.Billing.Currency, account.Billing.BillCycleDay)
            .ShouldBe(("Quoted Clinic", console.Plan.Id, "America/Chicago", "USD", 1));
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await console.Service<IAccountDirectory>().FindAsync(accountId, CancellationToken.None))!.Name.ShouldBe("Quoted Clinic");
    }

    [Fact]
    public async Task Quote_AnUnknownPlanOrZone_AnswersTheFormWithItsProblems()
    {
        using var client = await console.SignedInClientAsync(console.AdminKey);
        var token = ConsoleFixture.FormTokenOf(await client.GetStringAsync(new Uri("api/console/quotes", UriKind.Relative)));

        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "csrf" },
            { new StringContent("no-such-plan"), "plan" },
            { new StringContent("Mars/Olympus"), "zone" },
            { new StringContent("1"), "accounts" },
            { new StringContent("1"), "numbers" },
        };
        using var response = await client.PostAsync(new Uri("api/console/quotes", UriKind.Relative), content);
        var page = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        page.ShouldContain("<li>zone: &#x27;Mars/Olympus&#x27; is not an IANA time zone like America/Chicago</li>");
    }

    private async Task<HttpResponseMessage> PostQuoteAsync(HttpClient client, string token, int accounts, int numbers, string? sample, string? vendor = null)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "csrf" },
            { new StringContent(console.Plan.Id), "plan" },
            { new StringContent("America/Chicago"), "zone" },
            { new StringContent(accounts.ToString(CultureInfo.InvariantCulture)), "accounts" },
            { new StringContent(numbers.ToString(CultureInfo.InvariantCulture)), "numbers" },
        };
        if (vendor is not null)
        {
            content.Add(new StringContent(vendor), "vendor");
        }

        if (sample is not null)
        {
            content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(sample)), "sample", "Master.csv");
        }

        return await client.PostAsync(new Uri("api/console/quotes", UriKind.Relative), content);
    }

    private static string Money(decimal amount) => $"{amount.ToString("N2", CultureInfo.InvariantCulture)} USD";
}
