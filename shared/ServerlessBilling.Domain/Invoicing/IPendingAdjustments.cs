namespace ServerlessBilling.Invoicing;

/// <summary>Adjustments per account, each billed on exactly one invoice.</summary>
public interface IPendingAdjustments
{
    /// <summary>Adds the adjustment unless one with its id exists (billed or not).</summary>
    Task AddAsync(PendingAdjustment adjustment, CancellationToken cancellationToken);

    /// <summary>Adjustments not yet billed, plus those already billed on <paramref name="invoiceId"/> (so a rebuilt draft keeps them).</summary>
    Task<IReadOnlyList<PendingAdjustment>> ListForInvoiceAsync(string accountId, string invoiceId, CancellationToken cancellationToken);

    /// <summary>Every adjustment of the account, billed or not (oldest first).</summary>
    Task<IReadOnlyList<PendingAdjustment>> ListAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Marks the adjustments as billed on <paramref name="invoiceId"/>; repeating it changes nothing.</summary>
    Task MarkBilledAsync(string accountId, IReadOnlyCollection<string> adjustmentIds, string invoiceId, CancellationToken cancellationToken);

    /// <summary>The ids of the accounts that have an adjustment not billed yet, read in one pass for every account (the due-period check
    /// reads it once, so the closes of the accounts without one need not list theirs); null when the store cannot tell at that cost.</summary>
    /// <remarks>Every adjustment stored before the call began and still unbilled when it ends has its account in the set; one added meanwhile
    /// may be missing, and waits unbilled for the account's next close.</remarks>
    Task<IReadOnlySet<string>?> ListAccountsWithUnbilledAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlySet<string>?>(null);
}
