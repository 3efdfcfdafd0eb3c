namespace ServerlessBilling.Functions.Reconciliation;

/// <summary>The answer to a statement import: the reconciliation's orchestration, its run and where its result will be.</summary>
public sealed record StatementImportStarted(string InstanceId, string RunId, string Status);
