using System.Globalization;
using NodaTime;
using NodaTime.Text;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Upstream;

/// <summary>Twilio call records as CSV: one row per call with the Call resource's fields as columns.</summary>
/// <remarks>
/// <para>Columns (header names, any case): <c>Call Sid</c> (or <c>sid</c>), <c>Status</c>, <c>Start Time</c> (or <c>start_time</c>),
/// <c>Duration</c> (seconds), <c>Price</c> and <c>Price Unit</c> (or <c>price_unit</c>); <c>From</c>, <c>To</c> and <c>Direction</c> may
/// be present and are not needed to match; <c>Account Sid</c> (or <c>account_sid</c>) names the account or subaccount billed. Times are UTC, ISO 8601 (<c>2026-11-03T14:05:00Z</c>) or <c>2026-11-03 14:05:00</c>.</para>
/// <para>Twilio writes the price negative (money leaving the account); it is kept as a positive charge. A call listed as
/// <c>busy</c>, <c>no-answer</c>, <c>failed</c> or <c>canceled</c> did not connect. The call's event id is <c>twilio-{sid}</c>, the id
/// its status callback and bulk export are billed under.</para>
/// </remarks>
public static class TwilioCallRecordsCsv
{
    private static readonly OffsetDateTimePattern Iso = OffsetDateTimePattern.ExtendedIso;
    private static readonly LocalDateTimePattern Plain = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss");

    public static StatementLine Read(CsvHeader header, long number, IReadOnlyList<string> fields)
    {
        var sid = CsvHeader.Cell(fields, header.IndexOfAny("Call Sid", "sid"));
        if (sid is null)
        {
            return StatementLine.Bad(number, "sid", "is required");
        }

        var status = CsvHeader.Cell(fields, header.IndexOf("Status")) ?? "";
        var startText = CsvHeader.Cell(fields, header.IndexOfAny("Start Time", "start_time")) ?? "";
        if (ReadTime(startText) is not { } start)
        {
            return StatementLine.Bad(number, "start_time", $"'{startText}' is not a UTC time such as 2026-11-03T14:05:00Z");
        }

        var durationText = CsvHeader.Cell(fields, header.IndexOf("Duration")) ?? "0";
        if (!int.TryParse(durationText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return StatementLine.Bad(number, "duration", $"'{durationText}' is not a whole number of seconds");
        }

        var priceText = CsvHeader.Cell(fields, header.IndexOf("Price")) ?? "0";
        if (!decimal.TryParse(priceText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price))
        {
            return StatementLine.Bad(number, "price", $"'{priceText}' is not a decimal amount");
        }

        var unit = CsvHeader.Cell(fields, header.IndexOfAny("Price Unit", "price_unit"));
        if (unit is not { Length: 3 })
        {
            return StatementLine.Bad(number, "price_unit", "must be an ISO 4217 code such as USD");
        }

        var connected = status is not ("busy" or "no-answer" or "failed" or "canceled");
        var row = new StatementRow(sid, $"twilio-{sid}", UsageComponent.Telephony, start, connected ? seconds : 0, status, connected,
            new Money(Math.Abs(price), unit.ToUpperInvariant()), VendorAccount: CsvHeader.Cell(fields, header.IndexOfAny("Account Sid", "account_sid")));
        return new StatementLine(number, row, null);
    }

    private static Instant? ReadTime(string text)
    {
        var iso = Iso.Parse(text);
        if (iso.Success)
        {
            return iso.Value.ToInstant();
        }

        var plain = Plain.Parse(text);
        return plain.Success ? plain.Value.InUtc().ToInstant() : null;
    }
}
