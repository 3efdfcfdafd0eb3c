using System.Runtime.CompilerServices;
using ServerlessBilling.Upstream;

namespace ServerlessBilling.Tests.Upstream;

internal sealed class InMemoryReconciliations : IReconciliations
{
    private readonly Dictionary<(string Run, string Call, FindingReason Reason), ReconciliationFinding> findings = [];
    private readonly Dictionary<(string Vendor, string Month), ReconciliationSummary> summaries = [];
    private readonly HashSet<(string Run, string EventId)> seen = [];

    public Task AddFindingsAsync(StatementRun run, IReadOnlyList<ReconciliationFinding> page, CancellationToken cancellationToken)
    {
        foreach (var finding in page)
        {
            findings[(run.Id, finding.VendorCallId, finding.Reason)] = finding;
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<ReconciliationFinding> ListFindingsAsync(StatementRun run, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var (key, finding) in findings.OrderBy(f => f.Key.Call, StringComparer.Ordinal))
        {
            if (key.Run == run.Id)
            {
                yield return finding;
            }
        }
    }

    public Task AddSeenAsync(StatementRun run, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken)
    {
        foreach (var id in eventIds)
        {
            seen.Add((run.Id, id));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlySet<string>> SeenAmongAsync(StatementRun run, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(eventIds.Where(id => seen.Contains((run.Id, id))).ToHashSet(StringComparer.Ordinal));

    public Task SetSummaryAsync(ReconciliationSummary summary, CancellationToken cancellationToken)
    {
        summaries[(summary.Vendor, summary.Month)] = summary;
        return Task.CompletedTask;
    }

    public Task<ReconciliationSummary?> FindSummaryAsync(string vendor, string month, CancellationToken cancellationToken) =>
        Task.FromResult(summaries.GetValueOrDefault((vendor, month)));
}
