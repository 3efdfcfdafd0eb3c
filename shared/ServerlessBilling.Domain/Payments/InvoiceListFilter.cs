using NodaTime;

namespace ServerlessBilling.Payments;

/// <summary>Which final invoices a list holds, read from their receivables: one account's, one period's across accounts, or
/// every account's, optionally of one status.</summary>
/// <param name="AccountId">Only this account's invoices; null to list across accounts.</param>
/// <param name="PeriodStart">Only invoices of the period starting on this day (account's zone).</param>
/// <param name="Status">Only invoices in this collection status.</param>
public sealed record InvoiceListFilter(string? AccountId = null, LocalDate? PeriodStart = null, ReceivableStatus? Status = null)
{
    /// <summary>Whether <paramref name="receivable"/> belongs in the list.</summary>
    public bool Matches(Receivable receivable) =>
        (AccountId is null || receivable.AccountId == AccountId)
        && (PeriodStart is null || receivable.PeriodStart == PeriodStart)
        && (Status is null || receivable.Status == Status);

    /// <summary>The filter as a cursor names it.</summary>
    public override string ToString() => $"invoices|account={AccountId}|period={PeriodStart:yyyy-MM-dd}|status={Status}";
}
