namespace ServerlessBilling.Tax;

/// <summary>A numbered invoice could not be committed at the tax service. It is thrown rather than returned so the close's
/// finalize step is retried by its orchestration, as for a storage failure.</summary>
public sealed class TaxCommitException(string message) : Exception(message);
