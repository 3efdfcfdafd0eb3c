using System.Globalization;
using NodaTime;

namespace ServerlessBilling.Usage.Cdr;

/// <summary>Reads a CSV file with a header row, one call per line, through a <see cref="CsvColumnMapping"/>.</summary>
/// <remarks>
/// Values: <c>start</c> ISO 8601 or <c>yyyy-MM-dd HH:mm:ss</c>; <c>duration</c> whole connected seconds;
/// <c>direction</c> <c>inbound</c>/<c>outbound</c>; <c>answered</c> true/false, yes/no or 1/0 (default: duration
/// above zero); <c>component</c> Telephony, AiVoice or Transfer (default Telephony); <c>cost</c> what the vendor
/// charged, in <c>currency</c>, taken as a positive amount; <c>account</c> names the billing account outright;
/// <c>agent</c> is the AI agent that took the call, attributed by the agents assigned under vendor <c>csv</c>.
/// Without an <c>id</c> the event id is a hash of start, from, to and duration. A header that lacks a required column
/// is reported on line 1 and every record line is kept in quarantine with that reason.
/// </remarks>
public static class GenericCdrCsv
{
    public const string Source = CdrFormat.Csv;

    public static IEnumerable<CdrLine> Read(TextReader reader, GenericCdrOptions options, PhoneRegion region)
    {
        var fields = new List<string>(12);
        Dictionary<string, int>? columns = null;
        RecordProblem? headerProblem = null;
        foreach (var (number, line) in CdrTextLines.Read(reader))
        {
            if (columns is null && headerProblem is null)
            {
                if (!CsvFields.TrySplit(line, fields, out var error))
                {
                    headerProblem = new RecordProblem("header", error!);
                }
                else if (options.Columns.TryLocate(fields, out var located, out var problem))
                {
                    columns = located;
                    continue;
                }
                else
                {
                    headerProblem = problem;
                }

                yield return CdrLine.Bad(number, line, headerProblem!);
                headerProblem = new RecordProblem("header", $"line {number} is not a usable header: {headerProblem!.Reason}");
                continue;
            }

            yield return columns is null
                ? CdrLine.Bad(number, line, headerProblem!)
                : Parse(number, line, fields, columns, options.TimeZone, region);
        }
    }

    private static CdrLine Parse(long number, string line, List<string> fields, Dictionary<string, int> columns, DateTimeZone zone, PhoneRegion region)
    {
        if (!CsvFields.TrySplit(line, fields, out var error))
        {
            return CdrLine.Bad(number, line, new RecordProblem("line", error!));
        }

        string Field(string name) => columns.TryGetValue(name, out var i) && i < fields.Count ? fields[i].Trim() : string.Empty;
        CdrLine Bad(string field, string reason) => CdrLine.Bad(number, line, new RecordProblem(field, reason));

        var start = Field(CsvColumnMapping.Start);
        if (!CdrFieldParsing.TryParseAnyTime(start, zone, out var startedAt))
        {
            return Bad(CsvColumnMapping.Start, $"'{start}' is not a time like 2024-11-14T22:14:19Z or 2024-11-14 16:14:15");
        }

        if (!TryParseOptionalTime(Field(CsvColumnMapping.Answer), zone, out var answeredAt))
        {
            return Bad(CsvColumnMapping.Answer, $"'{Field(CsvColumnMapping.Answer)}' is not a time like 2024-11-14T22:14:19Z or 2024-11-14 16:14:15");
        }

        if (!TryParseOptionalTime(Field(CsvColumnMapping.End), zone, out var endedAt))
        {
            return Bad(CsvColumnMapping.End, $"'{Field(CsvColumnMapping.End)}' is not a time like 2024-11-14T22:14:19Z or 2024-11-14 16:14:15");
        }

        if (!CdrFieldParsing.TryParseSeconds(Field(CsvColumnMapping.Duration), out var seconds))
        {
            return Bad(CsvColumnMapping.Duration, $"'{Field(CsvColumnMapping.Duration)}' is not a whole number of seconds");
        }

        CallDirection? direction = Field(CsvColumnMapping.Direction).ToLowerInvariant() switch
        {
            "inbound" or "in" => CallDirection.Inbound,
            "outbound" or "out" => CallDirection.Outbound,
            _ => null,
        };
        if (direction is null)
        {
            return Bad(CsvColumnMapping.Direction, $"'{Field(CsvColumnMapping.Direction)}' is not inbound or outbound");
        }

        var (from, to) = (Field(CsvColumnMapping.From), Field(CsvColumnMapping.To));
        if (from.Length == 0 || to.Length == 0)
        {
            return Bad(from.Length == 0 ? CsvColumnMapping.From : CsvColumnMapping.To, "is required");
        }

        bool? answered = Field(CsvColumnMapping.Answered).ToLowerInvariant() switch
        {
            "" => seconds > 0,
            "true" or "yes" or "1" => true,
            "false" or "no" or "0" => false,
            _ => null,
        };
        if (answered is null)
        {
            return Bad(CsvColumnMapping.Answered, $"'{Field(CsvColumnMapping.Answered)}' is not true or false");
        }

        var componentText = Field(CsvColumnMapping.Component);
        var component = UsageComponent.Telephony;
        if (componentText.Length > 0 && (!Enum.TryParse(componentText, ignoreCase: true, out component) || !Enum.IsDefined(component)))
        {
            return Bad(CsvColumnMapping.Component, $"'{componentText}' is not one of {string.Join(", ", Enum.GetNames<UsageComponent>())}");
        }

        Money? cost = null;
        var costText = Field(CsvColumnMapping.Cost);
        if (costText.Length > 0)
        {
            if (!decimal.TryParse(costText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return Bad(CsvColumnMapping.Cost, $"'{costText}' is not a decimal amount");
            }

            var currency = Field(CsvColumnMapping.Currency);
            if (currency.Length != 3)
            {
                return Bad(CsvColumnMapping.Currency, $"'{currency}' is not an ISO 4217 code");
            }

            cost = new Money(Math.Abs(amount), currency.ToUpperInvariant());
        }

        var id = Field(CsvColumnMapping.Id);
        var recordId = id.Length > 0 ? id : CdrFieldParsing.IdentityHash(start, from, to, seconds.ToString(CultureInfo.InvariantCulture), componentText);
        var account = Field(CsvColumnMapping.Account);
        var agent = Field(CsvColumnMapping.Agent);
        var usage = new UsageEvent(
            EventId: $"{Source}-{recordId}",
            Source: Source,
            SourceRecordId: recordId,
            StartedAt: startedAt,
            DurationSeconds: answered.Value ? seconds : 0,
            Direction: direction.Value,
            From: PhoneNumbers.ToE164(from, region),
            To: PhoneNumbers.ToE164(to, region),
            Component: component,
            Answered: answered.Value,
            UpstreamCost: cost,
            AccountId: account.Length > 0 ? account : null,
            AgentId: agent.Length > 0 ? agent : null,
            AnsweredAt: answered.Value ? answeredAt : null,
            EndedAt: endedAt);
        return CdrLine.Usage(number, line, usage);
    }

    private static bool TryParseOptionalTime(string text, DateTimeZone zone, out Instant? instant)
    {
        instant = null;
        if (text.Length == 0)
        {
            return true;
        }

        var parsed = CdrFieldParsing.TryParseAnyTime(text, zone, out var value);
        instant = parsed ? value : null;
        return parsed;
    }
}
