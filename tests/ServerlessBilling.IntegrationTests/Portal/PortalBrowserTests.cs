using System.Globalization;
using Microsoft.Playwright;
using NodaTime;
using ServerlessBilling.Functions.Portal;
using ServerlessBilling.Payments;
using ServerlessBilling.Portal;

namespace ServerlessBilling.IntegrationTests.Portal;

/// <summary>The customer portal as a customer uses it, in headless Chromium against the local host on Azurite: open the link, see
/// the balance and the usage chart, download the invoice's PDF, filter calls, visit a location, sign out; refused links show their
/// page. Every page is screenshotted and checked with axe-core.</summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class PortalBrowserTests(PortalFixture portal) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private PortalBrowser browser = null!;

    public async Task InitializeAsync() => browser = await PortalBrowser.LaunchAsync();

    public async Task DisposeAsync() => await browser.DisposeAsync();

    [Fact]
    public async Task Customer_RedeemsALink_SeesBalanceChartInvoicesUsageAndLocations_DownloadsThePdf_SignsOut()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var link = await portal.IssueLinkAsync(portal.Group.Id);

        await page.GotoAsync(link.ToString());
        await page.WaitForURLAsync(new Uri(portal.Host.BaseAddress, "api/portal").ToString());

        // Signed in: the token is gone from the address, the cookie is the session's.
        page.Url.ShouldNotContain("token");
        var cookie = (await context.CookiesAsync()).Single();
        (cookie.Name, cookie.HttpOnly, cookie.SameSite, cookie.Path, cookie.Secure).ShouldBe((PortalCookie.Name, true, SameSiteAttribute.Strict, "/api/portal", false));
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Overview");
        (await page.Locator(".brand").InnerTextAsync()).ShouldBe("Test Reseller LLC");

        // The balance is the open invoices' balances, due by the earliest due date.
        var open = await portal.Service<IReceivables>().ListOpenAsync(portal.Group.Id, CancellationToken.None);
        var balance = open.Aggregate(Money.Zero("USD"), (sum, r) => sum + r.BalanceDue);
        (await page.Locator("#balance-due").InnerTextAsync()).ShouldBe($"{balance.Amount.ToString("N2", CultureInfo.InvariantCulture)} USD");
        (await page.Locator("#due-date").InnerTextAsync()).ShouldBe(open.Min(r => r.DueAt.InUtc().Date).ToString("d MMM uuuu", CultureInfo.InvariantCulture));

        // The next invoice: the open period as the API's upcoming invoice prices it.
        using var upcoming = await portal.SendAsync(HttpMethod.Get, $"api/accounts/{portal.Group.Id}/upcoming-invoice");
        var preview = System.Text.Json.JsonDocument.Parse(await upcoming.Content.ReadAsStringAsync()).RootElement.GetProperty("total");
        (await page.Locator("#next-invoice").InnerTextAsync()).ShouldBe($"{preview.GetProperty("amount").GetDecimal().ToString("N2", CultureInfo.InvariantCulture)} USD");

        // The chart: one bar, today's telephony, 3 + 2 + 5 billable minutes.
        var bars = page.Locator("svg.chart rect.bar");
        (await bars.CountAsync()).ShouldBe(1);
        (await bars.GetAttributeAsync("data-day")).ShouldBe(portal.CallsStartedAt.InUtc().Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        (await bars.GetAttributeAsync("data-component")).ShouldBe("Telephony");
        (await bars.GetAttributeAsync("data-minutes")).ShouldBe("10");
        await PortalBrowser.CheckAsync(page, "overview");

        // Invoices: the June invoice and its credit note; the PDF downloads as the stored blob.
        await page.GetByRole(AriaRole.Link, new() { Name = "Invoices", Exact = true }).ClickAsync();
        var (invoiceId, creditNoteId) = portal.Documents[portal.Group.Id];
        (await page.Locator($"tr[data-invoice='{invoiceId}']").CountAsync()).ShouldBe(1);
        (await page.Locator($"tr[data-credit-note='{creditNoteId}'] td").Nth(2).InnerTextAsync()).ShouldBe("Outage credit");
        (await page.Locator("#invoices tbody tr").CountAsync()).ShouldBe(1);
        await PortalBrowser.CheckAsync(page, "invoices");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"tr[data-invoice='{invoiceId}'] a[href$='/pdf']").ClickAsync());
        download.SuggestedFilename.ShouldBe($"{invoiceId}.pdf");
        var saved = Path.Combine(PortalBrowser.Screenshots, download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        (await File.ReadAllBytesAsync(saved)).ShouldBe(await StoredAsync($"{portal.Group.Id}/{invoiceId}.pdf"));

        // Usage: the three calls; filtered to another component, none.
        await page.GetByRole(AriaRole.Link, new() { Name = "Usage", Exact = true }).ClickAsync();
        (await page.Locator("#calls tbody tr").CountAsync()).ShouldBe(3);
        await PortalBrowser.CheckAsync(page, "usage");
        await page.Locator("#component").SelectOptionAsync("AiVoice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("component=AiVoice"));
        (await page.Locator("#calls tbody tr").CountAsync()).ShouldBe(0);
        await page.Locator("#component").SelectOptionAsync("");
        await page.Locator("#number").SelectOptionAsync(portal.GroupNumber);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        (await page.Locator("#calls tbody tr").CountAsync()).ShouldBe(3);

        // Locations: the group's one location opens its own pages.
        await page.GetByRole(AriaRole.Link, new() { Name = "Locations", Exact = true }).ClickAsync();
        await PortalBrowser.CheckAsync(page, "locations");
        await page.Locator($"li[data-location='{portal.Location.Id}'] a").First.ClickAsync();
        (await page.Locator(".notice strong").InnerTextAsync()).ShouldBe(portal.Location.Name);
        (await page.Locator(".account-name").InnerTextAsync()).ShouldBe($"{portal.Location.Name} ({portal.Location.Id})");
        await PortalBrowser.CheckAsync(page, "location-overview");

        // Sign out (a form with the session's token); the portal then asks for the link again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("You are signed out");
        (await context.CookiesAsync()).ShouldBeEmpty();
        var after = await page.GotoAsync(new Uri(portal.Host.BaseAddress, "api/portal").ToString());
        after!.Status.ShouldBe(401);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Please open your portal link again");
    }

    [Fact]
    public async Task EveryPage_AtPhoneWidth_FitsTheScreen()
    {
        await using var context = await browser.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();

        await page.GotoAsync((await portal.IssueLinkAsync(portal.Group.Id)).ToString());
        await page.WaitForURLAsync(new Uri(portal.Host.BaseAddress, "api/portal").ToString());

        // Each check measures the page (nothing past the 390-pixel screen), screenshots it and runs axe-core.
        await PortalBrowser.CheckAsync(page, "overview-phone");
        foreach (var (path, name) in new[] { ("invoices", "invoices-phone"), ("usage", "usage-phone"), ("payment-methods", "payments-phone"), ("locations", "locations-phone") })
        {
            var answer = await page.GotoAsync(new Uri(portal.Host.BaseAddress, $"api/portal/{path}").ToString());
            answer!.Status.ShouldBe(200, path);
            await PortalBrowser.CheckAsync(page, name);
        }

        await page.Locator($"li[data-location='{portal.Location.Id}'] a").First.ClickAsync();
        (await page.Locator(".notice strong").InnerTextAsync()).ShouldBe(portal.Location.Name);
        await PortalBrowser.CheckAsync(page, "location-overview-phone");
        await PortalBrowser.CheckAsync(await SignedOutAsync(page), "signed-out-phone");
    }

    private static async Task<IPage> SignedOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("You are signed out");
        return page;
    }

    [Fact]
    public async Task ExpiredAndForgedLinks_ShowTheirPage_AndSignNobodyIn()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var tokens = portal.Service<PortalTokens>();
        var past = SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(20);
        var expired = tokens.Sign(new PortalTicket(PortalTicketKind.Link, portal.Group.Id, past, past + Duration.FromMinutes(15), PortalTokens.NewNonce()));
        var genuine = await portal.IssueLinkAsync(portal.Group.Id);
        var forged = genuine.ToString().Replace("token=", "token=x", StringComparison.Ordinal);

        var expiredAnswer = await page.GotoAsync(new Uri(portal.Host.BaseAddress, $"api/portal/enter?token={Uri.EscapeDataString(expired)}").ToString());
        expiredAnswer!.Status.ShouldBe(410);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("This link has expired");
        await PortalBrowser.CheckAsync(page, "link-expired");

        var forgedAnswer = await page.GotoAsync(forged);
        forgedAnswer!.Status.ShouldBe(403);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("This link is not valid");
        await PortalBrowser.CheckAsync(page, "link-forged");

        (await context.CookiesAsync()).ShouldBeEmpty();
    }

    private async Task<byte[]> StoredAsync(string blob) =>
        (await new Azure.Storage.Blobs.BlobServiceClient(AzuriteFixture.Options.ConnectionString)
            .GetBlobContainerClient("invoices").GetBlobClient(blob).DownloadContentAsync()).Value.Content.ToArray();
}
