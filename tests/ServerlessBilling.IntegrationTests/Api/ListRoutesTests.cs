using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Payments;
using ServerlessBilling.PortContracts;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Api;

/// <summary>Through the local host on Azurite: list routes answer <c>{data, has_more, next_cursor}</c>, a client following
/// the cursors reads every item once in order, and a cursor reused with other filters, an edited one or a limit out of
/// range is a 400 naming the field.</summary>
[Collection(AzuriteCollection.Name)]
public class ListRoutesTests(LocalHostFixture host) : IClassFixture<LocalHostFixture>
{
    private static readonly PricePlan Plan = new("list-plan", "Lists", "USD",
        [new PlanVersion(new LocalDate(2025, 1, 1), 10m, 0m, [], new PerCallRounding())]);

    [Fact]
    public async Task ListAccounts_ByParentAndStatus_CursorsLeadThroughEveryPage()
    {
        var parent = await SeedGroupAsync();

        var all = await ReadAllAsync($"api/accounts?parent={parent}&limit=2");
        var suspended = await ReadAllAsync($"api/accounts?parent={parent}&status=suspended&limit=1");

        all.Select(p => p.Data.Count).ShouldBe([2, 2, 1]);
        all.SelectMany(p => p.Data).Select(a => a.GetProperty("id").GetString()).ShouldBe([.. Enumerable.Range(1, 5).Select(i => $"{parent}-{i}")]);
        all.Select(p => p.HasMore).ShouldBe([true, true, false]);
        all[^1].NextCursor.ShouldBeNull();
        suspended.SelectMany(p => p.Data).Select(a => a.GetProperty("id").GetString()).ShouldBe([$"{parent}-2", $"{parent}-4"]);
    }

    [Fact]
    public async Task ListAccounts_CursorWithOtherFilters_Is400NamingCursor()
    {
        var parent = await SeedGroupAsync();
        var first = (await ReadPageAsync($"api/accounts?parent={parent}&limit=2")).NextCursor!;

        var reused = await ManagementRoutes.SendAsync(host, "GET", $"api/accounts?parent={parent}&status=active&limit=2&cursor={first}", null);
        var edited = await ManagementRoutes.SendAsync(host, "GET", $"api/accounts?parent={parent}&limit=2&cursor={first[..^2]}", null);

        reused.Status.ShouldBe(HttpStatusCode.BadRequest);
        ManagementRoutes.ErrorFields(reused.Problem!.Value).ShouldBe(["cursor"]);
        edited.Status.ShouldBe(HttpStatusCode.BadRequest);
        ManagementRoutes.ErrorFields(edited.Problem!.Value).ShouldBe(["cursor"]);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("status=closed", "status")]
    [InlineData("parent=a%2Fb", "parent")]
    public async Task ListAccounts_BadQuery_Is400NamingTheField(string query, string field)
    {
        var refused = await ManagementRoutes.SendAsync(host, "GET", $"api/accounts?{query}", null);

        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        ManagementRoutes.ErrorFields(refused.Problem!.Value).ShouldBe([field]);
    }

    [Fact]
    public async Task ListAccounts_ParentWithoutLocations_OneEmptyLastPage()
    {
        var page = await ReadPageAsync("api/accounts?parent=" + CloseDriver.UniqueId("childless"));

        (page.Data.Count, page.HasMore, page.NextCursor).ShouldBe((0, false, null));
    }

    [Fact]
    public async Task ListRatedCalls_PeriodOfThreeCalls_TwoPagesInEventOrder()
    {
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        var accountId = CloseDriver.UniqueId("rated");
        await host.Api.PutAccountAsync(new Account(accountId, "Rated", Plan.Id, new BillingProfile("UTC", 1, "USD")), CancellationToken.None);
        var ledger = host.Host.Services.GetRequiredService<IUsageLedger>();
        foreach (var id in new[] { "call-c", "call-a", "call-b" })
        {
            await ledger.TryRecordAsync(Samples.Rated(accountId, Samples.October, $"{accountId}-{id}"), CancellationToken.None);
        }

        var pages = await ReadAllAsync($"api/accounts/{accountId}/periods/2026-10-01/usage?limit=2");

        pages.Select(p => p.Data.Count).ShouldBe([2, 1]);
        pages.SelectMany(p => p.Data).Select(r => r.GetProperty("event").GetProperty("eventId").GetString())
            .ShouldBe([$"{accountId}-call-a", $"{accountId}-call-b", $"{accountId}-call-c"]);
    }

