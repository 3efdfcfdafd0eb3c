using ServerlessBilling.Accounts;

namespace ServerlessBilling.Tax;

/// <summary>One taxable charge, normally one invoice line.</summary>
/// <param name="Reference">What the charge is on the invoice (its description), carried onto per-line tax lines.</param>
/// <param name="Amount">The line's amount, already rounded as the invoice shows it.</param>
/// <param name="ServiceAddress">Where this charge's service is used, when it differs from the account's (a number in another state).</param>
/// <param name="Split">The charge's actual interstate and international amounts; used only with <see cref="AllocationMethod.Actual"/>.</param>
/// <param name="Minutes">The minutes a usage charge bills, for taxes measured per minute; null for other charges.</param>
/// <param name="Jurisdiction">For the part of a usage charge whose calls ran within a state, across states or abroad, which; null for
/// usage not split that way (the built-in engine never splits it) and for other charges.</param>
public sealed record TaxableItem(
    string Reference,
    ProductCategory Category,
    Money Amount,
    PostalAddress? ServiceAddress = null,
    RevenueSplit? Split = null,
    decimal? Minutes = null,
    UsageJurisdiction? Jurisdiction = null);
