namespace ServerlessBilling.Tax;

/// <summary>The tax reports of a calendar year, built from the tax ledger of the invoices issued in it.</summary>
public sealed class TaxReports(ITaxLedger ledger, DeMinimisStatus? deMinimis = null)
{
    /// <summary>The year's worksheet with, when the provider's de minimis inputs are known, the de minimis computation.</summary>
    public async Task<Form499Worksheet> Form499Async(int year, CancellationToken cancellationToken)
    {
        var worksheet = Form499Worksheet.For(year, await ledger.ListAsync(year, cancellationToken));
        return deMinimis is null ? worksheet : worksheet with { DeMinimis = await deMinimis.AssessAsync(worksheet, cancellationToken) };
    }

    public async Task<UsfRecoveryReport> UsfRecoveryAsync(int year, CancellationToken cancellationToken) =>
        UsfRecoveryReport.For(year, await ledger.ListAsync(year, cancellationToken));

    public async Task<TaxLiabilityReport> LiabilityAsync(int year, CancellationToken cancellationToken) =>
        TaxLiabilityReport.For(year, await ledger.ListAsync(year, cancellationToken));
}