    [Fact]
    public async Task ListQuarantine_FiveRecords_PagesOfTwo()
    {
        var source = CloseDriver.UniqueId("listq");
        var quarantine = host.Host.Services.GetRequiredService<IQuarantine>();
        for (var i = 1; i <= 5; i++)
        {
            await quarantine.PutAsync(new QuarantinedRecord(source, $"ref-{i}", new RecordProblem("to", "no account"), "{}"), CancellationToken.None);
        }

        var pages = await ReadAllAsync($"api/quarantine/{source}?limit=2");

        pages.Select(p => p.Data.Count).ShouldBe([2, 2, 1]);
        pages.SelectMany(p => p.Data).Select(r => r.GetProperty("reference").GetString()).ShouldBe(["ref-1", "ref-2", "ref-3", "ref-4", "ref-5"]);
    }

    [Fact]
    public async Task ListInvoices_OfAnAccountAndAcrossAccountsByPeriodAndStatus_PageThroughTheIndexOrTheReceivables()
    {
        var receivables = host.Host.Services.GetRequiredService<IReceivables>();
        var period = new LocalDate(2040, 1, 1).PlusDays(Random.Shared.Next(0, 5000));
        var accounts = Enumerable.Range(1, 3).Select(i => CloseDriver.UniqueId($"inv{i}")).ToList();
        foreach (var account in accounts)
        {
            foreach (var start in new[] { period, period.PlusMonths(1) })
            {
                await receivables.OpenAsync(
                    new Receivable($"{account}-{start:yyyyMMdd}", account, "INV-1", "USD", new Money(10m, "USD"), Samples.Noon, []) { PeriodStart = start }, CancellationToken.None);
            }
        }

        await receivables.UpdateAsync($"{accounts[1]}-{period:yyyyMMdd}", r => r with { Status = ReceivableStatus.Paid }, CancellationToken.None);

        var ofAccount = await ReadAllAsync($"api/accounts/{accounts[0]}/invoices?limit=1");
        var open = await ReadAllAsync($"api/invoices?period={period:yyyy-MM-dd}&status=open&limit=1");
        var paid = await ReadAllAsync("api/invoices?status=paid&limit=500");

        ofAccount.SelectMany(p => p.Data).Select(r => r.GetProperty("invoiceId").GetString())
            .ShouldBe([$"{accounts[0]}-{period:yyyyMMdd}", $"{accounts[0]}-{period.PlusMonths(1):yyyyMMdd}"]);
        open.SelectMany(p => p.Data).Select(r => r.GetProperty("invoiceId").GetString()).Order(StringComparer.Ordinal)
            .ShouldBe(new[] { accounts[0], accounts[2] }.Select(a => $"{a}-{period:yyyyMMdd}").Order(StringComparer.Ordinal));

        // Without a period the list reads every account's receivables (other tests' too): this test's paid one is among them.
        paid.SelectMany(p => p.Data).Select(r => r.GetProperty("status").GetString()).Distinct().ShouldBe(["Paid"]);
        paid.SelectMany(p => p.Data).Select(r => r.GetProperty("invoiceId").GetString()).ShouldContain($"{accounts[1]}-{period:yyyyMMdd}");
    }

