using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Invoicing;

/// <summary>Builds the invoice a close stores: an account's own, or a parent's consolidated invoice with its locations.</summary>
/// <remarks>
/// Each location's invoice is built exactly as a stand-alone one would be (<see cref="InvoiceBuilder"/> with the
/// location's own plan, numbers and usage) and taxed at the location's service address, or at the parent's when it
/// has none (<see cref="InvoiceTaxes"/>, one call per location); for a calculator that taxes intrastate and interstate minutes apart
/// (<see cref="ITaxCalculator.SplitsUsageByJurisdiction"/>), its usage lines are split by where the calls ran, its own numbers placed at
/// their place of primary use (<see cref="PlacesOfPrimaryUse"/>: the assignment's state, else the address it is taxed at). Its lines are then carried over onto the parent's
/// invoice, labelled with the location's name; the parent's own lines come first, labelled with its name. Lines keep
/// their rounding, so the total is still the sum of the lines and the location subtotals add up to it. Every
/// location's tax notices are carried over too, each naming its location; a state no table covers is said once, naming every
/// location in it (<see cref="UncoveredJurisdictions.OncePerState"/>).
/// </remarks>
public static class GroupInvoice
{
    public static async Task<Invoice> BuildAsync(
        LocationBill parent, IReadOnlyList<LocationBill> children, BillingPeriod period, ITaxCalculator taxes, CancellationToken cancellationToken)
    {
        var own = await BuildTaxedAsync(parent, parent.Account, period, taxes, cancellationToken);
        if (children.Count == 0)
        {
            return own;
        }

        var labels = LocationLabels([parent.Account, .. children.Select(c => c.Account)]);
        var lines = new List<InvoiceLine>(Label(own, labels[parent.Account.Id]));
        var notices = new List<TaxNotice>(LabelNotices(own, labels[parent.Account.Id]));
        foreach (var child in children.OrderBy(c => c.Account.Name, StringComparer.Ordinal).ThenBy(c => c.Account.Id, StringComparer.Ordinal))
        {
            if (child.Plan.Currency != own.Currency)
            {
                throw new InvalidOperationException($"Location '{child.Account.Id}' is billed in {child.Plan.Currency}, its parent '{parent.Account.Id}' in {own.Currency}.");
            }

            var taxedAs = child.Account.ServiceAddress is null
                ? child.Account with { ServiceAddress = parent.Account.ServiceAddress, Tax = child.Account.Tax ?? parent.Account.Tax }
                : child.Account;
            var location = await BuildTaxedAsync(child, taxedAs, period, taxes, cancellationToken);
            lines.AddRange(Label(location, labels[child.Account.Id]));
            notices.AddRange(LabelNotices(location, labels[child.Account.Id]));
        }

        return own with { Lines = lines, TaxNotices = UncoveredJurisdictions.OncePerState(notices) };
    }

    private static Task<Invoice> BuildTaxedAsync(LocationBill bill, Account taxedAs, BillingPeriod period, ITaxCalculator taxes, CancellationToken cancellationToken) =>
        InvoiceTaxes.AddToAsync(
            InvoiceBuilder.Build(bill.Account, bill.Plan, period, bill.Numbers, bill.Usage, bill.PreviousUsage,
                taxes.SplitsUsageByJurisdiction ? InvoiceTaxes.JurisdictionsFor(taxedAs, bill.Numbers) : null),
            taxedAs, bill.Numbers, taxes, cancellationToken);

    /// <summary>Each location's name, with its account id after it when another location has the same name, so every subtotal is its own.</summary>
    public static IReadOnlyDictionary<string, string> LocationLabels(IReadOnlyList<Account> locations)
    {
        var shared = locations.GroupBy(a => a.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return locations.ToDictionary(a => a.Id, a => shared.Contains(a.Name) ? $"{a.Name} ({a.Id})" : a.Name, StringComparer.Ordinal);
    }

    private static IEnumerable<InvoiceLine> Label(Invoice invoice, string location) =>
        invoice.Lines.Select(line => line with { Location = location });

    private static IEnumerable<TaxNotice> LabelNotices(Invoice invoice, string location) =>
        invoice.TaxNotices.Select(notice => notice with { Location = location });
}
