namespace ServerlessBilling.Usage.Cdr;

/// <summary>The CDR file formats the drop container accepts; each name is also the first folder of a drop path and the quarantine source of its lines.</summary>
public static class CdrFormat
{
    public const string Asterisk = "asterisk";
    public const string FreeSwitch = "freeswitch";
    public const string TwilioBulkExport = "twilio-bulkexport";
    public const string Csv = "csv";

    public static IReadOnlyList<string> All { get; } = [Asterisk, FreeSwitch, TwilioBulkExport, Csv];
}
