using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Functions.Portal;
using ServerlessBilling.IntegrationTests.Api;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.IntegrationTests.Telemetry;
using ServerlessBilling.LocalHost.Hosting;
using ServerlessBilling.Payments;
using ServerlessBilling.ResellerConsole;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Console;

/// <summary>The reseller console over HTTP: nothing without a session, sign-in with admin and read-only keys only, the session cookie
/// and security headers, the dashboard's figures, a replay and a portal link that read-only sessions and tokenless posts cannot make,
/// and the Entra ID principal header trusted only where the platform's sign-in is on.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConsoleRoutesTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    private static readonly string[] SignInRoutes = ["GetConsoleSignIn", "ConsoleSignIn"];

    [Fact]
    public async Task EveryConsoleRoute_WithoutASession_AnswersTheSignInForm_AndShowsNothing()
    {
        using var anonymous = console.NewClient();
        var checkedRoutes = new List<string>();

        foreach (var function in FunctionCatalog.Http.Where(ManagementRoutes.IsConsolePage).Where(f => !SignInRoutes.Contains(f.Name)))
        {
            var path = "api/" + function.Route.Replace("{accountId}", console.Dental.Id, StringComparison.Ordinal).Replace("{source}", "twilio", StringComparison.Ordinal)
                .Replace("{name}", "federal", StringComparison.Ordinal).Replace("{periodStart}", "2025-06-01", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(function.Methods.Single()), path);
            using var response = await anonymous.SendAsync(request);
            var page = await response.Content.ReadAsStringAsync();

            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, path);
            page.ShouldContain("<h1>Sign in to the console</h1>", Case.Sensitive, path);
            page.ShouldNotContain(console.Dental.Name, Case.Sensitive, path);
            checkedRoutes.Add(function.Name);
        }

        checkedRoutes.Order().ShouldBe(
            ["ConsoleIssuePortalLink", "ConsoleOpenAccountFromQuote", "ConsoleQuote", "ConsoleQuotePdf", "ConsoleReplayQuarantine", "ConsoleRetryClose", "ConsoleSignOut",
             "ConsoleUploadTaxTable", "GetConsoleAccount", "GetConsoleAccounts", "GetConsoleDashboard", "GetConsoleQuarantine", "GetConsoleQuoteForm", "GetConsoleTaxTable"]);
    }

    [Fact]
    public async Task SignIn_CustomerUnknownOrNoKey_IsRefusedAlike_AndAPostFromAnotherOrigin_IsRefused()
    {
        using var client = console.NewClient();

        foreach (var key in new[] { console.CustomerKey, "sb_live_0000beef_" + new string('x', 43), "" })
        {
            using var refused = await ConsoleFixture.PostFormAsync(client, "api/console/sign-in", ("key", key));
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await refused.Content.ReadAsStringAsync()).ShouldContain("That key does not open the console. Use an admin or read-only API key.");
            refused.Headers.Contains("Set-Cookie").ShouldBeFalse();
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/console/sign-in")
        {
            Content = new FormUrlEncodedContent([new("key", console.AdminKey)]),
        };
        request.Headers.Add("Origin", "https://attacker.example");
        using var crossSite = await client.SendAsync(request);
        crossSite.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        crossSite.Headers.Contains("Set-Cookie").ShouldBeFalse();

        using var fetched = new HttpRequestMessage(HttpMethod.Post, "api/console/sign-in")
        {
            Content = new FormUrlEncodedContent([new("key", console.AdminKey)]),
        };
        fetched.Headers.Add("Sec-Fetch-Site", "cross-site");
        fetched.Headers.Add("Origin", "null");
        using var crossSiteFetch = await client.SendAsync(fetched);
        crossSiteFetch.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("admin", "admin")]
    [InlineData("reader", "read-only")]
    [InlineData("bootstrap", "admin")]
    public async Task SignIn_AdminReadOnlyOrBootstrapKey_SetsAStrictHttpOnlySessionCookie_AndOpensTheDashboard(string who, string role)
    {
        var key = who switch { "admin" => console.AdminKey, "reader" => console.ReaderKey, _ => console.BootstrapKey };
        using var client = console.NewClient();

        using var signIn = await ConsoleFixture.PostFormAsync(client, "api/console/sign-in", ("key", key));
        using var dashboard = await client.GetAsync(new Uri("api/console", UriKind.Relative));
        var page = await dashboard.Content.ReadAsStringAsync();

        signIn.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        signIn.Headers.Location!.OriginalString.ShouldBe("/api/console");
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single();
        cookie.ShouldStartWith("console_session=");
        cookie.ToLowerInvariant().ShouldContain("httponly");
        cookie.ToLowerInvariant().ShouldContain("samesite=strict");
        cookie.ToLowerInvariant().ShouldContain("path=/api/console");
        cookie.ShouldNotContain(key);
        dashboard.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.ShouldContain($"""(<span id="role">{role}</span>)""");
        page.ShouldContain(who == "bootstrap" ? "bootstrap key" : key[..16]);
        dashboard.Headers.GetValues("Content-Security-Policy").Single().ShouldBe(HtmlPage.ContentSecurityPolicy);
        dashboard.Headers.CacheControl!.NoStore.ShouldBeTrue();
        dashboard.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
    }

    [Fact]
    public async Task Dashboard_ShowsTheGroupsOverdueInvoiceInTheAging_TheHeldCall_AndTheIngestCounters()
    {
        // A held call of this test's own, so the Twilio quarantine has one whatever the other tests replayed.
        var callSid = "CA" + Guid.NewGuid().ToString("N");
        await console.PostCallAsync(CloseDriver.UniqueNumber("575"), callSid, SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(5), 30);
        await console.Host.Services.WaitForQuarantineAsync("twilio", callSid, 1);
        using var client = await console.SignedInClientAsync(console.ReaderKey);

        var page = await client.GetStringAsync(new Uri("api/console", UriKind.Relative));

        var total = $"{console.DentalInvoice.Total.ToString("N2", CultureInfo.InvariantCulture)} USD";
        var row = RowOf(page, $"""<tr data-account="{console.Dental.Id}" data-currency="USD">""");
        // The whole balance in the one bucket its due date puts it in, and in the row's total.
        var bucket = ReceivablesAging.BucketOf(console.DentalDueAt, SystemClock.Instance.GetCurrentInstant());
        var cells = string.Concat(Enumerable.Range(0, 5).Select(i => $"""<td class="num">{(i == bucket ? total : "0.00 USD")}</td>"""));
        row.ShouldContain($"""{cells}<td class="num">{total}</td>""");
        page.ShouldContain("""<svg class="chart" data-chart="aging-usd" """);
        page.ShouldContain("""data-label="90&#x2B;" data-value=""");
        RowOf(page, """<tr data-source="twilio" data-field=""").ShouldContain("<td class=\"num\">");
        page.ShouldContain("""<svg class="chart" data-chart="quarantine" """);
        page.ShouldContain("""<svg class="chart" data-chart="rated" """);
        RowOf(page, """<tr data-source="twilio"><th scope="row">twilio</th>""").ShouldNotBeEmpty();
        page.ShouldContain("Tax table freshness");
        page.ShouldContain("<li>twilio: replaying needs an admin session</li>");
        page.ShouldNotContain("<button type=\"submit\">Replay twilio</button>");
    }

    [Fact]
    public async Task ReplayQuarantine_ReadOnlyAndTokenlessPosts_AreRefused_AndAnAdminsReplay_BillsTheHeldCall()
    {
        using var reader = await console.SignedInClientAsync(console.ReaderKey);
        using var admin = await console.SignedInClientAsync(console.AdminKey);
        var readerToken = ConsoleFixture.FormTokenOf(await reader.GetStringAsync(new Uri("api/console", UriKind.Relative)));
        var adminPage = await admin.GetStringAsync(new Uri("api/console", UriKind.Relative));
        adminPage.ShouldContain("<button type=\"submit\">Replay twilio</button>");
        var adminToken = ConsoleFixture.FormTokenOf(adminPage);

        using var readOnly = await ConsoleFixture.PostFormAsync(reader, "api/console/quarantine/twilio/replay", ("csrf", readerToken));
        using var tokenless = await ConsoleFixture.PostFormAsync(admin, "api/console/quarantine/twilio/replay");
        using var othersToken = await ConsoleFixture.PostFormAsync(admin, "api/console/quarantine/twilio/replay", ("csrf", readerToken));
        (readOnly.StatusCode, tokenless.StatusCode, othersToken.StatusCode).ShouldBe((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden));
        (await readOnly.Content.ReadAsStringAsync()).ShouldContain("<h1>Your session is read-only</h1>");
        (await tokenless.Content.ReadAsStringAsync()).ShouldContain("<h1>This form has expired</h1>");
        (await console.Service<IAccountDirectory>().FindHolderAsync(console.HeldNumber, console.HeldCallStartedAt, CancellationToken.None)).ShouldBeNull();

        // The number the call was for is assigned; the replay bills the call to that account.
        (await console.Service<IAccountDirectory>().AssignNumberAsync(
            new NumberAssignment(console.HeldNumber, console.Dental.Id, NumberType.Local, new LocalDate(2025, 5, 1)), CancellationToken.None)).Succeeded.ShouldBeTrue();
        using var replay = await ConsoleFixture.PostFormAsync(admin, "api/console/quarantine/twilio/replay", ("csrf", adminToken));
        var result = await replay.Content.ReadAsStringAsync();

        replay.StatusCode.ShouldBe(HttpStatusCode.OK, result);
        result.ShouldContain("<h1>Replayed twilio</h1>");
        var usage = await console.Host.Services.WaitForUsageAsync(
            console.Dental.Id, console.Dental.Billing.PeriodContaining(console.HeldCallStartedAt), 1);
        usage.Single().Charge.BillableSeconds.ShouldBe(120);
        (await console.Service<IQuarantine>().ListAsync("twilio", CancellationToken.None))
            .ShouldNotContain(r => r.Reference.Contains(console.HeldCallSid, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HeldRecords_FoundByTheirCallId_EachWithItsOwnReplay_AndABadReferenceIsRefusedNamingIt()
    {
        var callSid = "CA" + Guid.NewGuid().ToString("N");
        await console.PostCallAsync(CloseDriver.UniqueNumber("575"), callSid, SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(5), 30);
        var reference = (await console.Host.Services.WaitForQuarantineAsync("twilio", callSid, 1)).Single().Reference;
        var encoded = System.Text.Encodings.Web.HtmlEncoder.Default.Encode(reference);
        using var admin = await console.SignedInClientAsync(console.AdminKey);
        using var reader = await console.SignedInClientAsync(console.ReaderKey);

        var held = await admin.GetStringAsync(new Uri($"api/console/quarantine/twilio?find={callSid}", UriKind.Relative));
        var readOnly = await reader.GetStringAsync(new Uri($"api/console/quarantine/twilio?find={callSid}", UriKind.Relative));
        var none = await admin.GetStringAsync(new Uri($"api/console/quarantine/twilio?find=CA{Guid.NewGuid():N}", UriKind.Relative));

        held.ShouldContain("<caption>1 held record</caption>");
        RowOf(held, $"""<tr data-reference="{encoded}">""").ShouldContain($"""<input type="hidden" name="reference" value="{encoded}"><button type="submit" aria-label="Replay {encoded}">Replay</button>""");
        RowOf(readOnly, $"""<tr data-reference="{encoded}">""").ShouldNotContain("<button");
        none.ShouldContain("""<p id="held-none">No held record matches.</p>""");

        // The call's number is still nobody's: replaying it alone leaves it held and touches no other record.
        var token = ConsoleFixture.FormTokenOf(held);
        using var replay = await ConsoleFixture.PostFormAsync(admin, "api/console/quarantine/twilio/replay", ("csrf", token), ("reference", reference));
        var replayed = await replay.Content.ReadAsStringAsync();
        replay.StatusCode.ShouldBe(HttpStatusCode.OK, replayed);
        replayed.ShouldContain($"<h1>Replayed {encoded}</h1>");
        replayed.ShouldContain("""<td class="num" id="replay-billed">0</td>""");
        replayed.ShouldContain("""<td class="num" id="replay-held">1</td>""");

        using var tooLong = await ConsoleFixture.PostFormAsync(admin, "api/console/quarantine/twilio/replay", ("csrf", token), ("reference", new string('r', 1025)));
        using var blank = await ConsoleFixture.PostFormAsync(admin, "api/console/quarantine/twilio/replay", ("csrf", token), ("reference", " "));
        using var readerPost = await ConsoleFixture.PostFormAsync(reader, "api/console/quarantine/twilio/replay",
            ("csrf", ConsoleFixture.FormTokenOf(readOnly)), ("reference", reference));
        (tooLong.StatusCode, blank.StatusCode, readerPost.StatusCode).ShouldBe((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden));
        (await tooLong.Content.ReadAsStringAsync()).ShouldContain("""<p id="invalid" data-field="reference">reference: is longer than 1024 characters</p>""");
        (await blank.Content.ReadAsStringAsync()).ShouldContain("""<p id="invalid" data-field="reference">reference: is blank</p>""");
        (await console.Service<IQuarantine>().ListAsync("twilio", CancellationToken.None)).Count(r => r.Reference == reference).ShouldBe(1);
    }

    [Fact]
    public async Task Accounts_ListedAPageAtATime_TheDetailShowsNumbersAndInvoices_AndOnlyAdminsIssuePortalLinks()
    {
        using var admin = await console.SignedInClientAsync(console.AdminKey);
        using var reader = await console.SignedInClientAsync(console.ReaderKey);

        // The storage is shared with other tests: follow the pages until both of this fixture's accounts have been listed.
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var path = "api/console/accounts";
        for (var pages = 0; path is not null && pages < 400 && !(listed.Contains(console.Dental.Id) && listed.Contains(console.Realtor.Id)); pages++)
        {
            var page = await reader.GetStringAsync(new Uri(path, UriKind.Relative));
            foreach (var id in new[] { console.Dental.Id, console.Realtor.Id }.Where(id => page.Contains($"data-account=\"{id}\"", StringComparison.Ordinal)))
            {
                listed.Add(id);
            }

            path = System.Text.RegularExpressions.Regex.Match(page, """id="next-page" href="/(?<next>[^"]+)">""") is { Success: true } next
                ? WebUtility.HtmlDecode(next.Groups["next"].Value)
                : null;
        }

        listed.ShouldBe([console.Dental.Id, console.Realtor.Id], ignoreOrder: true);
        var detail = await reader.GetStringAsync(new Uri($"api/console/accounts/{console.Dental.Id}", UriKind.Relative));
        detail.ShouldContain($"<h1>{console.Dental.Name}</h1>");
        detail.ShouldContain($"""<tr data-invoice="{console.DentalInvoice.InvoiceId}"><th scope="row">{console.DentalInvoice.Number}</th>""");
        detail.ShouldContain("Issuing a portal link needs an admin session.");
        using var missing = await reader.GetAsync(new Uri("api/console/accounts/no-such-account-" + Guid.NewGuid().ToString("N")[..8], UriKind.Relative));
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var readOnly = await ConsoleFixture.PostFormAsync(reader, $"api/console/accounts/{console.Dental.Id}/portal-link", ("csrf", ConsoleFixture.FormTokenOf(detail)));
        readOnly.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var adminDetail = await admin.GetStringAsync(new Uri($"api/console/accounts/{console.Dental.Id}", UriKind.Relative));
        using var issued = await ConsoleFixture.PostFormAsync(admin, $"api/console/accounts/{console.Dental.Id}/portal-link", ("csrf", ConsoleFixture.FormTokenOf(adminDetail)));
        var withLink = await issued.Content.ReadAsStringAsync();
        issued.StatusCode.ShouldBe(HttpStatusCode.OK, withLink);
        var link = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(withLink, """id="portal-link" href="(?<link>[^"]+)">""").Groups["link"].Value);
        link.ShouldStartWith($"{console.Host.BaseAddress}api/portal/enter?token=");

        // The customer opens it: signed in to the portal, on their own account.
        using var customer = console.NewClient();
        using var entered = await customer.GetAsync(new Uri(link));
        using var overview = await customer.GetAsync(new Uri("api/portal", UriKind.Relative));
        entered.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await overview.Content.ReadAsStringAsync()).ShouldContain(console.Dental.Name);
    }

    [Fact]
    public async Task AccountPayments_ListedTwentyFiveAPageInTimeOrder_AndTheCursorPagesNoOtherAccount()
    {
        // An account of this test's own with one invoice, paid a cent at a time: 27 payments, so two pages.
        var account = new Account(CloseDriver.UniqueId("payer"), "Console Payer", console.Plan.Id, new BillingProfile("UTC", 1, "USD"));
        await console.Own.Driver.SeedAsync(console.Plan, account);
        var invoice = await console.Own.Driver.CloseAsync(new CycleRequest(account.Id, "2025-06-01"));
        var keys = Enumerable.Range(1, ConsoleAccounts.PaymentsPageSize + 2).Select(i => $"cent-{i:D2}").ToList();
        foreach (var key in keys)
        {
            await console.Own.Api.RecordOfflinePaymentAsync(account.Id, invoice.InvoiceId, new OfflinePaymentRequest(key, 0.01m, "cheque", key), CancellationToken.None);
        }

        using var reader = await console.SignedInClientAsync(console.ReaderKey);

        var first = await reader.GetStringAsync(new Uri($"api/console/accounts/{account.Id}", UriKind.Relative));
        var next = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(first, """id="next-payments" href="/(?<next>[^"#]+)#payments-heading">""").Groups["next"].Value);
        next.ShouldStartWith($"api/console/accounts/{account.Id}?payments=");
        var second = await reader.GetStringAsync(new Uri(next, UriKind.Relative));
        var cursor = next[(next.IndexOf("?payments=", StringComparison.Ordinal) + "?payments=".Length)..];
        using var elsewhere = await reader.GetAsync(new Uri($"api/console/accounts/{console.Dental.Id}?payments={cursor}", UriKind.Relative));

        PaymentRows(first).ShouldBe(keys.Take(ConsoleAccounts.PaymentsPageSize).Select(k => "offline:" + k));
        PaymentRows(second).ShouldBe(keys.Skip(ConsoleAccounts.PaymentsPageSize).Select(k => "offline:" + k));
        first.ShouldContain($"""<tr data-payment="offline:cent-01"><th scope="row">""");
        RowOf(first, """<tr data-payment="offline:cent-01">""").ShouldContain(
            $"""<td>{invoice.Number}</td><td>Offline</td><td>Succeeded</td><td class="num">0.01 USD</td><td class="num">0.01 USD</td><td>cent-01</td>""");
        second.ShouldNotContain("id=\"next-payments\"");
        second.ShouldContain($"<h1>{account.Name}</h1>");
        // A cursor names its account: on another account's page it is no page at all.
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await elsewhere.Content.ReadAsStringAsync()).ShouldNotContain(console.Dental.Name);
    }

    [Fact]
    public async Task SignOut_NeedsTheFormToken_AndEndsTheSession()
    {
        using var client = await console.SignedInClientAsync(console.AdminKey);
        var token = ConsoleFixture.FormTokenOf(await client.GetStringAsync(new Uri("api/console", UriKind.Relative)));

        using var tokenless = await ConsoleFixture.PostFormAsync(client, "api/console/sign-out");
        using var stillIn = await client.GetAsync(new Uri("api/console", UriKind.Relative));
        using var signedOut = await ConsoleFixture.PostFormAsync(client, "api/console/sign-out", ("csrf", token));
        using var after = await client.GetAsync(new Uri("api/console", UriKind.Relative));

        (tokenless.StatusCode, stillIn.StatusCode, signedOut.StatusCode, after.StatusCode)
            .ShouldBe((HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized));
        (await signedOut.Content.ReadAsStringAsync()).ShouldContain("<h1>You are signed out</h1>");
    }

    [Fact]
    public async Task EntraPrincipalHeader_IsIgnoredWhereEntraSignInIsOff()
    {
        using var client = console.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/console");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", Principal("mallory@example.com", "Console.Admin"));

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("mallory");
    }

    [Fact]
    public async Task EntraSignIn_SendsToThePlatformsSignIn_AndTheAppRoleDecides()
    {
        var logs = new CapturedLogs();
        await using var entra = await OwnBillingHost.StartAsync(
            OwnBillingHost.NewTaskHub(),
            CloseDriver.UniqueId("entra"),
            services => services.AddSingleton<ILoggerProvider>(logs),
            new Dictionary<string, string?> { ["Console:EntraSignIn"] = "true" });
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = entra.Host.BaseAddress };

        async Task<(HttpStatusCode Status, string Page, Uri? Location)> GetAsync(string path, string? principal)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (principal is not null)
            {
                request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
            }

            using var response = await client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location);
        }

        var anonymous = await GetAsync("api/console", null);
        var form = await GetAsync("api/console/sign-in", null);
        var reader = await GetAsync("api/console", Principal("ana@reseller.example", "Console.Reader"));
        var admin = await GetAsync("api/console", Principal("ben@reseller.example", "Console.Admin"));
        var noRole = await GetAsync("api/console", Principal("eve@reseller.example"));

        (anonymous.Status, anonymous.Location!.OriginalString).ShouldBe((HttpStatusCode.SeeOther, "/.auth/login/aad?post_login_redirect_uri=%2Fapi%2Fconsole"));
        form.Location!.OriginalString.ShouldBe("/.auth/login/aad?post_login_redirect_uri=%2Fapi%2Fconsole");
        reader.Status.ShouldBe(HttpStatusCode.OK);
        reader.Page.ShouldContain("""<span id="signed-in-as">ana@reseller.example</span> (<span id="role">read-only</span>)""");
        reader.Page.ShouldContain("/.auth/logout?post_logout_redirect_uri=%2Fapi%2Fconsole");
        admin.Page.ShouldContain("""<span id="signed-in-as">ben@reseller.example</span> (<span id="role">admin</span>)""");
        (noRole.Status, noRole.Page.Contains("<h1>No access to the console</h1>", StringComparison.Ordinal)).ShouldBe((HttpStatusCode.Forbidden, true));
        // The user turned away is a warning naming them by their masked address.
        logs.Records.ShouldContain(r => r.StartsWith("Warning ", StringComparison.Ordinal) && r.Contains("Console refused Entra ID user e***@reseller.example: ", StringComparison.Ordinal));
        logs.Records.ShouldNotContain(r => r.Contains("eve@reseller.example", StringComparison.Ordinal));
    }

    /// <summary>The principal header as App Service authentication writes it: base64 of the token's claims.</summary>
    private static string Principal(string name, params string[] roles)
    {
        var claims = new List<object> { new { typ = "name", val = name } };
        claims.AddRange(roles.Select(r => new { typ = "roles", val = r }));
        var json = JsonSerializer.Serialize(new { auth_typ = "aad", claims, name_typ = "name", role_typ = "roles" });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>The payment ids of a page's payments table, in the page's order.</summary>
    private static string[] PaymentRows(string page) =>
        [.. System.Text.RegularExpressions.Regex.Matches(page, """<tr data-payment="(?<id>[^"]+)">""").Select(m => WebUtility.HtmlDecode(m.Groups["id"].Value))];

    private static string RowOf(string page, string start)
    {
        var at = page.IndexOf(start, StringComparison.Ordinal);
        at.ShouldBeGreaterThanOrEqualTo(0, start);
        return page[at..page.IndexOf("</tr>", at, StringComparison.Ordinal)];
    }
}
