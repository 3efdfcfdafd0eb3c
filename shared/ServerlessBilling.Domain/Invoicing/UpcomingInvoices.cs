using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;

namespace ServerlessBilling.Invoicing;

/// <summary>Prices an account's open period so far exactly as its close would (<see cref="PeriodPricing"/>, the close's own
/// computation), for the API's and the portal's upcoming invoice.</summary>
public sealed class UpcomingInvoices(IAccountDirectory accounts, PeriodPricing pricing, IClock clock)
{
    /// <summary>The preview of the period containing today (the account's zone and bill-cycle day).</summary>
    /// <returns>The preview; not found for an unknown account; invalid for a location billed on its parent's invoice
    /// (its usage is on the parent's preview).</returns>
    public async Task<Outcome<UpcomingInvoice>> PreviewAsync(string accountId, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(accountId, cancellationToken);
        if (account is null)
        {
            return Problem.NotFound($"Account '{accountId}'");
        }

        if (account.ParentAccountId is { } parentId && AccountGroups.IsBilledByParent(account, await accounts.FindAsync(parentId, cancellationToken)))
        {
            return Problem.Invalid("The location has no invoice of its own", AccountGroups.BilledByParentProblem(account));
        }

        var now = clock.GetCurrentInstant();
        var period = OpenPeriod(account, now);
        var invoice = await pricing.PriceAsync(account, period, cancellationToken);
        return new UpcomingInvoice(invoice, now, period.EndInstant(account.Billing.Zone));
    }

    /// <summary>The period containing <paramref name="now"/> in the account's zone.</summary>
    public static BillingPeriod OpenPeriod(Account account, Instant now) =>
        BillingPeriod.Containing(now.InZone(account.Billing.Zone).Date, account.Billing.BillCycleDay);
}
