namespace ServerlessBilling.Upstream;

/// <summary>The vendor statement formats reconciliation reads (docs/upstream-costs.md documents each, with its source).</summary>
public static class StatementFormat
{
    /// <summary>Twilio's call records, one row per call: <see cref="TwilioCallRecordsCsv"/>.</summary>
    public const string TwilioCalls = "twilio-calls";

    /// <summary>Retell's call list, one row per call: <see cref="RetellCallListCsv"/>.</summary>
    public const string RetellCalls = "retell-calls";

    public static IReadOnlyList<string> All { get; } = [TwilioCalls, RetellCalls];

    /// <summary>The format a vendor's statement is in when the import does not name one; null for a vendor with none.</summary>
    public static string? DefaultFor(string vendor) => vendor switch
    {
        "twilio" => TwilioCalls,
        "retell" => RetellCalls,
        _ => null,
    };

    /// <summary>Reads one data line of a statement whose header row is <paramref name="header"/>.</summary>
    public static StatementLine Read(string format, CsvHeader header, long number, IReadOnlyList<string> fields) => format switch
    {
        TwilioCalls => TwilioCallRecordsCsv.Read(header, number, fields),
        RetellCalls => RetellCallListCsv.Read(header, number, fields),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a statement format"),
    };
}
