using ServerlessBilling.Usage;

namespace ServerlessBilling.Invoicing;

/// <summary>The lines a credit note would have, or the problems (naming the field) that stop it.</summary>
public sealed record CreditPlan(IReadOnlyList<CreditNoteLine> Lines, IReadOnlyList<RecordProblem> Problems);
