using NodaTime;
using ServerlessBilling.Usage;

namespace ServerlessBilling.ResellerConsole;

/// <summary>What the console's quote form asks: a plan, the zone local times are read in, how many accounts and numbers, and the
/// usage sample (an Asterisk <c>Master.csv</c>, as the CDR drop reads it) or none for the typical profile.</summary>
public sealed record QuoteRequest(string? PlanId, string? TimeZone, int Accounts, int Numbers, string? SampleCsv)
{
    /// <summary>The vendor (usage source, <c>twilio</c>) whose cost plans price the calls that carry no reported cost, and whose calls the
    /// typical month is; none for reported costs only.</summary>
    public string? Vendor { get; init; }

    /// <summary>The largest sample accepted, in characters: the quote page carries it on to the PDF and the account forms.</summary>
    public const int MaxSampleLength = 256 * 1024;

    public IReadOnlyList<RecordProblem> Problems()
    {
        var problems = new List<RecordProblem>();
        if (!IdRule.Id.Accepts(PlanId))
        {
            problems.Add(new RecordProblem("plan", "choose a plan"));
        }

        if (TimeZone is null || DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) is null)
        {
            problems.Add(new RecordProblem("zone", $"'{TimeZone}' is not an IANA time zone like America/Chicago"));
        }

        if (Accounts is < 1 or > 100_000)
        {
            problems.Add(new RecordProblem("accounts", "must be from 1 to 100000"));
        }

        if (Numbers is < 0 or > 1000)
        {
            problems.Add(new RecordProblem("numbers", "must be from 0 to 1000"));
        }

        if (!string.IsNullOrEmpty(Vendor) && !IdRule.SourceName.Accepts(Vendor))
        {
            problems.Add(new RecordProblem("vendor", IdRule.SourceName.Describes));
        }

        if (SampleCsv is { Length: > MaxSampleLength })
        {
            problems.Add(new RecordProblem("sample", $"is larger than {MaxSampleLength / 1024} KB"));
        }

        return problems;
    }
}
