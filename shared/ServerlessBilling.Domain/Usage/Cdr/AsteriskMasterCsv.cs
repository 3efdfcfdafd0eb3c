namespace ServerlessBilling.Usage.Cdr;

/// <summary>Reads Asterisk <c>cdr_csv</c> files line by line, in constant memory.</summary>
/// <remarks>
/// No header; 16 base columns, then <c>uniqueid</c> (17), <c>userfield</c> (18) and <c>peeraccount, linkedid,
/// sequence</c> (21) when enabled. <c>billsec</c> (end − answer) is the billed duration; a disposition other than
/// ANSWERED is an unanswered attempt. The event id is <c>uniqueid</c> (+ <c>sequence</c>) when logged, otherwise a
/// hash of the line's identity fields, so the same call dropped twice is billed once. A local time that falls in
/// a daylight-saving gap is moved forward; an ambiguous one takes the earlier offset.
/// </remarks>
public static class AsteriskMasterCsv
{
    public const string Source = "asterisk";

    private const int Src = 1, Dst = 2, DContext = 3, Channel = 5, DstChannel = 6, Start = 9, Answer = 10,
        End = 11, BillSec = 13, Disposition = 14, UniqueId = 16, Sequence = 20;

    public static IEnumerable<CdrLine> Read(TextReader reader, AsteriskCdrOptions options, PhoneRegion region)
    {
        var fields = new List<string>(21);
        foreach (var (number, line) in CdrTextLines.Read(reader))
        {
            yield return ParseLine(number, line, fields, options, region);
        }
    }

    private static CdrLine ParseLine(long number, string line, List<string> fields, AsteriskCdrOptions options, PhoneRegion region)
    {
        if (!CsvFields.TrySplit(line, fields, out var csvError))
        {
            return CdrLine.Bad(number, line, new RecordProblem("line", csvError!));
        }

        if (fields.Count is < 16 or > 21)
        {
            return CdrLine.Bad(number, line, new RecordProblem("line", $"has {fields.Count} columns; Asterisk Master.csv has 16 to 21"));
        }

        if (!CdrFieldParsing.TryParseLocalTime(fields[Start], options.TimeZone, out var startedAt))
        {
            return CdrLine.Bad(number, line, new RecordProblem("start", $"'{fields[Start]}' is not a time like 2024-11-14 16:14:15"));
        }

        if (!CdrFieldParsing.TryParseOptionalLocalTime(fields[Answer], options.TimeZone, out var answeredAt))
        {
            return CdrLine.Bad(number, line, new RecordProblem("answer", $"'{fields[Answer]}' is not a time like 2024-11-14 16:14:15"));
        }

        if (!CdrFieldParsing.TryParseOptionalLocalTime(fields[End], options.TimeZone, out var endedAt))
        {
            return CdrLine.Bad(number, line, new RecordProblem("end", $"'{fields[End]}' is not a time like 2024-11-14 16:14:15"));
        }

        if (!CdrFieldParsing.TryParseSeconds(fields[BillSec], out var billSeconds))
        {
            return CdrLine.Bad(number, line, new RecordProblem("billsec", $"'{fields[BillSec]}' is not a whole number of seconds"));
        }

        var direction = options.InboundContexts.Contains(fields[DContext]) ? CallDirection.Inbound : CallDirection.Outbound;
        var answered = fields[Disposition] == "ANSWERED" && fields[Answer].Length > 0;
        var recordId = fields.Count > UniqueId && fields[UniqueId].Length > 0
            ? fields[UniqueId] + (fields.Count > Sequence && fields[Sequence].Length > 0 ? "-" + fields[Sequence] : string.Empty)
            : CdrFieldParsing.IdentityHash(fields[Src], fields[Dst], fields[Channel], fields[DstChannel], fields[Start]);

        var usage = new UsageEvent(
            EventId: $"{Source}-{recordId}",
            Source: Source,
            SourceRecordId: recordId,
            StartedAt: startedAt,
            DurationSeconds: answered ? billSeconds : 0,
            Direction: direction,
            From: PhoneNumbers.ToE164(fields[Src], region),
            To: PhoneNumbers.ToE164(fields[Dst], region),
            Component: UsageComponent.Telephony,
            Answered: answered,
            AnsweredAt: answered ? answeredAt : null,
            EndedAt: endedAt);
        return CdrLine.Usage(number, line, usage);
    }
}