    [Fact]
    public async Task ListPayments_OfAnAccountAndAcrossAccountsByStatusAndDays_PageThroughTheIndex()
    {
        var receivables = host.Host.Services.GetRequiredService<IReceivables>();
        var day = new LocalDate(2040, 1, 1).PlusDays(Random.Shared.Next(0, 20000));
        var noon = day.At(new LocalTime(12, 0)).InUtc().ToInstant();
        var accounts = Enumerable.Range(1, 2).Select(i => CloseDriver.UniqueId($"pay{i}")).ToList();
        foreach (var (account, index) in accounts.Select((a, i) => (a, i)))
        {
            var invoiceId = $"{account}-{day:yyyyMMdd}";
            await receivables.OpenAsync(new Receivable(invoiceId, account, "INV-1", "USD", new Money(30m, "USD"), noon, []) { PeriodStart = day }, CancellationToken.None);
            await receivables.UpdateAsync(invoiceId, r => r
                .With(new PaymentEntry("charge:pi_a", PaymentEntryKind.Charge, PaymentEntryStatus.Declined, new Money(30m, "USD"), noon.Plus(Duration.FromMinutes(index))))
                .With(new PaymentEntry("charge:pi_b", PaymentEntryKind.Charge, PaymentEntryStatus.Succeeded, new Money(30m, "USD"), noon.Plus(Duration.FromHours(1 + index))))
                .With(new PaymentEntry("offline:chq", PaymentEntryKind.Offline, PaymentEntryStatus.Succeeded, new Money(5m, "USD"), noon.Plus(Duration.FromDays(1)))), CancellationToken.None);
        }

        var ofAccount = await ReadAllAsync($"api/accounts/{accounts[0]}/payments?limit=2");
        var succeeded = await ReadAllAsync($"api/payments?status=succeeded&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}&limit=1");

        ofAccount.Select(p => p.Data.Count).ShouldBe([2, 1]);
        ofAccount.SelectMany(p => p.Data).Select(p => (p.GetProperty("id").GetString(), p.GetProperty("status").GetString(), p.GetProperty("amount").GetDecimal()))
            .ShouldBe([("charge:pi_a", "Declined", 30m), ("charge:pi_b", "Succeeded", 30m), ("offline:chq", "Succeeded", 5m)]);
        succeeded.SelectMany(p => p.Data).Select(p => (p.GetProperty("accountId").GetString(), p.GetProperty("id").GetString()))
            .ShouldBe([(accounts[0], "charge:pi_b"), (accounts[1], "charge:pi_b")]);
    }

    [Theory]
    [InlineData("status=paid", "status")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=2026-11-02&to=2026-11-01", "to")]
    public async Task ListPayments_BadQuery_Is400NamingTheField(string query, string field)
    {
        var refused = await ManagementRoutes.SendAsync(host, "GET", $"api/payments?{query}", null);

        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        ManagementRoutes.ErrorFields(refused.Problem!.Value).ShouldBe([field]);
    }

    /// <summary>A parent with five locations, the second and fourth suspended.</summary>
    private async Task<string> SeedGroupAsync()
    {
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        var parent = CloseDriver.UniqueId("group");
        await host.Api.PutAccountAsync(new Account(parent, "Group", Plan.Id, new BillingProfile("UTC", 1, "USD")), CancellationToken.None);
        var directory = host.Host.Services.GetRequiredService<IAccountDirectory>();
        foreach (var i in new[] { 3, 1, 5, 2, 4 })
        {
            await host.Api.PutAccountAsync(
                new Account($"{parent}-{i}", $"Location {i}", Plan.Id, new BillingProfile("UTC", 1, "USD")) { ParentAccountId = parent }, CancellationToken.None);
            if (i % 2 == 0)
            {
                await directory.UpdateAsync($"{parent}-{i}", a => a with { SuspendedAt = Samples.Noon }, CancellationToken.None);
            }
        }

        return parent;
    }

    private async Task<IReadOnlyList<ListedPage>> ReadAllAsync(string path)
    {
        var pages = new List<ListedPage>();
        var separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        string? cursor = null;
        do
        {
            var page = await ReadPageAsync(cursor is null ? path : $"{path}{separator}cursor={Uri.EscapeDataString(cursor)}");
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null && pages.Count < 20);

        return pages;
    }

    private async Task<ListedPage> ReadPageAsync(string path)
    {
        var (status, problem, body) = await ManagementRoutes.SendAsync(host, "GET", path, null);
        status.ShouldBe(HttpStatusCode.OK, problem?.ToString());
        var root = JsonDocument.Parse(body).RootElement;
        root.EnumerateObject().Select(p => p.Name).ShouldBe(["data", "has_more", "next_cursor"]);
        return new ListedPage([.. root.GetProperty("data").EnumerateArray().Select(e => e.Clone())], root.GetProperty("has_more").GetBoolean(), root.GetProperty("next_cursor").GetString());
    }

    private sealed record ListedPage(IReadOnlyList<JsonElement> Data, bool HasMore, string? NextCursor);
}
