using NodaTime;

namespace ServerlessBilling.Tax;

/// <summary>An invoice's revenue of one product category and 499-A category (and, for resale, one certificate).</summary>
/// <param name="Method">How the interstate share was allocated (safe harbor, traffic study, actual).</param>
public sealed record LedgerRevenue(
    ProductCategory Category,
    Form499Category Form499,
    string? ResellerFiler499Id,
    LocalDate? CertificateValidThrough,
    decimal Total,
    decimal Interstate,
    decimal International,
    decimal Intrastate,
    AllocationMethod? Method = null);
