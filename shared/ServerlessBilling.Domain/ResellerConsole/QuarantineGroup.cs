using ServerlessBilling.Usage;

namespace ServerlessBilling.ResellerConsole;

/// <summary>Quarantined records of one source held for the same kind of reason (the field at fault), with one reason as an example.</summary>
public sealed record QuarantineGroup(string Source, QuarantineKind Kind, string Field, string ExampleReason, int Count);
