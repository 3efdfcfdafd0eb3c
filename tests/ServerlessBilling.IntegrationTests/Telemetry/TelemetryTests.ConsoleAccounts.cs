using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ServerlessBilling.Accounts;
using ServerlessBilling.IntegrationTests.Api.Access;
using ServerlessBilling.IntegrationTests.Console;

namespace ServerlessBilling.IntegrationTests.Telemetry;

/// <summary>An account opened from an accepted quote in the console is audited as an account save through the API is: the same
/// record, naming the session's caller (an API key by its prefix), the fields the quote set, and the billing contact's address masked.</summary>
public partial class TelemetryTests
{
    [Fact]
    public async Task ConsoleQuoteAccount_IsAuditedAsAnApiSave_EmailMasked()
    {
        const string email = "lena.ortiz@smiles.example";
        await host.Api.PutPlanAsync(Plan, CancellationToken.None);
        var requests = new KeyedRequests(host);
        var key = await requests.IssueAsync("console audit", "admin");
        var secret = KeyedRequests.SecretOf(key);
        var accountId = $"otel-quoted-{Guid.NewGuid():N}"[..24];

        using var console = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = host.Host.BaseAddress };
        using (var signIn = await ConsoleFixture.PostFormAsync(console, "api/console/sign-in", ("key", secret)))
        {
            signIn.StatusCode.ShouldBe(HttpStatusCode.SeeOther, await signIn.Content.ReadAsStringAsync());
        }

        var token = ConsoleFixture.FormTokenOf(await console.GetStringAsync(new Uri("api/console/quotes", UriKind.Relative)));
        using var opened = await ConsoleFixture.PostFormAsync(console, "api/console/quotes/account",
            ("csrf", token), ("plan", Plan.Id), ("zone", "America/Denver"), ("accounts", "1"), ("numbers", "1"),
            ("accountId", accountId), ("name", "Quoted Smiles"), ("email", email));
        opened.StatusCode.ShouldBe(HttpStatusCode.SeeOther, await opened.Content.ReadAsStringAsync());
        (await host.Host.Services.GetRequiredService<IAccountDirectory>().FindAsync(accountId, CancellationToken.None))!.Contact!.Email.ShouldBe(email);

        // The record an API save writes (TelemetryTests.AccountSaves), with the key's prefix as the caller.
        var saves = host.Logs.Records.Where(r => r.Contains($"Account {accountId} ", StringComparison.Ordinal)).ToList();
        saves.ShouldHaveSingleItem(string.Join('\n', saves)).ShouldMatch(
            $"^Information .*: Account {accountId} created by {Regex.Escape(secret[..16])}: changed name, planId, billing, contact; version [^;]+; billing contact l\\*\\*\\*@smiles\\.example \\|");
        foreach (var value in new[] { email, "lena.ortiz", secret })
        {
            host.Logs.Records.ShouldNotContain(r => r.Contains(value, StringComparison.Ordinal), value);
        }
    }
}
