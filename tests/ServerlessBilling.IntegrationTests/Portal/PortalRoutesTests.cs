using System.Net;
using ServerlessBilling.Functions.Portal;
using ServerlessBilling.IntegrationTests.Api;
using ServerlessBilling.LocalHost.Hosting;

namespace ServerlessBilling.IntegrationTests.Portal;

/// <summary>The portal's routes over HTTP: every account-scoped route refuses another customer's ids and answers nothing without a
/// session; revoked links and their sessions end; redemption is throttled per client; every answer carries the security headers.</summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class PortalRoutesTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    /// <summary>Portal routes that show no account: the link's redemption (its token is the credential) and the stylesheet and logo.
    /// The return from the gateway's page only moves on to the payments page, which has its own check.</summary>
    private static readonly string[] NotAccountScoped = ["RedeemPortalLink", "GetPortalAsset", "ReturnFromPortalCheckout"];

    [Fact]
    public async Task EveryAccountScopedRoute_AnotherCustomersIds_AreNotFound_AndWithoutASessionNothingIsShown()
    {
        using var signedIn = await SignedInClientAsync(portal.Group.Id);
        using var anonymous = new HttpClient { BaseAddress = portal.Host.BaseAddress };
        var own = portal.Documents[portal.Group.Id];
        var theirs = portal.Documents[portal.Realtor.Id];
        var routes = FunctionCatalog.Http.Where(ManagementRoutes.IsPortalPage).Where(f => !NotAccountScoped.Contains(f.Name)).ToList();
        var checkedRoutes = new List<string>();

        foreach (var function in routes)
        {
            var method = function.Methods.Single();
            string Path(string invoiceId, string creditNoteId) => "api/" + function.Route
                .Replace("{invoiceId}", invoiceId, StringComparison.Ordinal)
                .Replace("{creditNoteId}", creditNoteId, StringComparison.Ordinal)
                .Replace("{kind}", "pdf", StringComparison.Ordinal);
            var ownPath = Path(own.InvoiceId, own.CreditNoteId);
            var theirPath = Path(theirs.InvoiceId, theirs.CreditNoteId);

            // The other customer's account named outright, their documents under our account, and both at once: not found, and not a byte of theirs.
            foreach (var path in new[] { $"{ownPath}?account={portal.Realtor.Id}", $"{theirPath}?account={portal.Realtor.Id}" }
                         .Concat(theirPath == ownPath ? [] : [theirPath]))
            {
                using var refused = await SendAsync(signedIn, method, path);
                refused.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{method} {path}");
                var page = await refused.Content.ReadAsStringAsync();
                page.ShouldContain("<h1>Not found</h1>", Case.Sensitive, path);
                page.ShouldNotContain(portal.Realtor.Name, Case.Sensitive, path);
            }

            // No session: the page that asks for the link again.
            using var noSession = await SendAsync(anonymous, method, ownPath);
            noSession.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {ownPath}");
            checkedRoutes.Add(function.Name);
        }

        checkedRoutes.Order().ShouldBe(
            ["DownloadPortalCreditNote", "DownloadPortalInvoice", "GetPortalInvoices", "GetPortalLocations", "GetPortalOverview", "GetPortalPayments", "GetPortalUsage",
             "PortalSignOut", "StartPortalPayment", "StartPortalPaymentMethod"]);

        // The session's own documents, and its location's, are served.
        using var ownPdf = await signedIn.GetAsync($"api/portal/invoices/{own.InvoiceId}/pdf");
        (ownPdf.StatusCode, ownPdf.Content.Headers.ContentType!.MediaType).ShouldBe((HttpStatusCode.OK, "application/pdf"));
        var location = portal.Documents[portal.Location.Id];
        using var locationNote = await signedIn.GetAsync($"api/portal/credit-notes/{location.CreditNoteId}/pdf?account={portal.Location.Id}");
        locationNote.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var locationUnderParent = await signedIn.GetAsync($"api/portal/credit-notes/{location.CreditNoteId}/pdf");
        locationUnderParent.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ALocationsSession_DoesNotReachItsParent()
    {
        using var location = await SignedInClientAsync(portal.Location.Id);

        using var parent = await location.GetAsync($"api/portal?account={portal.Group.Id}");
        using var own = await location.GetAsync("api/portal/locations");

        parent.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await own.Content.ReadAsStringAsync()).ShouldContain("This account has no locations.");
    }

    [Fact]
    public async Task RevokedLinks_AreRefused_AndTheirSessionsEnd()
    {
        var link = await portal.IssueLinkAsync(portal.Revocable.Id);
        var unused = await portal.IssueLinkAsync(portal.Revocable.Id);
        using var signedIn = await SignedInClientAsync(link);
        (await signedIn.GetAsync("api/portal")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var revoked = await portal.SendAsync(HttpMethod.Delete, $"api/accounts/{portal.Revocable.Id}/portal-links");
        revoked.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var refused = await new HttpClient().GetAsync(unused);
        refused.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("<h1>This link is no longer valid</h1>");
        (await signedIn.GetAsync("api/portal")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var fresh = await SignedInClientAsync(await portal.IssueLinkAsync(portal.Revocable.Id));
        (await fresh.GetAsync("api/portal")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task IssueAndRevoke_UnknownAccount_AreNotFoundProblems()
    {
        using var issued = await portal.SendAsync(HttpMethod.Post, "api/accounts/no-such-account/portal-links");
        using var revoked = await portal.SendAsync(HttpMethod.Delete, "api/accounts/no-such-account/portal-links");

        issued.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        revoked.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        issued.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Redemption_BeyondTheMinutesAllowance_IsTooManyAttempts()
    {
        using var client = new HttpClient { BaseAddress = portal.Host.BaseAddress };
        while (true)
        {
            // A fixed window: a run that crossed a minute boundary proves nothing, so it is run again from a new address.
            var address = $"203.0.113.{Random.Shared.Next(1, 255)}";
            var minute = DateTime.UtcNow.Minute;
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i <= PortalFixture.RedemptionsPerMinute; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "api/portal/enter?token=guess");
                request.Headers.Add("X-Forwarded-For", $"198.51.100.9, {address}");
                using var response = await client.SendAsync(request);
                statuses.Add(response.StatusCode);
            }

            if (DateTime.UtcNow.Minute == minute)
            {
                statuses.ShouldBe([.. Enumerable.Repeat(HttpStatusCode.Forbidden, PortalFixture.RedemptionsPerMinute), HttpStatusCode.TooManyRequests]);
                return;
            }
        }
    }

    [Fact]
    public async Task SignOut_WithoutTheFormToken_IsRefusedAndKeepsTheSession()
    {
        using var signedIn = await SignedInClientAsync(portal.Group.Id);

        using var forged = await signedIn.PostAsync("api/portal/sign-out", new FormUrlEncodedContent([new("csrf", "not-the-token")]));
        using var missing = await signedIn.PostAsync("api/portal/sign-out", new FormUrlEncodedContent([]));

        forged.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        missing.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await signedIn.GetAsync("api/portal")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("api/portal")]
    [InlineData("api/portal/enter?token=nothing")]
    [InlineData("api/portal/assets/portal.css")]
    public async Task Answers_CarryTheContentSecurityPolicyAndNoCaching(string path)
    {
        using var client = new HttpClient { BaseAddress = portal.Host.BaseAddress };

        using var response = await client.GetAsync(path);

        response.Headers.GetValues("Content-Security-Policy").ShouldBe([HtmlPage.ContentSecurityPolicy]);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
    }

    private Task<HttpClient> SignedInClientAsync(string accountId) => portal.IssueLinkAsync(accountId).ContinueWith(t => SignedInClientAsync(t.Result)).Unwrap();

    /// <summary>A client that redeemed <paramref name="link"/> and keeps the session cookie it was given (not Secure on loopback, so sent back).</summary>
    private async Task<HttpClient> SignedInClientAsync(Uri link)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = portal.Host.BaseAddress };
        using var redeemed = await client.GetAsync(link);
        redeemed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await redeemed.Content.ReadAsStringAsync()).ShouldContain("<h1>Signing you in</h1>");
        return client;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? new FormUrlEncodedContent([]) : null,
        });
}
