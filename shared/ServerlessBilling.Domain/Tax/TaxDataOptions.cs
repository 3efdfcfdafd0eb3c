using NodaTime;

namespace ServerlessBilling.Tax;

/// <summary>What a close does when a tax table has no rate for an invoice's date, and how far ahead the tables must reach.</summary>
/// <remarks>
/// Holding is the default because an invoice sent without a regulated charge (a USF line, a 911 fee) under-collects
/// it for good: a finalized invoice is never edited. A held close stops before its number is taken and resumes by
/// itself once a table covering the date is stored, so the number sequence stays gapless.
/// </remarks>
public sealed record TaxDataOptions
{
    public static TaxDataOptions Default { get; } = new();

    /// <summary><see cref="MissingTaxRate.Hold"/> (default) or <see cref="MissingTaxRate.Warn"/>.</summary>
    public MissingTaxRate MissingRate { get; init; } = MissingTaxRate.Hold;

    /// <summary>A table whose newest rate ends within this many days of today is reported as running out (default 45).</summary>
    public int FreshnessHorizonDays { get; init; } = 45;

    /// <summary>How often a held close looks at the tables again without being told of an upload (default 6 hours),
    /// so a close whose wake-up was missed still resumes.</summary>
    public Duration RecheckEvery { get; init; } = Duration.FromHours(6);

    /// <summary>How soon a held close that was told of an upload looks again when the first look still found the rate
    /// missing: another instance may have read the tables shortly before the upload (default 90 seconds).</summary>
    public Duration RecheckAfterUpload { get; init; } = Duration.FromSeconds(90);

    /// <summary>How soon a close held because the tax service failed asks it again (default 5 minutes): no upload announces
    /// that a service is back, so the close looks again by itself.</summary>
    public Duration RecheckService { get; init; } = Duration.FromMinutes(5);

    /// <summary>The notices that hold a close under this policy: every missing rate, every tax service failure and every
    /// committed tax that differs from the invoice's when holding, none when warning.</summary>
    /// <remarks>A service that failed has not said which taxes apply, which is the same gap as a table without the rate; a
    /// commit that differs says the invoice's taxes are no longer the ones owed.</remarks>
    public IReadOnlyList<TaxNotice> Holding(IReadOnlyList<TaxNotice> notices) =>
        MissingRate == MissingTaxRate.Hold ? [.. notices.Where(n => IsMissingTaxData(n.Reason) || n.Reason == TaxNoticeReason.CommitDiffers)] : [];

    /// <summary>Whether a notice of this reason means taxes the invoice owes are unknown (a missing rate, a failed tax service).</summary>
    public static bool IsMissingTaxData(TaxNoticeReason reason) =>
        reason is TaxNoticeReason.NoRateForDate or TaxNoticeReason.ServiceError or TaxNoticeReason.ServiceUnavailable;

    /// <summary>The problems with these options, for the start-up check; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate() =>
    [
        .. FreshnessHorizonDays < 0 ? ["Tax:FreshnessHorizonDays must not be negative."] : Array.Empty<string>(),
        .. RecheckEvery <= Duration.Zero || RecheckAfterUpload <= Duration.Zero || RecheckService <= Duration.Zero
            ? ["Tax hold re-check intervals must be positive."] : Array.Empty<string>(),
    ];
}
