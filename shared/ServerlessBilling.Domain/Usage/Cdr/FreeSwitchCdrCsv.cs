namespace ServerlessBilling.Usage.Cdr;

/// <summary>Reads FreeSWITCH <c>mod_cdr_csv</c> files line by line, in constant memory.</summary>
/// <remarks>
/// No header; every field is quoted, numbers too. A call counts as answered only with an <c>answer_stamp</c> and
/// a positive <c>billsec</c>, because FreeSWITCH logs unanswered calls with <c>NORMAL_CLEARING</c> and billsec 0;
/// an unanswered call stays an event with zero seconds. The event id is <c>uuid</c> when the template writes it,
/// otherwise a hash of the line's identity fields.
/// </remarks>
public static class FreeSwitchCdrCsv
{
    public const string Source = CdrFormat.FreeSwitch;

    public static IEnumerable<CdrLine> Read(TextReader reader, FreeSwitchCdrOptions options, PhoneRegion region)
    {
        var fields = new List<string>(18);
        foreach (var (number, line) in CdrTextLines.Read(reader))
        {
            yield return Parse(number, line, fields, options, region);
        }
    }

    private static CdrLine Parse(long number, string line, List<string> fields, FreeSwitchCdrOptions options, PhoneRegion region)
    {
        if (!CsvFields.TrySplit(line, fields, out var csvError))
        {
            return CdrLine.Bad(number, line, new RecordProblem("line", csvError!));
        }

        var template = options.Template ?? FreeSwitchTemplate.ByColumnCount(fields.Count);
        if (template is null || template.Variables.Count != fields.Count)
        {
            var expected = options.Template is null ? "15 (example), 13 (default) or 18 (asterisk)" : $"{options.Template.Variables.Count} ({options.Template.Name} template)";
            return CdrLine.Bad(number, line, new RecordProblem("line", $"has {fields.Count} columns; expected {expected}"));
        }

        string Field(string variable) => template.ColumnOf(variable) is var i and >= 0 ? fields[i] : string.Empty;

        var start = Field("start_stamp");
        if (!CdrFieldParsing.TryParseLocalTime(start, options.TimeZone, out var startedAt))
        {
            return CdrLine.Bad(number, line, new RecordProblem("start_stamp", $"'{start}' is not a time like 2024-11-14 16:14:15"));
        }

        var billsec = Field("billsec");
        if (!CdrFieldParsing.TryParseSeconds(billsec, out var billSeconds))
        {
            return CdrLine.Bad(number, line, new RecordProblem("billsec", $"'{billsec}' is not a whole number of seconds"));
        }

        var (answerStamp, endStamp) = (Field("answer_stamp"), Field("end_stamp"));
        if (!CdrFieldParsing.TryParseOptionalLocalTime(answerStamp, options.TimeZone, out var answeredAt))
        {
            return CdrLine.Bad(number, line, new RecordProblem("answer_stamp", $"'{answerStamp}' is not a time like 2024-11-14 16:14:15"));
        }

        if (!CdrFieldParsing.TryParseOptionalLocalTime(endStamp, options.TimeZone, out var endedAt))
        {
            return CdrLine.Bad(number, line, new RecordProblem("end_stamp", $"'{endStamp}' is not a time like 2024-11-14 16:14:15"));
        }

        var (from, to) = (Field("caller_id_number"), Field("destination_number"));
        var hasAnswerColumn = template.ColumnOf("answer_stamp") >= 0;
        var answered = billSeconds > 0 && (!hasAnswerColumn || answerStamp.Length > 0);
        var uuid = Field("uuid");
        var recordId = uuid.Length > 0 ? uuid : CdrFieldParsing.IdentityHash(from, to, start, endStamp, Field("channel_name"));
        var cause = Field("hangup_cause");

        var usage = new UsageEvent(
            EventId: $"{Source}-{recordId}",
            Source: Source,
            SourceRecordId: recordId,
            StartedAt: startedAt,
            DurationSeconds: answered ? billSeconds : 0,
            Direction: options.InboundContexts.Contains(Field("context")) ? CallDirection.Inbound : CallDirection.Outbound,
            From: PhoneNumbers.ToE164(from, region),
            To: PhoneNumbers.ToE164(to, region),
            Component: UsageComponent.Telephony,
            Answered: answered,
            Attributes: cause.Length > 0 ? new Dictionary<string, string> { ["hangup_cause"] = cause } : null,
            AnsweredAt: answered ? answeredAt : null,
            EndedAt: endedAt);
        return CdrLine.Usage(number, line, usage);
    }
}
