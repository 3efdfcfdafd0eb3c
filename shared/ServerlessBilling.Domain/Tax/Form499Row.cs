using NodaTime;

namespace ServerlessBilling.Tax;

/// <summary>One worksheet row: a 499-A block and line with its revenue columns.</summary>
/// <param name="CustomerClass"><c>end-user</c>, <c>certified-reseller</c> or <c>unclassified</c>.</param>
/// <param name="Method">How the telecom rows' interstate share was allocated; a change of method within the year gives a row per method.</param>
/// <param name="CreditNotes">Credit notes netted in the row (their amounts are already subtracted from the columns).</param>
public sealed record Form499Row(
    string Block,
    string Line,
    string Description,
    ProductCategory? Category,
    string CustomerClass,
    string? ResellerFiler499Id,
    LocalDate? CertificateValidThrough,
    string Currency,
    decimal Total,
    decimal Interstate,
    decimal International,
    decimal Intrastate,
    int Invoices,
    AllocationMethod? Method = null,
    int CreditNotes = 0);
