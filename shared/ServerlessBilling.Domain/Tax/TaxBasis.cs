namespace ServerlessBilling.Tax;

/// <summary>How a rule measures what it taxes.</summary>
public enum TaxBasis
{
    /// <summary>A rate times a revenue portion of the items it applies to (plus earlier taxes it includes).</summary>
    Percent,

    /// <summary>An amount per line, where the rule's <see cref="LineUnit"/> says what a line is.</summary>
    PerLine,

    /// <summary>An amount once per invoice.</summary>
    Flat,
}
