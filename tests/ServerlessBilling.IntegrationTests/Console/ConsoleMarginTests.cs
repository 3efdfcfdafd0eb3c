using System.Net;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.IntegrationTests.Cycles;
using ServerlessBilling.Rating;
using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;

namespace ServerlessBilling.IntegrationTests.Console;

/// <summary>The dashboard's margin panels over HTTP on Azurite: an account of the test's own currency (no other test bills in Swiss
/// francs) with calls in this period and the one before, priced against the vendor's reported cost or else the cost plan's expected
/// one, added up per month and per component and vendor, and its loss-making call listed with a link to the account.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConsoleMarginTests(ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task Dashboard_ShowsMarginPerMonthAndPerVendor_WithTheCostBasis_AndLinksTheLossMakingCall()
    {
        var account = new Account(CloseDriver.UniqueId("margin"), "Console Margin Clinic", console.Plan.Id, new BillingProfile("UTC", 1, "CHF"));
        (await console.Service<IAccountDirectory>().SetProfileAsync(account, null, CancellationToken.None)).Succeeded.ShouldBeTrue();
        var current = account.Billing.PeriodContaining(SystemClock.Instance.GetCurrentInstant());
        var previous = BillingPeriod.Containing(current.Start.PlusMonths(-1), 1);
        var loss = CloseDriver.UniqueId("loss");
        RatedUsage[] calls =
        [
            Call(account.Id, CloseDriver.UniqueId("ai"), "retell", UsageComponent.AiVoice, current.Start, 2.00m, reported: 0.80m),
            Call(account.Id, loss, "twilio", UsageComponent.Telephony, current.Start, 0.50m, expected: 0.90m),
            Call(account.Id, CloseDriver.UniqueId("old"), "twilio", UsageComponent.Telephony, previous.Start, 3.00m),
        ];
        var ledger = console.Service<IUsageLedger>();
        try
        {
            foreach (var call in calls)
            {
                (await ledger.TryRecordAsync(call, CancellationToken.None)).ShouldBeTrue();
            }

            using var client = await console.SignedInClientAsync(console.ReaderKey);
            using var response = await client.GetAsync(new Uri("api/console", UriKind.Relative));
            var page = await response.Content.ReadAsStringAsync();

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            page.ShouldContain("""<h2 id="months-chf-heading">Revenue and margin per month, CHF</h2>""");
            page.ShouldContain($"""<tr data-line="{previous.Start:yyyy-MM}"><th scope="row">{previous.Start:yyyy-MM}</th><td class="num">1</td><td class="num">3.00</td><td class="num">0.00</td><td class="num">0.00</td><td class="wrap">none</td><td class="num">1</td></tr>""");
            page.ShouldContain($"""<tr data-line="{current.Start:yyyy-MM}"><th scope="row">{current.Start:yyyy-MM}</th><td class="num">2</td><td class="num">2.50</td><td class="num">1.70</td><td class="num">0.80</td><td class="wrap">reported and expected</td><td class="num">0</td></tr>""");
            page.ShouldContain("""<rect class="bar" data-label="AiVoice via retell" data-value="1.2" """);
            page.ShouldContain("""<tr data-line="AiVoice via retell"><th scope="row">AiVoice via retell</th><td class="num">1</td><td class="num">2.00</td><td class="num">0.80</td><td class="num">1.20</td><td class="wrap">reported by the vendor</td><td class="num">0</td></tr>""");
            page.ShouldContain("""<tr data-line="Telephony via twilio"><th scope="row">Telephony via twilio</th><td class="num">2</td><td class="num">3.50</td><td class="num">0.90</td><td class="num">-0.40</td><td class="wrap">expected from the cost plan</td><td class="num">1</td></tr>""");
            page.ShouldContain("""<select id="vendor" name="vendor"><option value="" selected>All vendors</option>""");

            // Narrowed to one vendor: its lines only, the months and losses as they were.
            var retell = await client.GetStringAsync(new Uri("api/console?vendor=retell", UriKind.Relative));
            var chfVendors = retell[retell.IndexOf("""<h2 id="vendors-chf-heading">""", StringComparison.Ordinal)..];
            chfVendors = chfVendors[..chfVendors.IndexOf("</section>", StringComparison.Ordinal)];
            chfVendors.ShouldStartWith("""<h2 id="vendors-chf-heading">Margin per vendor and component of retell, CHF</h2>""");
            chfVendors.ShouldContain("""<tr data-line="AiVoice via retell"><th scope="row">AiVoice via retell</th><td class="num">1</td><td class="num">2.00</td><td class="num">0.80</td><td class="num">1.20</td><td class="wrap">reported by the vendor</td><td class="num">0</td></tr>""");
            chfVendors.ShouldNotContain("via twilio");
            retell.ShouldContain($"""<tr data-line="{current.Start:yyyy-MM}"><th scope="row">{current.Start:yyyy-MM}</th><td class="num">2</td><td class="num">2.50</td><td class="num">1.70</td><td class="num">0.80</td><td class="wrap">reported and expected</td><td class="num">0</td></tr>""");
            page.ShouldContain($"""<tr data-event="{loss}"><th scope="row"><a href="/api/console/accounts/{account.Id}">{account.Id}</a></th><td>{current.Key}</td><td>twilio</td><td>&#x2B;14155550100</td><td class="num">0.50</td><td class="num">0.90</td><td class="num">-0.40</td><td class="wrap">expected from the cost plan</td></tr>""");
        }
        finally
        {
            // Rows left behind would count again in the next run on a reused Azurite.
            foreach (var call in calls)
            {
                await ledger.RemoveAsync(call.AccountId, call.PeriodKey, call.Event.Identity, CancellationToken.None);
            }
        }
    }

    /// <summary>A rated call at noon UTC on <paramref name="day"/>; with <paramref name="expected"/> its charge carries the cost its cost
    /// plan expects, as rating records it.</summary>
    private static RatedUsage Call(string accountId, string id, string source, UsageComponent component, LocalDate day, decimal price,
        decimal? reported = null, decimal? expected = null)
    {
        var call = new UsageEvent(id, source, id, day.At(new LocalTime(12, 0)).InUtc().ToInstant(), 60, CallDirection.Outbound, "+12125550100", "+14155550100",
            component, true, reported is { } r ? new Money(r, "CHF") : null);
        var charge = new Charge(60, new Money(price, "CHF"), price, "p", "2026-01-01")
        {
            ExpectedCost = expected is { } e ? new ExpectedCost(new Money(e, "CHF"), "cost-twilio-voice", "2026-01-01", null, 60, e) : null,
        };
        return new RatedUsage(call, accountId, BillingPeriod.Containing(day, 1).Key, charge);
    }
}
