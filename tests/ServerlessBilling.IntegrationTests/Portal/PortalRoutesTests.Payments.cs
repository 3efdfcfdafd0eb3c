using System.Net;
using System.Text.RegularExpressions;
using ServerlessBilling.Functions.Portal;
using ServerlessBilling.Payments;

namespace ServerlessBilling.IntegrationTests.Portal;

/// <summary>The payment routes over HTTP (the form token, another customer's invoice, what the gateway's page is asked for, the return), and the usage list's pages.</summary>
public sealed partial class PortalRoutesTests
{
    [Fact]
    public async Task PayingAnotherCustomersInvoice_IsNotFound_AndStartsNoCheckout()
    {
        using var signedIn = await SignedInClientAsync(portal.Group.Id);
        var csrf = await FormTokenAsync(signedIn);
        var theirs = portal.Documents[portal.Realtor.Id].InvoiceId;

        using var refused = await signedIn.PostAsync("api/portal/payments", new FormUrlEncodedContent([new("csrf", csrf), new("invoice", theirs)]));
        using var forged = await signedIn.PostAsync("api/portal/payments", new FormUrlEncodedContent([new("csrf", "not-the-token"), new("invoice", portal.Documents[portal.Group.Id].InvoiceId)]));

        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("<h1>Not found</h1>");
        forged.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        portal.Stripe.CheckoutSessions.Where(s => s.IntentMetadata.Values.Contains(theirs) || s.Metadata.Values.Contains(portal.Group.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AddingAMethod_HandsOffToCheckoutInSetupMode_ForTheAccountsCustomer_WithItsReturnAddresses()
    {
        using var signedIn = await SignedInClientAsync(portal.Realtor.Id);
        var csrf = await FormTokenAsync(signedIn);

        using var answer = await signedIn.PostAsync("api/portal/payment-methods", new FormUrlEncodedContent([new("csrf", csrf)]));

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        answer.Headers.GetValues("Content-Security-Policy").ShouldBe([HtmlPage.ContentSecurityPolicy]);
        var session = portal.Stripe.CheckoutSessions.Single(s => s.Metadata.GetValueOrDefault(StripeMetadata.AccountId) == portal.Realtor.Id);
        var customer = portal.Stripe.Requests.First(r => r.Path == "/v1/customers" && r.IdempotencyKey == $"customer-{portal.Realtor.Id}");
        (session.Mode, session.Currency, session.IntentMetadata[StripeMetadata.AccountId]).ShouldBe(("setup", "usd", portal.Realtor.Id));
        session.SuccessUrl.ShouldBe(new Uri(portal.Host.BaseAddress, "api/portal/checkout-return?outcome=method-saved"));
        session.CancelUrl.ShouldBe(new Uri(portal.Host.BaseAddress, "api/portal/checkout-return?outcome=cancelled"));
        customer.StatusCode.ShouldBe(200);
        var page = await answer.Content.ReadAsStringAsync();
        page.ShouldContain($"""<meta http-equiv="refresh" content="0;url={new Uri(portal.Stripe.ApiBase, $"checkout/{session.Id}")}">""");
    }

    [Theory]
    [InlineData("outcome=paid", "/api/portal/payment-methods?outcome=paid")]
    [InlineData("outcome=cancelled&account=dental-1", "/api/portal/payment-methods?outcome=cancelled&amp;account=dental-1")]
    [InlineData("outcome=%22%3E%3Cscript%3E", "/api/portal/payment-methods")]
    public async Task TheReturnFromTheGatewaysPage_MovesOnToThePaymentsPage_WithAKnownOutcomeOnly(string query, string next)
    {
        using var client = new HttpClient { BaseAddress = portal.Host.BaseAddress };

        using var answer = await client.GetAsync($"api/portal/checkout-return?{query}");

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await answer.Content.ReadAsStringAsync()).ShouldContain($"""<meta http-equiv="refresh" content="0;url={next}">""");
    }

    [Fact]
    public async Task Usage_PagedByCursor_ListsEachCallOnce_AndThePageAfterTheNewestLinksBackToIt()
    {
        var service = portal.Service<ServerlessBilling.Portal.CustomerPortal>();
        var filter = ServerlessBilling.Portal.UsageFilter.None;

        var first = await service.UsageAsync(portal.Group, filter, after: null, pageSize: 2, CancellationToken.None);
        var second = await service.UsageAsync(portal.Group, filter, first.Next, pageSize: 2, CancellationToken.None);

        (first.Calls.Count, first.Matching, first.Skipped, second.Calls.Count, second.Skipped, second.Next).ShouldBe((2, 3, 0, 1, 2, null));
        first.Calls.Concat(second.Calls).Select(c => c.Event.EventId).Distinct().Count().ShouldBe(3);
        using var signedIn = await SignedInClientAsync(portal.Group.Id);
        var afterNewest = ServerlessBilling.Portal.UsageCursor.After(first.Calls[0]).Encode();
        var page = await signedIn.GetStringAsync($"api/portal/usage?after={afterNewest}");
        Regex.Count(page, "<tr>\\s*<td>").ShouldBe(2);
        page.ShouldContain("Calls 2 to 3 of 3");
        page.ShouldContain("id=\"newest-calls\"");
        page.ShouldNotContain("id=\"older-calls\"");
    }

    /// <summary>The session's form token, as the payments page carries it in its forms.</summary>
    private static async Task<string> FormTokenAsync(HttpClient signedIn)
    {
        var page = await signedIn.GetStringAsync("api/portal/payment-methods");
        var token = Regex.Match(page, "name=\"csrf\" value=\"([^\"]+)\"").Groups[1].Value;
        token.ShouldNotBeNullOrEmpty();
        return token;
    }
}
