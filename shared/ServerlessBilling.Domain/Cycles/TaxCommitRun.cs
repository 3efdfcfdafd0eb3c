using ServerlessBilling.Tax;

namespace ServerlessBilling.Cycles;

/// <summary>Stands in for the calculator while a numbered invoice is priced again: each request is committed under the invoice's
/// number instead of being drafted.</summary>
/// <param name="accountId">The invoice's account; its own request is committed as <paramref name="number"/>, a location's as
/// <c>{number}:{location account}</c>, so each document code is one transaction.</param>
internal sealed class TaxCommitRun(ITaxCommitter committer, string accountId, string number) : ITaxCalculator
{
    public ValueTask<TaxResult> CalculateAsync(TaxRequest request, CancellationToken cancellationToken) =>
        committer.CommitAsync(request, request.AccountId == accountId ? number : $"{number}:{request.AccountId}", cancellationToken);

    /// <summary>As the committer drafts: the invoice is priced again with its usage lines split the way its draft's were.</summary>
    public bool SplitsUsageByJurisdiction => committer is ITaxCalculator calculator && calculator.SplitsUsageByJurisdiction;
}
