using System.Net;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ServerlessBilling.Accounts;
using ServerlessBilling.IntegrationTests.Payments.AuthorizeNet;
using ServerlessBilling.Payments;
using ServerlessBilling.Payments.AuthorizeNet;

namespace ServerlessBilling.IntegrationTests.Portal;

/// <summary>Paying through the portal for an account on Authorize.Net: the portal posts a form token to Accept Hosted (played by the
/// Authorize.Net-shaped test server, which sends its signed webhooks to the app), and card details are typed there only.</summary>
public sealed partial class PortalBrowserTests
{
    [Fact]
    public async Task AuthorizeNetCustomer_CancelsThenAddsACardOnAcceptHosted_WhichIsCharged_ThenPaysTheOpenInvoiceThere_AndSeesItPaid()
    {
        // The card saved first is declined when the open invoice is charged to it, so the customer pays on the hosted page.
        portal.AuthorizeNet.Script(AuthorizeNetTestServer.AnyProfile, AnetOutcome.Decline("2"));
        var invoice = portal.AnetPayerInvoice;
        var owed = (await portal.Service<IReceivables>().FindAsync(invoice.InvoiceId, CancellationToken.None))!.BalanceDue;
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync((await portal.IssueLinkAsync(portal.AnetPayer.Id)).ToString());
        await page.WaitForURLAsync(new Uri(portal.Host.BaseAddress, "api/portal").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Payments", Exact = true }).ClickAsync();
        (await page.Locator("#method-on-file").InnerTextAsync()).ShouldBe("No payment method on file.");

        // Give up on the hosted page: back with nothing changed.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a payment method" }).ClickAsync();
        await PortalBrowser.CheckAsync(page, "accept-hosted-handoff");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to the secure payment page" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(portal.AuthorizeNet.Endpoint, "/payment/payment").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/api/portal/payment-methods\\?outcome=cancelled$"));
        (await page.Locator("#checkout-outcome").InnerTextAsync()).ShouldBe("Nothing was changed.");
        (await page.Locator("#method-on-file").InnerTextAsync()).ShouldBe("No payment method on file.");
        portal.AuthorizeNet.WebhookDeliveries.ShouldBeEmpty();

        // Add a card: Accept Hosted takes the number; the portal never sees it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a payment method" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to the secure payment page" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(portal.AuthorizeNet.Endpoint, "/payment/payment").ToString());
        await PortalBrowser.CheckAsync(page, "accept-hosted-setup");
        await page.GetByLabel("Card Number").FillAsync("4000 0566 5566 5556");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/api/portal/payment-methods\\?outcome=method-saved$"));

        var account = await portal.Service<IAccountDirectory>().FindAsync(portal.AnetPayer.Id, CancellationToken.None);
        var saved = account!.Payment!.DefaultMethod!;
        (account.Payment.Gateway, account.Payment.CustomerId, saved.Kind, saved.Label)
            .ShouldBe((PaymentGatewayNames.AuthorizeNet, portal.AnetPayer.Payment!.CustomerId, PaymentMethodKind.Card, "Visa ••••5556"));
        (await page.Locator("#method-on-file").InnerTextAsync()).ShouldBe("Card: Visa ••••5556");
        portal.AuthorizeNet.HostedPageRequests.Values.ShouldAllBe(r => !r.ToJsonString().Contains("5556", StringComparison.Ordinal));
        await PortalBrowser.CheckAsync(page, "accept-hosted-method-saved");

        // The open invoice is charged to the new card at once, as any new method is; this one is declined.
        var declined = await WaitForAnetChargeAsync(saved.PaymentMethodId);
        (declined.Amount, declined.ResponseCode).ShouldBe((owed.Amount, "2"));

        // Pay it on Accept Hosted instead.
        await page.ReloadAsync();
        await page.Locator($"#open-invoices tr[data-invoice='{invoice.InvoiceId}'] button").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to the secure payment page" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(portal.AuthorizeNet.Endpoint, "/payment/payment").ToString());
        await page.GetByLabel("Card Number").FillAsync("4111 1111 1111 1111");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Pay {owed.Amount.ToString("N2", CultureInfo.InvariantCulture)} USD" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/api/portal/payment-methods\\?outcome=paid$"));

        (await page.Locator("#nothing-due").InnerTextAsync()).ShouldBe("Nothing is due. Thank you!");
        await PortalBrowser.CheckAsync(page, "accept-hosted-paid");
        await page.GetByRole(AriaRole.Link, new() { Name = "Invoices", Exact = true }).ClickAsync();
        (await page.Locator($"tr[data-invoice='{invoice.InvoiceId}'] .status").InnerTextAsync()).ShouldBe("Paid");
        var paid = portal.AuthorizeNet.Transactions.Single(t => t.Type == "authCaptureTransaction" && t.UserFields is not null);
        var receivable = await portal.Service<IReceivables>().FindAsync(invoice.InvoiceId, CancellationToken.None);
        (receivable!.Status, receivable.BalanceDue.Amount).ShouldBe((ReceivableStatus.Paid, 0m));
        receivable.Entries.Single(e => e.Status == PaymentEntryStatus.Succeeded).Reference.ShouldBe(paid.TransId);
        paid.UserFields!.ShouldBe(new Dictionary<string, string>
        {
            [AuthorizeNetAcceptHosted.AccountField] = portal.AnetPayer.Id,
            [AuthorizeNetAcceptHosted.InvoiceField] = invoice.InvoiceId,
        });
        portal.AuthorizeNet.WebhookDeliveries.ShouldBe(
            [("net.authorize.payment.authorization.created", HttpStatusCode.OK), ("net.authorize.payment.authcapture.created", HttpStatusCode.OK)]);
        var payRequest = portal.AuthorizeNet.HostedPageRequests.Values.Single(r => r["transactionRequest"]?["transactionType"]?.GetValue<string>() == "authCaptureTransaction");
        payRequest["transactionRequest"]!["amount"]!.GetValue<string>().ShouldBe(owed.Amount.ToString("0.00", CultureInfo.InvariantCulture));
    }

    /// <summary>Polls the test server for the collection's charge of the stored profile; it runs in the background once the method is set.</summary>
    private async Task<AnetTransaction> WaitForAnetChargeAsync(string paymentProfileId)
    {
        var deadline = DateTime.UtcNow + ChargeWait;
        while (true)
        {
            if (portal.AuthorizeNet.Transactions.FirstOrDefault(t => t.Type == "authCaptureTransaction" && t.PaymentProfileId == paymentProfileId && t.UserFields is null) is { } charge)
            {
                return charge;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No charge of Authorize.Net payment profile {paymentProfileId}.");
            }

            await Task.Delay(250);
        }
    }
}
