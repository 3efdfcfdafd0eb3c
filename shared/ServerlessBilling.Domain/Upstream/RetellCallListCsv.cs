using System.Globalization;
using NodaTime;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Upstream;

/// <summary>Retell's call list as CSV: one row per call with the call object's fields as columns (the List Calls API's call object,
/// <c>call_cost</c> flattened).</summary>
/// <remarks>
/// <para>Columns: <c>call_id</c>, <c>call_status</c>, <c>start_timestamp</c> (epoch milliseconds), <c>duration_ms</c>,
/// <c>total_duration_seconds</c> (the billed seconds, after Retell's minimums; preferred over <c>duration_ms</c> when present) and
/// <c>combined_cost</c> in US cents, kept in dollars; the two cost columns may also be named by their path in the call object
/// (<c>call_cost.total_duration_seconds</c>, <c>call_cost.combined_cost</c>). <c>agent_id</c>, <c>from_number</c>, <c>to_number</c> and
/// <c>direction</c> may be present and are not needed to match.</para>
/// <para>A call with status <c>error</c> or <c>not_connected</c> did not connect. <c>combined_cost</c> is "the combined cost of all
/// individual costs" of the call: every product Retell lists in <c>call_cost.product_costs</c>, its own telephony among them when Retell
/// carried the call. So the row covers the AI engine (the call's main component, event id <c>retell-{call_id}</c> as its webhooks are
/// billed under) and the telephony billed under the same call, which exists only when the call's webhook listed Retell's telephony.</para>
/// </remarks>
public static class RetellCallListCsv
{
    public static StatementLine Read(CsvHeader header, long number, IReadOnlyList<string> fields)
    {
        var id = CsvHeader.Cell(fields, header.IndexOf("call_id"));
        if (id is null)
        {
            return StatementLine.Bad(number, "call_id", "is required");
        }

        var status = CsvHeader.Cell(fields, header.IndexOf("call_status")) ?? "";
        var startText = CsvHeader.Cell(fields, header.IndexOf("start_timestamp")) ?? "";
        if (!long.TryParse(startText, NumberStyles.None, CultureInfo.InvariantCulture, out var startMs))
        {
            return StatementLine.Bad(number, "start_timestamp", $"'{startText}' is not epoch milliseconds");
        }

        int seconds;
        if (CsvHeader.Cell(fields, header.IndexOfAny("total_duration_seconds", "call_cost.total_duration_seconds")) is { } billed)
        {
            if (!int.TryParse(billed, NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
            {
                return StatementLine.Bad(number, "total_duration_seconds", $"'{billed}' is not a whole number of seconds");
            }
        }
        else
        {
            var msText = CsvHeader.Cell(fields, header.IndexOf("duration_ms")) ?? "0";
            if (!long.TryParse(msText, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            {
                return StatementLine.Bad(number, "duration_ms", $"'{msText}' is not whole milliseconds");
            }

            seconds = checked((int)((ms + 999) / 1000));
        }

        var centsText = CsvHeader.Cell(fields, header.IndexOfAny("combined_cost", "call_cost.combined_cost")) ?? "0";
        if (!decimal.TryParse(centsText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cents))
        {
            return StatementLine.Bad(number, "combined_cost", $"'{centsText}' is not an amount in cents");
        }

        var connected = status is not ("error" or "not_connected");
        var row = new StatementRow(id, $"retell-{id}", UsageComponent.AiVoice, Instant.FromUnixTimeMilliseconds(startMs), connected ? seconds : 0,
            status, connected, new Money(cents / 100m, "USD"), [UsageComponent.Telephony]);
        return new StatementLine(number, row, null);
    }
}
