using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Invoicing;

/// <summary>The calls an invoice bills, as its documents list them: the usage CSV row by row, the PDF's summary per number and,
/// when the account asks for them, its itemized call pages.</summary>
/// <remarks>
/// Calls are listed in call-start order, the order bundles are drawn down in, so the included and charged seconds read as a
/// running story; late calls of earlier periods close each location's list, oldest period first. A consolidated invoice lists
/// the parent's calls, then each location's, in the invoice's order. <see cref="Calls"/> is computed as it is enumerated from
/// the rated usage the close already read, one location at a time, so each document reads the calls without a copy of them.
/// </remarks>
public sealed class UsageDetail : IDisposable
{
    private UsageDetail(IReadOnlyList<LocationUsage> locations, bool itemized)
    {
        Locations = locations;
        Itemized = itemized;
    }

    /// <summary>The detail of an invoice that bills no calls (a late fee's).</summary>
    public static UsageDetail None { get; } = new([], itemized: false);

    /// <summary>Whether the PDF lists each call after the summary per number: the invoiced account's
    /// <see cref="BillingProfile.ItemizedCalls"/> (on a consolidated invoice, the parent's).</summary>
    public bool Itemized { get; }

    /// <summary>The account's calls, or on a consolidated invoice the parent's and then each location's, in the invoice's order.</summary>
    public IReadOnlyList<LocationUsage> Locations { get; }

    /// <summary>The calls of one account's invoice for <paramref name="period"/>.</summary>
    public static UsageDetail Of(BillingPeriod period, Account account, PricePlan plan, IReadOnlyList<RatedUsage> usage) =>
        new([new LocationUsage(period, new LocationBill(account, plan, [], usage), null)], account.Billing.ItemizedCalls == true);

    /// <summary>The calls of a consolidated invoice, each location's labelled as the invoice labels it.</summary>
    /// <param name="locations">The parent first, then its locations in the invoice's order.</param>
    public static UsageDetail Consolidated(BillingPeriod period, IReadOnlyList<LocationBill> locations)
    {
        var labels = GroupInvoice.LocationLabels([.. locations.Select(l => l.Account)]);
        return new([.. locations.Select(l => new LocationUsage(period, l, labels[l.Account.Id]))], locations.Count > 0 && locations[0].Account.Billing.ItemizedCalls == true);
    }

    /// <summary>Every call, location by location, each worked out as it is reached.</summary>
    public IEnumerable<CallDetail> Calls() => Locations.SelectMany(location => location.Calls());

    /// <summary>Gives back what the store holds for the usage read (<see cref="LocationBill.ReleaseUsage"/>) once the documents are written.</summary>
    public void Dispose()
    {
        foreach (var location in Locations)
        {
            location.Release();
        }
    }
}
