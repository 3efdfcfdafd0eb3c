using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using ServerlessBilling.Access;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Cycles;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.IntegrationTests.Portal;
using ServerlessBilling.Invoicing;
using ServerlessBilling.LocalHost.Azurite;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Pdf;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Console;

/// <summary>The closes board as an admin works it, in headless Chromium against a local host of its own on Azurite: a close stalled at
/// rendering shows in progress (at <c>closing</c>, its one activity); once its renderer breaks, that activity fails and the close goes
/// on staged, and once those retries run out it shows as failed, with the step it reached (rendering) and the renderer's error; a read-only session cannot retry it; an admin's Retry runs it again, and once the renderer is
/// mended it finishes under the number the failed run took.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConsoleClosesTests : IAsyncLifetime
{
    private static readonly PricePlan Plan = new(CloseDriver.UniqueId("plan"), "Stall Voice", "USD",
        [new PlanVersion(new LocalDate(2025, 1, 1), PlatformFee: 20m, NumberFee: 1.50m,
            [new UsageRate(UsageComponent.Telephony, CallDirection.Inbound, 0.06m, BillingIncrement.PerMinute)], new PerCallRounding())]);

    private readonly Account clinic = new(CloseDriver.UniqueId("stall"), "Stalled Close Clinic", Plan.Id, new BillingProfile("UTC", 1, "USD"));
    private readonly StallingRender render;
    private OwnBillingHost host = null!;
    private PortalBrowser browser = null!;

    public ConsoleClosesTests() => render = new StallingRender(clinic.Id);

    public async Task InitializeAsync()
    {
        await AzuriteLauncher.EnsureRunningAsync(AzuriteFixture.Options, RepositoryRoot.Find(), TextWriter.Null, CancellationToken.None);
        host = await OwnBillingHost.StartAsync(
            OwnBillingHost.NewTaskHub(),
            CloseDriver.UniqueId("seq"),
            services => services.AddSingleton<IInvoiceRenderer>(p => render.Around(ActivatorUtilities.CreateInstance<InvoicePdfRenderer>(p))),
            new Dictionary<string, string?> { ["Portal:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)) });
        browser = await PortalBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task FailedClose_ShowsItsStepAndReason_AndAnAdminsRetry_FinishesIt()
    {
        await host.Driver.SeedAsync(Plan, clinic, new NumberAssignment(CloseDriver.UniqueNumber("575"), clinic.Id, NumberType.Local, new LocalDate(2025, 5, 1)));
        var cycle = new CycleRequest(clinic.Id, "2025-06-01");
        var row = $"tr[data-close='{cycle.AccountId}:{cycle.PeriodStart}']";
        var dashboard = new Uri(host.Host.BaseAddress, "api/console").ToString();
        await host.Api.StartCloseAsync(cycle, CancellationToken.None);
        await render.Reached.WaitAsync(TimeSpan.FromMinutes(2));

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(host.Host.BaseAddress, "api/console/sign-in").ToString());
        await page.GetByLabel("API key (admin or read-only)").FillAsync(host.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(dashboard);

        // Stalled at rendering, inside the one activity that closes the period: in progress, at that activity.
        (await page.Locator($"#closes-running-list {row} td").Nth(2).InnerTextAsync()).ShouldBe(CloseProgress.Closing);
        (await page.Locator("#closes-running").InnerTextAsync()).ShouldBe("1");
        (await page.Locator("#closes-failed-list-none").CountAsync()).ShouldBe(1);
        await PortalBrowser.CheckAsync(page, "console-close-in-progress");

        // The renderer breaks: the stalled attempt fails, the close goes on staged, and the issuing step's five attempts fail, and so does the close.
        render.Fail();
        var failed = await host.Api.WaitForCloseStatusAsync(cycle, TimeSpan.FromMinutes(3), s => s.RuntimeStatus == "Failed", CancellationToken.None);
        failed.Failure.ShouldBe(StallingRender.Reason);
        render.Attempts.ShouldBe(6);
        await page.GotoAsync(dashboard);
        var failedRow = page.Locator($"#closes-failed-list {row}");
        (await failedRow.Locator("th a").InnerTextAsync()).ShouldBe(cycle.AccountId);
        (await failedRow.Locator("td.stage").InnerTextAsync()).ShouldBe("rendering");
        // The renderer's own error, not the engine's wrapper around it; with its type where the engine kept the failure's details.
        (await failedRow.Locator("td.reason").InnerTextAsync()).ShouldBeOneOf(StallingRender.Reason, $"{StallingRender.Reason} (System.IO.IOException)");
        (await page.Locator($"#closes-running-list {row}").CountAsync()).ShouldBe(0);
        (await page.Locator("#closes-failed").InnerTextAsync()).ShouldBe("1");
        await PortalBrowser.CheckAsync(page, "console-close-failed"); // at 1280 px: every header, Retry included, in view

        // On a phone the board's table scrolls in its own box; the page does not.
        await using (var phone = await browser.NewContextAsync(phone: true))
        {
            var small = await phone.NewPageAsync();
            await small.GotoAsync(new Uri(host.Host.BaseAddress, "api/console/sign-in").ToString());
            await small.GetByLabel("API key (admin or read-only)").FillAsync(host.ApiKey);
            await small.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await small.WaitForURLAsync(dashboard);
            (await small.Locator($"#closes-failed-list {row}").CountAsync()).ShouldBe(1);
            await PortalBrowser.CheckAsync(small, "console-close-failed-phone");
        }

        // A read-only session sees it and cannot retry it.
        var readerKey = (await host.Host.Services.GetRequiredService<ApiKeys>()
            .IssueAsync(new ApiKeyRequest("Closes reader", ApiKeyScope.ReadOnly, null), CancellationToken.None)).Value.Secret;
        using (var reader = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = host.Host.BaseAddress })
        {
            (await ConsoleFixture.PostFormAsync(reader, "api/console/sign-in", ("key", readerKey))).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
            var readOnlyPage = await reader.GetStringAsync(new Uri("api/console", UriKind.Relative));
            readOnlyPage.ShouldContain($"""<td class="reason">{StallingRender.Reason}""");
            readOnlyPage.ShouldNotContain("/retry\"");
            using var refused = await ConsoleFixture.PostFormAsync(reader, $"api/console/closes/{cycle.AccountId}/{cycle.PeriodStart}/retry", ("csrf", ConsoleFixture.FormTokenOf(readOnlyPage)));
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await host.Api.GetCloseAsync(cycle, CancellationToken.None)).RuntimeStatus.ShouldBe("Failed");
        }

        // Mended, and retried from the board: the close runs again and finishes.
        render.Mend();
        await failedRow.GetByRole(AriaRole.Button, new() { Name = $"Retry the close of {cycle.AccountId} for {cycle.PeriodStart}" }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Close started again");
        await PortalBrowser.CheckAsync(page, "console-close-retried");
        var invoice = await host.Api.WaitForCloseAsync(cycle, TimeSpan.FromMinutes(2), CancellationToken.None);
        invoice.Number.ShouldBe("INV-000001"); // the number the failed run took: none was taken twice
        invoice.Total.ShouldBe(21.50m);
        render.Attempts.ShouldBe(7);

        await page.GotoAsync(dashboard);
        (await page.Locator($"#closes-failed-list {row}").CountAsync()).ShouldBe(0);
        (await page.Locator($"#closes-running-list {row}").CountAsync()).ShouldBe(0);
        await page.GotoAsync(new Uri(host.Host.BaseAddress, $"api/console/accounts/{cycle.AccountId}").ToString());
        (await page.Locator($"#invoices tr[data-invoice='{invoice.InvoiceId}'] th").InnerTextAsync()).ShouldBe("INV-000001");

        // Retried again once it finished, nothing starts.
        using var admin = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = host.Host.BaseAddress };
        (await ConsoleFixture.PostFormAsync(admin, "api/console/sign-in", ("key", host.ApiKey))).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var token = ConsoleFixture.FormTokenOf(await admin.GetStringAsync(new Uri("api/console", UriKind.Relative)));
        using var again = await ConsoleFixture.PostFormAsync(admin, $"api/console/closes/{cycle.AccountId}/{cycle.PeriodStart}/retry", ("csrf", token));
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain("<h1>This close has not failed</h1>");
        (await host.Api.GetCloseAsync(cycle, CancellationToken.None)).Invoice!.Number.ShouldBe("INV-000001");
        render.Attempts.ShouldBe(7);
    }
}
