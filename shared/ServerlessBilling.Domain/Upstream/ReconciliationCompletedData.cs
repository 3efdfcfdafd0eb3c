namespace ServerlessBilling.Upstream;

/// <summary>Payload of <c>reconciliation.completed</c>: a vendor's statement for a month was reconciled.</summary>
public sealed record ReconciliationCompletedData(ReconciliationSummary Summary)
{
    public const string Type = "reconciliation.completed";
}
