using NodaTime;

namespace ServerlessBilling.Tax;

/// <summary>Works out <see cref="DeMinimisAssessment"/> for a year from the tax ledger, and tells the calculator whether to bill USF.</summary>
/// <remarks>
/// The ledger is read at most once per year per <see cref="CacheFor"/>, not once per invoice: a close of many accounts
/// asks for the same year many times. The factor, in order: the setting; a year in <see cref="KnownFactors"/>; else the
/// mean of the year's quarterly USF factors in the tax table. The quarterly factors are higher than the estimation
/// factor (they are not adjusted for circularity), so the fallback overstates the contribution: it can only make the
/// provider not de minimis too early, never claim the exemption wrongly (an improper claim is a willful false
/// submission, 54.708).
/// </remarks>
public sealed class DeMinimisStatus(ITaxLedger ledger, ITaxTables tables, IClock clock, DeMinimisOptions options)
{
    /// <summary>How long an assessment is reused.</summary>
    public static readonly Duration CacheFor = Duration.FromMinutes(10);

    /// <summary>Estimation factors derived from USAC's published de minimis revenue thresholds (factor = 10,000 ÷ threshold).</summary>
    public static IReadOnlyDictionary<int, (decimal Value, string Source)> KnownFactors { get; } = new Dictionary<int, (decimal, string)>
    {
        [2025] = (Round(10_000m / 39_062m), "USAC de minimis threshold for 2025, $39,062 of revenue (https://usac.org/?p=5030): 10,000 / 39,062"),
    };

    private readonly Dictionary<int, (Instant Until, DeMinimisAssessment Assessment)> cache = [];
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Whether invoices of <paramref name="year"/> bill a USF recovery line: the override, else the computation.</summary>
    public async ValueTask<bool> IsDeMinimisAsync(int year, CancellationToken cancellationToken) =>
        options.Override ?? (await AssessAsync(year, cancellationToken)).DeMinimis;

    /// <summary><paramref name="settings"/> with the status for invoices of <paramref name="year"/> and whether it is settled
    /// (<see cref="DeMinimisAssessment.Settled"/>).</summary>
    public async ValueTask<TaxSettings> ApplyAsync(TaxSettings settings, int year, CancellationToken cancellationToken)
    {
        if (options.Override is { } overridden)
        {
            return settings with { DeMinimis = overridden, DeMinimisSettled = true };
        }

        var assessment = await AssessAsync(year, cancellationToken);
        return settings with { DeMinimis = assessment.DeMinimis, DeMinimisSettled = assessment.Settled };
    }

    public async ValueTask<DeMinimisAssessment> AssessAsync(int year, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (cache.TryGetValue(year, out var cached) && cached.Until > now)
            {
                return cached.Assessment;
            }

            var entries = await ledger.ListAsync(year, cancellationToken);
            var assessment = Assess(year, now.InUtc().Date, Form499Worksheet.For(year, entries), await tables.CurrentAsync(cancellationToken), options);
            cache[year] = (now + CacheFor, assessment);
            return assessment;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The assessment of a worksheet just built (the report's own, so it matches the rows shown), not cached.</summary>
    public async ValueTask<DeMinimisAssessment> AssessAsync(Form499Worksheet worksheet, CancellationToken cancellationToken) =>
        Assess(worksheet.Year, clock.GetCurrentInstant().InUtc().Date, worksheet, await tables.CurrentAsync(cancellationToken), options);

    /// <summary>The assessment from a year's worksheet: its USD end-user rows' interstate and international columns (line 423 (d) + (e)).</summary>
    public static DeMinimisAssessment Assess(int year, LocalDate today, Form499Worksheet worksheet, TaxTable table, DeMinimisOptions options)
    {
        var revenue = worksheet.Rows
            .Where(r => r.Block == "4-A" && r.CustomerClass == "end-user" && r.Currency == "USD")
            .Sum(r => r.Interstate + r.International);
        var factor = Factor(year, table, options);
        return DeMinimisAssessment.For(year, today, revenue, options.ProjectedRevenue, factor, options.Override) with
        {
            FactorFromTable = factor is not null && options.Factor is null && !KnownFactors.ContainsKey(year),
        };
    }

    private static (decimal Value, string Source)? Factor(int year, TaxTable table, DeMinimisOptions options)
    {
        if (options.Factor is { } configured)
        {
            return (configured, "setting Tax:DeMinimisFactor");
        }

        if (KnownFactors.TryGetValue(year, out var known))
        {
            return known;
        }

        var start = new LocalDate(year, 1, 1);
        var quarters = Enumerable.Range(0, 4).Select(q => start.PlusMonths(3 * q))
            .Select(day => table.Rules.Where(r => r.Kind == TaxKind.FederalUsfRecovery).Select(r => r.VersionOn(day)?.Rate).FirstOrDefault(rate => rate is not null))
            .Where(rate => rate is not null)
            .Select(rate => rate!.Value)
            .ToList();
        return quarters.Count == 0
            ? null
            : (Round(quarters.Average()), $"mean of the {quarters.Count} quarterly USF factors of {year} in the tax table (overstates the estimation factor; set Tax:DeMinimisFactor)");
    }

    private static decimal Round(decimal factor) => decimal.Round(factor, 6, MidpointRounding.AwayFromZero);
}
