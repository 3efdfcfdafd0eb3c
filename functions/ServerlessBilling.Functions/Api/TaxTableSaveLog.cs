using System.Globalization;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Tax;

namespace ServerlessBilling.Functions.Api;

/// <summary>The audit record of a tax table taken into force, through the API or the console's upload: which document, who stored it
/// (the bootstrap key or an API key's prefix, as <see cref="AccountSaveLog"/> names them; the console adds the session's role), the dates
/// its rules cover, and how many closes held for its data it released. A tax change moves every later invoice, so an operator must be able
/// to answer "who changed this rate, and when" from the logs alone. The document's content is not logged: the stored blob keeps it.</summary>
public static partial class TaxTableSaveLog
{
    /// <summary>How the record names a rule set whose newest version has no end.</summary>
    public const string OpenEnded = "open-ended";

    public static void Stored(ILogger logger, string name, TaxTableWrite write, string caller, string door, int closesReleased)
    {
        ArgumentNullException.ThrowIfNull(write);
        var coverage = Coverage.Of(write.Table, name);
        LogStored(logger, name, caller, door, coverage.Rules, coverage.From, coverage.Until, coverage.SoonestEnd, write.Version, closesReleased);
    }

    /// <summary>The dates the document's own rules cover: the first day any version starts, the last day covered (open-ended when any
    /// rule's newest version has no end), and the soonest newest-version end, the day the table next needs new rates.</summary>
    internal sealed record Coverage(int Rules, string From, string Until, string SoonestEnd)
    {
        public static Coverage Of(TaxTable table, string name)
        {
            var rules = table.Rules.Where(r => r.Table == name).ToList();
            var starts = rules.SelectMany(r => r.Versions).Select(v => v.From).ToList();
            var ends = rules.Select(TaxTable.CoveredUntil).ToList();
            var from = starts.Count == 0 ? "none" : Day(starts.Min());
            var dated = ends.Where(e => e is not null).Select(e => e!.Value).ToList();
            var until = ends.Count == 0 ? "none" : dated.Count < ends.Count ? OpenEnded : Day(dated.Max());
            var soonest = dated.Count == 0 ? (ends.Count == 0 ? "none" : OpenEnded) : Day(dated.Min());
            return new Coverage(rules.Count, from, until, soonest);
        }

        private static string Day(NodaTime.LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Tax table {TaxTable} stored by {Caller} through {Door}: rules {RuleCount}, in force from {EffectiveFrom} until {EffectiveUntil}, newest rates first end {NewestRateEnd}; version {Version}; held closes released {ClosesReleased}")]
    private static partial void LogStored(
        ILogger logger, string taxTable, string caller, string door, int ruleCount, string effectiveFrom, string effectiveUntil, string newestRateEnd, string version, int closesReleased);
}
