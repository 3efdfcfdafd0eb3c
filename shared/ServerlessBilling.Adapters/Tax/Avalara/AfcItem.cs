using ServerlessBilling.Accounts;

namespace ServerlessBilling.Tax.Avalara;

/// <summary>What one <c>CalcTaxes</c> line item stands for, so the taxes answered for its <c>ref</c> can be put back on the invoice.</summary>
/// <param name="Ref">The <c>ref</c> sent: the charge's position (<c>1</c>, <c>2</c> ...) or <c>L</c> and the position of a group of lines.</param>
/// <param name="Reference">The charge's description, or null for a group of lines.</param>
/// <param name="Category">Where the revenue belongs on Form 499-A.</param>
/// <param name="Address">The service address the item was sent with.</param>
public sealed record AfcItem(string Ref, string? Reference, AfcProductPair Pair, Form499Category Category, PostalAddress Address)
{
    /// <summary>The charge's index in <see cref="TaxRequest.Items"/>; null for a group of lines.</summary>
    public int? ItemIndex { get; init; }

    /// <summary>The PCode sent instead of <see cref="Address"/>: the account's, for an item at the account's service address; else null.</summary>
    public int? Pcode { get; init; }
}
