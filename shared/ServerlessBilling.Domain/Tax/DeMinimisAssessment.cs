using NodaTime;

namespace ServerlessBilling.Tax;

/// <summary>Whether the provider is a de minimis USF contributor for a calendar year, and how that was worked out.</summary>
/// <remarks>
/// 47 CFR 54.708: a contributor whose contribution for the year would be less than $10,000 does not contribute
/// directly. The Form 499-A instructions (Appendix A, the de minimis worksheet) estimate that contribution as the
/// year's interstate and international end-user telecom revenue (Block 4, line 423 columns (d) and (e)) times the
/// estimation factor printed in that year's instructions. The comparison is strict: an estimate of exactly $10,000
/// is not de minimis. The estimate is taken on the larger of the projected and the actual revenue, so a provider
/// whose invoices overtake its projection stops being de minimis as soon as the ledger shows it. Whatever the
/// outcome, an interconnected VoIP provider still files Form 499-A (54.708, last sentences).
/// </remarks>
/// <param name="ActualRevenue">End-user interstate + international telecom revenue invoiced in the year so far (USD, net of credit notes).</param>
/// <param name="ProjectedRevenue">The same for the whole year, projected (see <see cref="ProjectionSource"/>).</param>
/// <param name="Factor">The estimation factor used; null when none is known for the year.</param>
/// <param name="EstimatedContribution">Factor × the larger of projected and actual revenue; null without a factor.</param>
/// <param name="ComputedDeMinimis">EstimatedContribution &lt; <see cref="Threshold"/>; null without a factor.</param>
/// <param name="Override">The <c>Tax:DeMinimis</c> setting when set; it wins over the computation.</param>
public sealed record DeMinimisAssessment(
    int Year,
    LocalDate AsOf,
    decimal ActualRevenue,
    decimal ProjectedRevenue,
    string ProjectionSource,
    decimal? Factor,
    string FactorSource,
    decimal? EstimatedContribution,
    bool? ComputedDeMinimis,
    bool? Override)
{
    /// <summary>47 CFR 54.708: contributions below this are de minimis (compared with &lt;).</summary>
    public const decimal Threshold = 10_000m;

    public const string Rule = "47 CFR 54.708; Form 499-A instructions, Appendix A (de minimis worksheet)";

    /// <summary>The <see cref="ProjectionSource"/> of a projection from the settings.</summary>
    public const string ProjectionSetting = "setting Tax:ProjectedInterstateRevenue";

    /// <summary>True when the factor is the mean of the tax table's quarterly USF factors (no setting, no known year).</summary>
    public bool FactorFromTable { get; init; }

    /// <summary>Whether the status stands on its own: the override is set, or the computation used the provider's projection and a
    /// factor that is not the table's. A status annualized from the ledger's year to date, or from the table's quarterly factors, is
    /// not settled while a close is held for a missing USF factor: the held invoices are not in the ledger yet and the table lacks
    /// that quarter, so the status may change once they are.</summary>
    public bool Settled => Override is not null || (ComputedDeMinimis is not null && ProjectionSource == ProjectionSetting && !FactorFromTable);

    /// <summary>What the engine bills by: the override when set, else the computation, else not de minimis (USF is billed).</summary>
    public bool DeMinimis => Override ?? ComputedDeMinimis ?? false;

    /// <summary>Revenue at which the estimate reaches the threshold (10,000 ÷ factor), to 2 places.</summary>
    public decimal? RevenueThreshold => Factor is { } f && f > 0m ? decimal.Round(Threshold / f, 2, MidpointRounding.AwayFromZero) : null;

    /// <summary>An interconnected VoIP provider files Form 499-A every year, de minimis or not.</summary>
    public string Filing => DeMinimis
        ? "De minimis for USF: no direct contribution and no Form 499-Q, but Form 499-A is still filed (47 CFR 54.708: every interconnected VoIP provider files it); keep this worksheet with the filing."
        : "Contributes directly: file Form 499-A and the quarterly Form 499-Q.";

    /// <param name="usdRevenue">The ledger's end-user interstate + international telecom revenue of the year up to <paramref name="asOf"/>, in USD.</param>
    /// <param name="projected">The provider's own projection for the whole year; null to annualize the year to date.</param>
    /// <param name="factor">The year's estimation factor and where it comes from; null when none is known.</param>
    public static DeMinimisAssessment For(int year, LocalDate asOf, decimal usdRevenue, decimal? projected, (decimal Value, string Source)? factor, bool? @override)
    {
        var (projection, source) = projected is { } p ? (p, ProjectionSetting) : Annualize(year, asOf, usdRevenue);
        decimal? estimate = factor is { } f ? decimal.Round(Math.Max(projection, usdRevenue) * f.Value, 2, MidpointRounding.AwayFromZero) : null;
        return new DeMinimisAssessment(year, asOf, usdRevenue, projection, source, factor?.Value,
            factor?.Source ?? "no estimation factor known for the year: set Tax:DeMinimisFactor from the year's Form 499-A instructions",
            estimate, estimate is { } e ? e < Threshold : null, @override);
    }

    /// <summary>The year to date scaled to the whole year by days elapsed; a year already over is its actual revenue.</summary>
    private static (decimal, string) Annualize(int year, LocalDate asOf, decimal revenue)
    {
        var start = new LocalDate(year, 1, 1);
        var end = start.PlusYears(1);
        if (asOf >= end.PlusDays(-1))
        {
            return (revenue, "the year's invoices (the year is over)");
        }

        if (asOf < start)
        {
            return (revenue, "no invoices yet: the year has not started");
        }

        var elapsed = Period.DaysBetween(start, asOf) + 1;
        var days = Period.DaysBetween(start, end);
        return (decimal.Round(revenue * days / elapsed, 2, MidpointRounding.AwayFromZero), $"the year to date annualized ({elapsed} of {days} days)");
    }
}
