using System.Globalization;
using NodaTime;
using ServerlessBilling.Accounts;
using ServerlessBilling.Cycles;
using ServerlessBilling.Payments;
using ServerlessBilling.Rating;

namespace ServerlessBilling.Invoicing;

/// <summary>Settles a re-rating of a period whose invoice is final: the invoice stands, and the difference it finds in
/// what the invoice billed for usage becomes a charge on the next invoice or a credit note.</summary>
/// <remarks>
/// The period is billed again in memory (<see cref="InvoiceBuilder"/>, with the re-rated calls and the corrected plan)
/// and its usage (included, overage, prior-period usage and the minimum-spend true-up, which moves with usage) is
/// compared with the final invoice's, less what earlier re-ratings of the period already settled. So repeating a
/// re-rating finds nothing left, and each run is keyed by (account, period, run id): a positive difference is a
/// <see cref="AdjustmentKind.RerateDifference"/> adjustment, a negative one a credit note (capped at what the
/// invoice still has un-credited). The ledger keeps the charges the invoice was built from.
/// Concurrent re-ratings (other run ids, other plans) settle one difference per state of the period: each claims the
/// next settlement in the cycle ledger under that record's version before writing it (<see cref="ICycleLedger.TryClaimSettlementAsync"/>).
/// </remarks>
public sealed class ClosedPeriodRerating(
    IAccountDirectory accounts, IUsageLedger ledger, ICycleLedger cycles, IPendingAdjustments adjustments, ICreditNoteStore creditNotes, CreditNoteIssuing issuing, IClock clock)
{
    private const string CreditKeyPrefix = "rerate:";

    private static readonly LineCategory[] UsageCategories =
        [LineCategory.IncludedUsage, LineCategory.Usage, LineCategory.PriorPeriodUsage, LineCategory.Commitment];

    /// <param name="collections">Wakes the invoice's collection when a credit note changes its balance; null where the caller has no
    /// durable client (the collection then sees the change at its next step).</param>
    public async Task<ClosedPeriodSettlement> SettleAsync(
        Account account, PricePlan plan, Invoice invoice, IReadOnlyList<RatedUsage> rerated, string? runId, ICollectionOrchestrations? collections,
        CancellationToken cancellationToken)
    {
        var period = invoice.Period;
        var numbers = await accounts.ListNumbersAsync(account.Id, cancellationToken);
        var rollsOver = plan.VersionOn(period.Start)?.Bundles?.Any(b => b.Rollover) == true;
        var previous = rollsOver ? await ledger.ListAsync(account.Id, new BillingPeriod(period.Start.PlusMonths(-1), period.Start), cancellationToken) : null;
        var rebuilt = InvoiceBuilder.Build(account, plan, period, numbers, rerated, previous);
        var cycle = new CycleRequest(account.Id, period.Key);

        // One difference per state of the period's settlements: claim the next settlement under the ledger record's
        // version, then write it. A run that loses the claim to another reads again and finds that one settled.
        while (true)
        {
            var record = await cycles.FindSettlementAsync(cycle, cancellationToken);
            if (record.Last is { } last)
            {
                // Finish the last claim first: its run may have stopped between claiming and writing.
                await WriteAsync(account, invoice, last, collections, cancellationToken);
            }

            var settled = await SettledAsync(account.Id, invoice, cancellationToken);
            var difference = UsageOf(rebuilt, account) - UsageOf(invoice, account) - settled;
            if (difference == 0)
            {
                return new ClosedPeriodSettlement(0m, null, null);
            }

            runId ??= string.Create(CultureInfo.InvariantCulture, $"to-{UsageOf(rebuilt, account):0.00}");
            var description = string.Create(CultureInfo.InvariantCulture,
                $"Re-rating of usage {period.Start:yyyy-MM-dd} to {period.End.PlusDays(-1):yyyy-MM-dd} (invoice {invoice.Number})");
            SettlementClaim claim;
            if (difference > 0)
            {
                claim = new SettlementClaim(SettlementKind.Charge, $"rerate:{account.Id}:{period.Key}:{runId}", new Money(difference, invoice.Currency), description, clock.GetCurrentInstant());
            }
            else
            {
                var remaining = invoice.Total.Amount - (await creditNotes.ListAsync(account.Id, invoice.Id, cancellationToken)).Sum(n => n.Total.Amount);
                var credit = Math.Min(-difference, remaining);
                if (credit <= 0)
                {
                    return new ClosedPeriodSettlement(0m, null, null);
                }

                claim = new SettlementClaim(SettlementKind.Credit, $"{CreditKeyPrefix}{period.Key}:{runId}", new Money(credit, invoice.Currency), description, clock.GetCurrentInstant());
            }

            if (record.Last?.Key == claim.Key)
            {
                // The run id was spent on the last settlement, for another amount; a new run settles the rest.
                return new ClosedPeriodSettlement(0m, null, null);
            }

            if (await cycles.TryClaimSettlementAsync(cycle, record.Version, claim, cancellationToken))
            {
                return await WriteAsync(account, invoice, claim, collections, cancellationToken);
            }

            // Another re-rating claimed a settlement since the record was read: read what is settled now.
        }
    }

    /// <summary>Writes a claimed settlement; writing it again finds the adjustment or credit note already there.</summary>
    private async Task<ClosedPeriodSettlement> WriteAsync(
        Account account, Invoice invoice, SettlementClaim claim, ICollectionOrchestrations? collections, CancellationToken cancellationToken)
    {
        if (claim.Kind == SettlementKind.Charge)
        {
            var adjustment = new PendingAdjustment(claim.Key, account.Id, AdjustmentKind.RerateDifference, claim.Description, claim.Amount, claim.At, invoice.Id);
            await adjustments.AddAsync(adjustment, cancellationToken);
            return new ClosedPeriodSettlement(claim.Amount.Amount, adjustment.Id, null);
        }

        var outcome = await issuing.IssueAsync(account.Id, invoice.Id, new CreditNoteRequest(claim.Key, claim.Description, claim.Amount.Amount), collections, cancellationToken);
        return outcome.TryGetValue(out var issued)
            ? new ClosedPeriodSettlement(-issued.CreditNote.Total.Amount, null, issued.CreditNote.Number)
            : throw new InvalidOperationException($"The re-rating credit on {invoice.Id} was refused: {outcome.Problem}");
    }

    /// <summary>What earlier re-ratings of the period added (charges) or credited (notes), net.</summary>
    private async Task<decimal> SettledAsync(string accountId, Invoice invoice, CancellationToken cancellationToken)
    {
        var charged = (await adjustments.ListAsync(accountId, cancellationToken))
            .Where(a => a.Kind == AdjustmentKind.RerateDifference && a.SourceInvoiceId == invoice.Id)
            .Sum(a => a.Amount.Amount);
        var credited = (await creditNotes.ListAsync(accountId, invoice.Id, cancellationToken))
            .Where(n => n.IdempotencyKey.StartsWith(CreditKeyPrefix, StringComparison.Ordinal))
            .Sum(n => n.Total.Amount);
        return charged - credited;
    }

    /// <summary>The account's own usage lines (on a consolidated invoice, those of its own part).</summary>
    private static decimal UsageOf(Invoice invoice, Account account) =>
        invoice.Lines.Where(l => UsageCategories.Contains(l.Category) && (l.Location is null || l.Location == account.Name)).Sum(l => l.Amount.Amount);
}
