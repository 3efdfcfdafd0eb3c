using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Invoicing;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Tax;

/// <summary>Adds the telecom taxes and regulatory fees to a draft invoice, as the close does before the invoice is numbered.</summary>
/// <remarks>
/// The invoice date that keys the rates is the day the period ends (the first day after it): a close runs then or
/// shortly after, and a draft rebuilt later must come out the same. The account's service address is the place of
/// primary use; the lines a jurisdiction may count are the numbers held in the period and the profile's channels
/// and devices. AI voice usage is the AI platform (not telecom, outside the USF base); other usage is
/// interconnected VoIP. An account without a service address is not taxed.
/// </remarks>
public static class InvoiceTaxes
{
    /// <summary>The draft with its tax lines and, in <see cref="Invoice.TaxNotices"/>, every notice the calculator returned.</summary>
    /// <remarks>The notices travel on the invoice itself, so no caller can keep the taxes and lose the notices.</remarks>
    public static async Task<Invoice> AddToAsync(
        Invoice draft, Account account, IReadOnlyList<NumberAssignment> numbers, ITaxCalculator calculator, CancellationToken cancellationToken)
    {
        if (account.ServiceAddress is not { } address)
        {
            return draft;
        }

        var profile = account.Tax ?? new AccountTaxProfile();
        var customer = new CustomerTaxProfile(profile.CustomerType, address, profile.ResellerCertificates ?? [], profile.Exemptions ?? []);
        var held = numbers.Count(n => n.HeldDuring(draft.Period));
        var lines = new ServiceLines(address, held, profile.ConcurrentChannels, profile.Devices);
        var request = InvoiceTaxRequest.For(draft, InvoiceDate(draft.Period), customer, [lines], Classify) with { Pcode = profile.Pcode };
        var result = await calculator.CalculateAsync(request, cancellationToken);
        var taxLines = result.Lines.Select(t => (t.Rate is { } rate
            ? new InvoiceLine(LineCategory.Taxes, $"{t.Label} ({t.JurisdictionName})", t.TaxableBase, draft.Currency, rate, t.Amount)
            : new InvoiceLine(LineCategory.Taxes, $"{t.Label} ({t.JurisdictionName})", t.Units, "line", t.UnitAmount, t.Amount)) with { Tax = t });
        return draft with
        {
            Lines = [.. WithRevenue(draft.Lines, result.Revenue), .. taxLines],
            TaxNotices = [.. draft.TaxNotices, .. result.Notices],
        };
    }

    public static LocalDate InvoiceDate(BillingPeriod period) => period.End;

    /// <summary>Stamps each taxed charge with its 499-A split; the request's items are the lines <see cref="InvoiceTaxRequest.IsTaxable"/> kept, in order.</summary>
    /// <remarks>A calculator that returns no split (a commercial service may not) leaves the charges unstamped: the worksheet shows them as unclassified.</remarks>
    private static IEnumerable<InvoiceLine> WithRevenue(IReadOnlyList<InvoiceLine> lines, IReadOnlyList<TaxedRevenue> revenue)
    {
        var byItem = revenue.ToDictionary(r => r.ItemIndex);
        var item = 0;
        foreach (var line in lines)
        {
            var split = InvoiceTaxRequest.IsTaxable(line, Classify) && byItem.TryGetValue(item++, out var found) ? found : null;
            yield return split is null ? line : line with { Revenue = split };
        }
    }

    /// <summary>Where a call ran, for a calculator that taxes usage by jurisdiction: from its numbers (<see cref="NumberStates"/>); null
    /// for AI voice minutes, which are the AI platform and not telecom, so they are never split.</summary>
    public static UsageJurisdiction? JurisdictionOf(UsageEvent call) =>
        call.Component == UsageComponent.AiVoice ? null : NumberStates.JurisdictionOf(call);

    /// <summary>Where a call of <paramref name="account"/> ran, as <see cref="JurisdictionOf(UsageEvent)"/>, with the account's own
    /// numbers placed at their place of primary use (<see cref="PlacesOfPrimaryUse"/>) rather than where they were issued.</summary>
    public static Func<UsageEvent, UsageJurisdiction?> JurisdictionsFor(Account account, IReadOnlyList<NumberAssignment> numbers)
    {
        var places = PlacesOfPrimaryUse.For(account, numbers);
        return call => call.Component == UsageComponent.AiVoice ? null : places.JurisdictionOf(call);
    }

    private static ProductCategory? Classify(InvoiceLine line) =>
        line.Component == UsageComponent.AiVoice ? ProductCategory.AiPlatform : InvoiceTaxRequest.DefaultCategory(line);
}
