namespace ServerlessBilling.Tax;

/// <summary>A tax table that must not be used: its rules overlap, leave gaps, or are incomplete.</summary>
public sealed class InvalidTaxTableException(IReadOnlyList<string> problems)
    : Exception("Tax table rejected: " + string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
