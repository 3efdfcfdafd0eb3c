using ServerlessBilling.Accounts;

namespace ServerlessBilling.Usage;

/// <summary>The account an event is billed to and the rule that found it, or the problem when none matched.</summary>
public sealed record Attribution(Account? Account, AttributionRule? Rule, RecordProblem? Problem)
{
    public static Attribution To(Account account, AttributionRule rule) => new(account, rule, null);

    public static Attribution Unattributed(RecordProblem problem) => new(null, null, problem);
}
