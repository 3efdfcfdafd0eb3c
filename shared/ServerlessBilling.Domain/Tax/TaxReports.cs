namespace ServerlessBilling.Tax;

/// <summary>The tax reports of a calendar year, built from the tax ledger of the invoices issued in it.</summary>
public sealed class TaxReports(ITaxLedger ledger)
{
    public async Task<Form499Worksheet> Form499Async(int year, CancellationToken cancellationToken) =>
        Form499Worksheet.For(year, await ledger.ListAsync(year, cancellationToken));

    public async Task<UsfRecoveryReport> UsfRecoveryAsync(int year, CancellationToken cancellationToken) =>
        UsfRecoveryReport.For(year, await ledger.ListAsync(year, cancellationToken));

    public async Task<TaxLiabilityReport> LiabilityAsync(int year, CancellationToken cancellationToken) =>
        TaxLiabilityReport.For(year, await ledger.ListAsync(year, cancellationToken));
}
