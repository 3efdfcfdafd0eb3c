using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ServerlessBilling.Accounts;
using ServerlessBilling.Functions.Portal;
using ServerlessBilling.IntegrationTests.Payments;
using ServerlessBilling.Payments;

namespace ServerlessBilling.IntegrationTests.Portal;

/// <summary>Paying through the portal in the browser: card details go to the gateway's hosted page (the Stripe-shaped test server
/// plays Checkout and sends its signed webhooks to the app), never to the portal.</summary>
public sealed partial class PortalBrowserTests
{
    private static readonly TimeSpan ChargeWait = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Customer_AddsACardOnTheHostedPage_WhichIsCharged_ThenPaysTheOpenInvoiceThere_AndSeesItPaid()
    {
        // The card saved first is declined when the open invoice is charged to it, so the customer pays on the hosted page.
        portal.Stripe.Script(StripeTestServer.AnyMethod, StripeOutcome.Decline("insufficient_funds"));
        var invoice = portal.PayerInvoice;
        var owed = (await portal.Service<IReceivables>().FindAsync(invoice.InvoiceId, CancellationToken.None))!.BalanceDue;
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync((await portal.IssueLinkAsync(portal.Payer.Id)).ToString());
        await page.WaitForURLAsync(new Uri(portal.Host.BaseAddress, "api/portal").ToString());

        await page.GetByRole(AriaRole.Link, new() { Name = "Payments", Exact = true }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Payments");
        (await page.Locator("#method-on-file").InnerTextAsync()).ShouldBe("No payment method on file.");
        (await page.Locator($"#open-invoices tr[data-invoice='{invoice.InvoiceId}'] td").Nth(2).InnerTextAsync()).ShouldBe(Html.Money(owed));
        await PortalBrowser.CheckAsync(page, "payments");

        // Add a card: the gateway's page takes the number; the portal never sees it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a payment method" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/checkout/cs_test_"));
        page.Url.ShouldStartWith(portal.Stripe.ApiBase.ToString());
        await PortalBrowser.CheckAsync(page, "checkout-setup");
        await page.GetByLabel("Card number").FillAsync("4000 0566 5566 5556");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save card" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/api/portal/payment-methods\\?outcome=method-saved$"));

        var account = await portal.Service<IAccountDirectory>().FindAsync(portal.Payer.Id, CancellationToken.None);
        var saved = account!.Payment!.DefaultMethod!;
        (account.Payment.Gateway, saved.Kind, saved.Label).ShouldBe((PaymentGatewayNames.Stripe, PaymentMethodKind.Card, "visa ••••5556"));
        (await page.Locator("#method-on-file").InnerTextAsync()).ShouldBe("Card: visa ••••5556");
        (await page.Locator("#checkout-outcome").InnerTextAsync()).ShouldStartWith("Thank you. Your payment method is saved");
        portal.Stripe.Requests.Any(r => r.Path.Contains("/v1/checkout/sessions", StringComparison.Ordinal) && r.Form.Keys.Any(k => k.Contains("card", StringComparison.Ordinal))).ShouldBeFalse();
        await PortalBrowser.CheckAsync(page, "payments-method-saved");

        // The open invoice is charged to the new card at once, as any new method is; this one is declined.
        var charge = await WaitForChargeAsync(invoice.InvoiceId, saved.PaymentMethodId);
        charge.Amount.ShouldBe(owed.ToMinorUnits());

        // Pay it on the gateway's page instead.
        await page.ReloadAsync();
        await page.Locator($"#open-invoices tr[data-invoice='{invoice.InvoiceId}'] button").ClickAsync();
        await page.WaitForURLAsync(new Regex("/checkout/cs_test_"));
        await page.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Pay {Html.Money(owed)}" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/api/portal/payment-methods\\?outcome=paid$"));

        (await page.Locator("#nothing-due").InnerTextAsync()).ShouldBe("Nothing is due. Thank you!");
        await PortalBrowser.CheckAsync(page, "payments-paid");
        await page.GetByRole(AriaRole.Link, new() { Name = "Invoices", Exact = true }).ClickAsync();
        (await page.Locator($"tr[data-invoice='{invoice.InvoiceId}'] .status").InnerTextAsync()).ShouldBe("Paid");
        var receivable = await portal.Service<IReceivables>().FindAsync(invoice.InvoiceId, CancellationToken.None);
        var session = portal.Stripe.CheckoutSessions.Single(s => s.Mode == "payment" && s.IntentMetadata.GetValueOrDefault(StripeMetadata.InvoiceId) == invoice.InvoiceId);
        (receivable!.Status, receivable.BalanceDue.Amount).ShouldBe((ReceivableStatus.Paid, 0m));
        receivable.Entries.Single(e => e.Status == PaymentEntryStatus.Succeeded).Reference.ShouldBe(session.PaymentIntentId);
        portal.Stripe.WebhookDeliveries.Select(d => d.Status).Distinct().ShouldBe([HttpStatusCode.OK]);
        portal.Stripe.WebhookDeliveries.Select(d => d.Type).ShouldBe(
            ["checkout.session.completed", "setup_intent.succeeded", "checkout.session.completed", "payment_intent.succeeded"]);
    }

    [Fact]
    public async Task Customer_CancelsOnStripeCheckout_IsBackWithNothingChanged()
    {
        var deliveries = portal.Stripe.WebhookDeliveries.Count;
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync((await portal.IssueLinkAsync(portal.Realtor.Id)).ToString());
        await page.WaitForURLAsync(new Uri(portal.Host.BaseAddress, "api/portal").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Payments", Exact = true }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a payment method" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/checkout/cs_test_"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/api/portal/payment-methods\\?outcome=cancelled$"));

        (await page.Locator("#checkout-outcome").InnerTextAsync()).ShouldBe("Nothing was changed.");
        (await page.Locator("#method-on-file").InnerTextAsync()).ShouldBe("No payment method on file.");
        await PortalBrowser.CheckAsync(page, "payments-cancelled");
        (await portal.Service<IAccountDirectory>().FindAsync(portal.Realtor.Id, CancellationToken.None))!.Payment.ShouldBeNull();
        portal.Stripe.CheckoutSessions.ShouldContain(s => s.Mode == "setup" && s.IntentMetadata.GetValueOrDefault(StripeMetadata.AccountId) == portal.Realtor.Id);
        portal.Stripe.WebhookDeliveries.Count.ShouldBe(deliveries);
    }

    /// <summary>Polls the test server for the collection's charge of <paramref name="invoiceId"/> to <paramref name="methodId"/>; it
    /// runs in the background once the method is set.</summary>
    private async Task<StripeTestPaymentIntent> WaitForChargeAsync(string invoiceId, string methodId)
    {
        var deadline = DateTime.UtcNow + ChargeWait;
        while (true)
        {
            if (portal.Stripe.PaymentIntents.FirstOrDefault(i => i.PaymentMethodId == methodId && i.Metadata.GetValueOrDefault(StripeMetadata.InvoiceId) == invoiceId) is { } intent)
            {
                return intent;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No charge of invoice {invoiceId} to {methodId}.");
            }

            await Task.Delay(250);
        }
    }
}
