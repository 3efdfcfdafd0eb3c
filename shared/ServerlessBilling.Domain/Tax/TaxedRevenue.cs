using NodaTime;

namespace ServerlessBilling.Tax;

/// <summary>How one taxed charge's revenue is reported on FCC Form 499-A: its category and its jurisdictional split.</summary>
/// <remarks>
/// Computed by the engine with the allocation in force on the invoice date, so the worksheet reports the split the
/// invoice was taxed with. <see cref="Interstate"/> + <see cref="International"/> + <see cref="Intrastate"/> is the
/// charge; non-telecom revenue is wholly intrastate here (it has no interstate part for USF), and goes on the
/// non-telecom line, not in the USF base.
/// </remarks>
/// <param name="ItemIndex">The charge's index in <see cref="TaxRequest.Items"/>.</param>
/// <param name="ResellerFiler499Id">The 499 filer id of the reseller certificate relied on for carrier's-carrier revenue; else null.</param>
public sealed record TaxedRevenue(
    int ItemIndex,
    ProductCategory Category,
    Form499Category Form499,
    AllocationMethod Method,
    decimal Interstate,
    decimal International,
    decimal Intrastate,
    string? ResellerFiler499Id = null,
    LocalDate? CertificateValidThrough = null)
{
    /// <summary>The split of <paramref name="item"/> under <paramref name="allocation"/>, with the certificate (if any) that makes it a sale for resale.</summary>
    public static TaxedRevenue Of(int index, TaxableItem item, InterstateAllocation allocation, ResellerCertificate? certificate)
    {
        var telecom = RevenueAllocation.IsTelecom(item.Category);
        var category = !telecom ? Form499Category.NonTelecom : certificate is null ? Form499Category.EndUserTelecom : Form499Category.CarriersCarrier;
        var interstate = RevenueAllocation.Portion(item, RevenuePortion.Interstate, allocation);
        var international = RevenueAllocation.Portion(item, RevenuePortion.International, allocation);
        return new TaxedRevenue(
            index, item.Category, category, allocation.Method, interstate, international, item.Amount.Amount - interstate - international,
            category == Form499Category.CarriersCarrier ? certificate!.Filer499Id : null,
            category == Form499Category.CarriersCarrier ? certificate!.ValidThrough : null);
    }
}
