using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.IntegrationTests.Payments;
using ServerlessBilling.Payments;

namespace ServerlessBilling.IntegrationTests.Portal;

/// <summary>A customer whose card the reseller moved from Authorize.Net to Stripe with the processor's mapping sees it on file, and why.</summary>
public sealed partial class PortalBrowserTests
{
    [Fact]
    public async Task MigratedCustomer_SeesTheMovedCardOnFile_MarkedAsMovedFromAuthorizeNet()
    {
        // A clinic that has paid through Authorize.Net for years; Stripe's migration imported its card as a new customer and method.
        var (customer, profile) = (Digits(), Digits());
        var account = new Account(CloseDriver.UniqueId("moved-clinic"), "Maple Pediatrics", portal.Realtor.PlanId, new BillingProfile("UTC", 1, "USD"))
        {
            Payment = new PaymentProfile(PaymentGatewayNames.AuthorizeNet, customer, new PaymentMethodOnFile(profile, PaymentMethodKind.Card, "Visa ••••1111")),
        };
        await portal.Service<IAccountDirectory>().SetAsync(account, CancellationToken.None);
        var (newCustomer, newMethod) = ($"cus_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}", $"pm_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}");
        portal.Stripe.AddMethod(newMethod, StripeTestMethod.Card("visa", "1111"));

        using var http = new HttpClient { BaseAddress = portal.Host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/payment-migrations?from=authorizenet&to=stripe")
        {
            Content = new StringContent($"old_customer_id,old_payment_method_id,new_customer_id,new_payment_method_id\n{customer},{profile},{newCustomer},{newMethod}\n", Encoding.UTF8, "text/csv"),
        };
        request.Headers.Add("x-functions-key", portal.ApiKey);
        using var imported = await http.SendAsync(request);
        imported.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("migrated").GetInt32().ShouldBe(1);
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync((await portal.IssueLinkAsync(account.Id)).ToString());
        await page.WaitForURLAsync(new Uri(portal.Host.BaseAddress, "api/portal").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Payments", Exact = true }).ClickAsync();

        (await page.Locator("#method-on-file").InnerTextAsync()).ShouldBe("Card: visa ••••1111");
        (await page.Locator("#method-moved").InnerTextAsync())
            .ShouldBe($"Moved from Authorize.Net on {today.ToString("d MMM uuuu", CultureInfo.InvariantCulture)}: nothing for you to enter again.");
        (await page.GetByRole(AriaRole.Button, new() { Name = "Replace the payment method" }).CountAsync()).ShouldBe(1);
        await PortalBrowser.CheckAsync(page, "payment-method-migrated");

        // The same page on a phone: the moved method's note wraps within the screen.
        await using var phone = await browser.NewContextAsync(phone: true);
        var small = await phone.NewPageAsync();
        await small.GotoAsync((await portal.IssueLinkAsync(account.Id)).ToString());
        await small.WaitForURLAsync(new Uri(portal.Host.BaseAddress, "api/portal").ToString());
        await small.GotoAsync(new Uri(portal.Host.BaseAddress, "api/portal/payment-methods").ToString());
        (await small.Locator("#method-moved").CountAsync()).ShouldBe(1);
        await PortalBrowser.CheckAsync(small, "payment-method-migrated-phone");
    }

    private static string Digits() =>
        RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture) + RandomNumberGenerator.GetInt32(1000, 9999).ToString(CultureInfo.InvariantCulture);
}
