using System.Globalization;
using Microsoft.Playwright;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.IntegrationTests.Portal;
using ServerlessBilling.IntegrationTests.Tax;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Console;

/// <summary>The reseller console as a reseller uses it, in headless Chromium against the local host on Azurite: sign in with a key,
/// read the dashboard's charts and tables, find a held call among its source's records and replay it alone after assigning its number, open an account; a read-only session sees
/// no button that changes anything, and reads the charts at phone width; a close held for a missing tax rate shows with its reason and
/// a link to the tax table whose upload releases it. Every page is screenshotted and checked with axe-core.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConsoleBrowserTests(ConsoleFixture console, AzuriteFixture azurite) : IClassFixture<ConsoleFixture>, IAsyncLifetime
{
    private PortalBrowser browser = null!;

    public async Task InitializeAsync() => browser = await PortalBrowser.LaunchAsync();

    public async Task DisposeAsync() => await browser.DisposeAsync();

    [Fact]
    public async Task Admin_SignsIn_ReadsTheDashboard_ReplaysAHeldCall_OpensAnAccount_AndSignsOut()
    {
        // A call of this test's own to a number nobody holds yet: held in the Twilio quarantine.
        var number = CloseDriver.UniqueNumber("575");
        var callSid = "CA" + Guid.NewGuid().ToString("N");
        var startedAt = SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(5);
        await console.PostCallAsync(number, callSid, startedAt, 61);
        var reference = (await console.Host.Services.WaitForQuarantineAsync("twilio", callSid, 1)).Single().Reference;

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(console.Host.BaseAddress, "api/console").ToString());
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Sign in to the console");
        await PortalBrowser.CheckAsync(page, "console-sign-in");

        await page.GetByLabel("API key (admin or read-only)").FillAsync(console.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(console.Host.BaseAddress, "api/console").ToString());
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Dashboard");
        var cookie = (await context.CookiesAsync()).Single();
        (cookie.Name, cookie.HttpOnly, cookie.SameSite, cookie.Path).ShouldBe(("console_session", true, SameSiteAttribute.Strict, "/api/console"));

        // Aging: the group's June invoice in the bucket its due date puts it in; each currency's chart draws the totals row.
        var total = $"{console.DentalInvoice.Total.ToString("N2", CultureInfo.InvariantCulture)} USD";
        var bucket = ServerlessBilling.Payments.ReceivablesAging.BucketOf(console.DentalDueAt, SystemClock.Instance.GetCurrentInstant());
        (await page.Locator($"#aging tr[data-account='{console.Dental.Id}'] td").Nth(bucket).InnerTextAsync()).ShouldBe(total);
        (await page.Locator($"#aging tr[data-account='{console.Dental.Id}'] td").Nth(5).InnerTextAsync()).ShouldBe(total);
        // One totals row per currency: other tests' invoices may add currencies beside the dollars.
        var overdue = await page.Locator("#aging tr[data-account='total'][data-currency='USD'] td").Nth(4).InnerTextAsync();
        var bar = page.Locator("svg[data-chart='aging-usd'] rect.bar[data-label='90+']");
        decimal.Parse(await bar.GetAttributeAsync("data-value") ?? "", CultureInfo.InvariantCulture).ToString("N2", CultureInfo.InvariantCulture)
            .ShouldBe(overdue.Replace(" USD", "", StringComparison.Ordinal));
        (await page.Locator("svg[data-chart='aging-usd'] rect.bar").CountAsync()).ShouldBe(5);
        (await page.Locator("svg[data-chart='rated'] rect.bar").CountAsync()).ShouldBe(30);
        (await page.Locator("#quarantine tr[data-source='twilio']").CountAsync()).ShouldBeGreaterThan(0);
        await PortalBrowser.CheckAsync(page, "console-dashboard");

        // The number is assigned; the source's held records, narrowed to this call, replay it alone and bill it to that account.
        (await console.Service<IAccountDirectory>().AssignNumberAsync(
            new NumberAssignment(number, console.Realtor.Id, NumberType.Local, new LocalDate(2025, 5, 1)), CancellationToken.None)).Succeeded.ShouldBeTrue();
        await page.Locator("#quarantine tr[data-source='twilio'] th a").First.ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Held twilio records");
        await page.GetByLabel("Reference contains").FillAsync(callSid);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find", Exact = true }).ClickAsync();
        (await page.Locator("#held caption").InnerTextAsync()).ShouldBe("1 held record");
        (await page.Locator("#held tbody tr").GetAttributeAsync("data-reference")).ShouldBe(reference);
        await PortalBrowser.CheckAsync(page, "console-held-records");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Replay {reference}", Exact = true }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe($"Replayed {reference}");
        (await page.Locator("#replay-billed").InnerTextAsync(), await page.Locator("#replay-held").InnerTextAsync(),
            await page.Locator("#replay-conflicts").InnerTextAsync(), await page.Locator("#replay-not-events").InnerTextAsync()).ShouldBe(("1", "0", "0", "0"));
        await PortalBrowser.CheckAsync(page, "console-replayed");
        var billed = await console.Host.Services.WaitForUsageAsync(console.Realtor.Id, console.Realtor.Billing.PeriodContaining(startedAt), 1);
        billed.Single().Event.EventId.ShouldContain(callSid);
        (await console.Service<IQuarantine>().ListAsync("twilio", CancellationToken.None)).ShouldNotContain(r => r.Reference.Contains(callSid, StringComparison.Ordinal));

        // The account: its invoice, and a portal link issued from the page.
        await page.GotoAsync(new Uri(console.Host.BaseAddress, $"api/console/accounts/{console.Dental.Id}").ToString());
        (await page.Locator("h1").InnerTextAsync()).ShouldBe(console.Dental.Name);
        (await page.Locator($"#invoices tr[data-invoice='{console.DentalInvoice.InvoiceId}'] th").InnerTextAsync()).ShouldBe(console.DentalInvoice.Number);
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue a portal link" }).ClickAsync();
        (await page.Locator("#portal-link").GetAttributeAsync("href"))!.ShouldStartWith($"{console.Host.BaseAddress}api/portal/enter?token=");
        await PortalBrowser.CheckAsync(page, "console-account");

        // A quote on the typical month; its proposal downloads as a PDF in the reseller's name.
        await page.GetByRole(AriaRole.Link, new() { Name = "Quotes", Exact = true }).ClickAsync();
        await PortalBrowser.CheckAsync(page, "console-quote-form");
        await page.Locator("#plan").SelectOptionAsync(console.Plan.Id);
        await page.Locator("#numbers").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Quote", Exact = true }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Quote");
        var quoted = await page.Locator("#quote-total").InnerTextAsync();
        (await page.Locator("svg[data-chart='quote'] rect.bar[data-label='Invoice']").GetAttributeAsync("data-value")).ShouldBe(quoted.Replace(" USD", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).TrimEnd('0').TrimEnd('.'));
        await PortalBrowser.CheckAsync(page, "console-quote");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the proposal (PDF)" }).ClickAsync());
        download.SuggestedFilename.ShouldBe($"proposal-{console.Plan.Id}.pdf");
        var saved = Path.Combine(PortalBrowser.Screenshots, "console-" + download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(await File.ReadAllBytesAsync(saved)))
        {
            var words = string.Join(' ', pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            words.ShouldContain("Test Reseller LLC");
            words.ShouldContain(quoted.Replace(" USD", "", StringComparison.Ordinal));
        }

        await page.GotoAsync(new Uri(console.Host.BaseAddress, "api/console/accounts").ToString());
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Accounts");
        await PortalBrowser.CheckAsync(page, "console-accounts");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("You are signed out");
        (await context.CookiesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadOnly_SeesEverything_AndNoButtonThatChangesAnything()
    {
        await using var context = await browser.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(console.Host.BaseAddress, "api/console/sign-in").ToString());
        await page.GetByLabel("API key (admin or read-only)").FillAsync(console.ReaderKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(console.Host.BaseAddress, "api/console").ToString());

        (await page.Locator("#role").InnerTextAsync()).ShouldBe("read-only");

        // At 375 px the charts shrink to about half their drawing size: their text still renders at least 10 px tall.
        var label = await page.Locator("svg[data-chart='rated'] text.label").First.BoundingBoxAsync();
        label.ShouldNotBeNull().Height.ShouldBeGreaterThanOrEqualTo(10f);
        (await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Replay") }).CountAsync()).ShouldBe(0);
        await PortalBrowser.CheckAsync(page, "console-dashboard-read-only-phone");
        await page.GotoAsync(new Uri(console.Host.BaseAddress, "api/console/quarantine/twilio").ToString());
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Held twilio records");
        (await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Replay") }).CountAsync()).ShouldBe(0);
        await page.GotoAsync(new Uri(console.Host.BaseAddress, $"api/console/accounts/{console.Dental.Id}").ToString());
        (await page.GetByRole(AriaRole.Button, new() { Name = "Issue a portal link" }).CountAsync()).ShouldBe(0);
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Issuing a portal link needs an admin session.");
    }

    [Fact]
    public async Task EveryPage_AtPhoneWidth_FitsTheScreen()
    {
        await using var context = await browser.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(console.Host.BaseAddress, "api/console/sign-in").ToString());
        await PortalBrowser.CheckAsync(page, "console-sign-in-phone");
        await page.GetByLabel("API key (admin or read-only)").FillAsync(console.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(console.Host.BaseAddress, "api/console").ToString());

        // A plan whose name is far wider than a phone: the quote form's plan list must still fit the screen.
        await console.Service<IPlanCatalog>().SetAsync(
            console.Plan with { Id = CloseDriver.UniqueId("plan-wide"), Name = "Voice agents for dental groups and clinics, overage billed per minute after the bundle" },
            CancellationToken.None);

        // Each check measures the page (nothing past the 390-pixel screen; tables scroll in their own box), screenshots it and runs axe-core.
        await PortalBrowser.CheckAsync(page, "console-dashboard-phone");
        foreach (var (path, name) in new[] { ("accounts", "console-accounts-phone"), ("quotes", "console-quote-form-phone"), ("tax-tables/federal", "console-tax-table-phone"),
            ("quarantine/twilio", "console-held-records-phone") })
        {
            var answer = await page.GotoAsync(new Uri(console.Host.BaseAddress, $"api/console/{path}").ToString());
            answer!.Status.ShouldBe(200, path);
            await PortalBrowser.CheckAsync(page, name);
        }

        // An account with an issued portal link: the long link wraps rather than widening the page.
        await page.GotoAsync(new Uri(console.Host.BaseAddress, $"api/console/accounts/{console.Dental.Id}").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue a portal link" }).ClickAsync();
        (await page.Locator("#portal-link").CountAsync()).ShouldBe(1);
        await PortalBrowser.CheckAsync(page, "console-account-phone");

        await page.GetByRole(AriaRole.Link, new() { Name = "Quotes", Exact = true }).ClickAsync();
        await page.Locator("#plan").SelectOptionAsync(console.Plan.Id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Quote", Exact = true }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Quote");
        await PortalBrowser.CheckAsync(page, "console-quote-phone");
    }

    [Fact]
    public async Task Admin_SeesAHeldClose_WithItsReason_AndReleasesItByUploadingTheTaxTable()
    {
        // A close of the test's own made-up region, held before numbering: its only tax rule's rate ran out in 2021.
        var scenarios = new TaxNoticeScenarios(azurite, console.Own);
        var expired = TaxNoticeScenarios.PlatformTax(versions: TaxNoticeScenarios.Version("2020-01-01", "2021-01-01", "\"rate\": 0.01"));
        var covering = scenarios.Document(("H", TaxNoticeScenarios.PlatformTax(versions: TaxNoticeScenarios.Version("2020-01-01", null, "\"rate\": 0.01"))));
        try
        {
            await scenarios.PutTableOkAsync(scenarios.Document(("H", expired)));
            var cycle = await scenarios.StartCloseAsync("H");
            await console.Own.Api.WaitForCloseStatusAsync(cycle, TimeSpan.FromMinutes(2), s => s.AwaitingTaxData is not null, CancellationToken.None);

            await using var context = await browser.NewContextAsync();
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(console.Host.BaseAddress, "api/console/sign-in").ToString());
            await page.GetByLabel("API key (admin or read-only)").FillAsync(console.AdminKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync(new Uri(console.Host.BaseAddress, "api/console").ToString());

            // The dashboard lists it with what is missing, and what releases it.
            var held = page.Locator($"#closes-held-list li[data-close='{cycle.AccountId}:{cycle.PeriodStart}']");
            (await held.Locator("a").First.InnerTextAsync()).ShouldBe(cycle.AccountId);
            var missing = (await console.Own.Api.GetCloseAsync(cycle, CancellationToken.None)).AwaitingTaxData!.Missing.ShouldHaveSingleItem();
            (missing.Reason, missing.RuleKey, missing.Table).ShouldBe((ServerlessBilling.Tax.TaxNoticeReason.NoRateForDate, scenarios.Rule("H"), scenarios.Table));
            (await held.Locator("ul.reasons li").InnerTextAsync()).ShouldBe(missing.ToString());
            var release = held.GetByRole(AriaRole.Link, new() { Name = $"Upload tax table {scenarios.Table}" });
            (await release.GetAttributeAsync("href")).ShouldBe($"/api/console/tax-tables/{scenarios.Table}");
            int.Parse(await page.Locator("#closes-held").InnerTextAsync(), CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);
            await PortalBrowser.CheckAsync(page, "console-held-close");

            // The link opens the table's page, which names the close; uploading a table that covers the date releases it.
            await release.ClickAsync();
            (await page.Locator("h1").InnerTextAsync()).ShouldBe($"Tax table {scenarios.Table}");
            (await page.Locator("#held-for-table li").InnerTextAsync()).ShouldStartWith(cycle.InstanceId + ": ");
            await PortalBrowser.CheckAsync(page, "console-tax-table");
            await page.Locator("#document").SetInputFilesAsync(new FilePayload { Name = scenarios.Table + ".json", MimeType = "application/json", Buffer = System.Text.Encoding.UTF8.GetBytes(covering) });
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload and release the held closes" }).ClickAsync();
            (await page.Locator("h1").InnerTextAsync()).ShouldBe($"Stored tax table {scenarios.Table}");
            int.Parse(await page.Locator("#closes-woken").InnerTextAsync(), CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);

            var invoice = await console.Own.Api.WaitForCloseAsync(cycle, TimeSpan.FromMinutes(2), CancellationToken.None);
            invoice.Total.ShouldBe(12.12m); // 12.00 platform fee + 1 %
            await page.GotoAsync(new Uri(console.Host.BaseAddress, "api/console").ToString());
            (await page.Locator($"#closes-held-list li[data-close='{cycle.AccountId}:{cycle.PeriodStart}']").CountAsync()).ShouldBe(0);
        }
        finally
        {
            await scenarios.DeleteTableAsync();
        }
    }
}
