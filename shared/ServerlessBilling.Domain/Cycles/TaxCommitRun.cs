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
}
