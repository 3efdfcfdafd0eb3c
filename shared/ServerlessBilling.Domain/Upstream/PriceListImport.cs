using System.Globalization;
using ServerlessBilling.Accounts;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Upstream;

/// <summary>Reads a vendor's price list CSV into cost plan rate rows through a <see cref="PriceListMapping"/>.</summary>
/// <remarks>
/// <para>A row whose prefix cell lists several prefixes (<c>1; 1201; 1202</c>, separated by semicolons, commas or spaces) becomes one
/// rate row per prefix; a <c>+</c> before a prefix is dropped. Rows that price the same call (component, direction, number type,
/// prefix, increment) add up: a vendor that lists its per-minute items apart (voice engine, LLM, telephony) is one row of their sum.</para>
/// <para>Prices are read invariantly (<c>0.0140</c>, a leading <c>$</c> allowed) and kept unrounded. A number type is written as the
/// enum or in words (<c>toll free</c>, <c>toll-free</c>); <c>national</c> reads as <see cref="NumberType.Other"/>.</para>
/// </remarks>
public static class PriceListImport
{
    private const int MaxProblems = 20;

    /// <returns>The rate rows, or an invalid problem naming each line and field at fault (at most 20).</returns>
    public static Outcome<IReadOnlyList<UsageRate>> Read(TextReader csv, PriceListMapping mapping)
    {
        var problems = new List<RecordProblem>();
        var fields = new List<string>();
        CsvHeader? header = null;
        Dictionary<string, int> columns = [];
        var rates = new Dictionary<(UsageComponent, CallDirection?, NumberType?, string?, BillingIncrement), (decimal PerMinute, decimal ConnectFee)>();
        foreach (var (number, line) in CdrTextLines.Read(csv))
        {
            if (!CsvFields.TrySplit(line, fields, out var error))
            {
                problems.Add(new RecordProblem($"line {number}", error!));
            }
            else if (header is null)
            {
                header = new CsvHeader([.. fields]);
                columns = mapping.Columns.ToDictionary(c => c.Key, c => header.IndexOf(c.Value), StringComparer.Ordinal);
                foreach (var (field, index) in columns.Where(c => c.Value < 0))
                {
                    problems.Add(new RecordProblem("header", $"has no column '{mapping.Columns[field]}' for {field}"));
                }

                if (problems.Count > 0)
                {
                    break;
                }
            }
            else
            {
                ReadRow(number, fields, columns, mapping, rates, problems);
            }

            if (problems.Count >= MaxProblems)
            {
                break;
            }
        }

        if (problems.Count == 0 && rates.Count == 0)
        {
            problems.Add(new RecordProblem("$", "the price list has no rows"));
        }

        if (problems.Count > 0)
        {
            return Problem.Invalid("The price list cannot be read", problems);
        }

        return rates
            .Select(r => new UsageRate(r.Key.Item1, r.Key.Item2, r.Value.PerMinute, r.Key.Item5, ConnectFee: r.Value.ConnectFee, NumberType: r.Key.Item3, Prefix: r.Key.Item4))
            .ToList();
    }

    private static void ReadRow(
        long number, List<string> fields, Dictionary<string, int> columns, PriceListMapping mapping,
        Dictionary<(UsageComponent, CallDirection?, NumberType?, string?, BillingIncrement), (decimal PerMinute, decimal ConnectFee)> rates,
        List<RecordProblem> problems)
    {
        string? Cell(string field) => columns.TryGetValue(field, out var index) ? CsvHeader.Cell(fields, index) : null;
        void Fail(string field, string reason) => problems.Add(new RecordProblem($"line {number}.{field}", reason));

        if (!TryMoney(Cell(PriceListMapping.PerMinuteField), out var perMinute) || perMinute is null)
        {
            Fail(PriceListMapping.PerMinuteField, $"'{Cell(PriceListMapping.PerMinuteField)}' is not a price such as 0.0140");
            return;
        }

        if (!TryMoney(Cell(PriceListMapping.ConnectFeeField), out var connectFee))
        {
            Fail(PriceListMapping.ConnectFeeField, $"'{Cell(PriceListMapping.ConnectFeeField)}' is not a price such as 0.0100");
            return;
        }

        var component = mapping.Component;
        if (Cell(PriceListMapping.ComponentField) is { } componentText && !TryEnum(componentText, out component))
        {
            Fail(PriceListMapping.ComponentField, $"'{componentText}' is not one of {string.Join(", ", Enum.GetNames<UsageComponent>())}");
            return;
        }

        var direction = mapping.Direction;
        if (Cell(PriceListMapping.DirectionField) is { } directionText)
        {
            if (!TryEnum<CallDirection>(directionText, out var read))
            {
                Fail(PriceListMapping.DirectionField, $"'{directionText}' is not inbound or outbound");
                return;
            }

            direction = read;
        }

        NumberType? numberType = null;
        if (Cell(PriceListMapping.NumberTypeField) is { } typeText)
        {
            if (!TryNumberType(typeText, out var read))
            {
                Fail(PriceListMapping.NumberTypeField, $"'{typeText}' is not one of {string.Join(", ", Enum.GetNames<NumberType>())}");
                return;
            }

            numberType = read;
        }

        var increment = mapping.Increment ?? BillingIncrement.PerMinute;
        if (Cell(PriceListMapping.IncrementField) is { } incrementText && !BillingIncrement.TryParse(incrementText, out increment))
        {
            Fail(PriceListMapping.IncrementField, $"'{incrementText}' is not first/next seconds such as 60/60");
            return;
        }

        var prefixes = (Cell(PriceListMapping.PrefixField) ?? "").Split([';', ',', ' ', '|'], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.TrimStart('+')).ToList();
        if (prefixes.FirstOrDefault(p => !p.All(char.IsAsciiDigit)) is { } bad)
        {
            Fail(PriceListMapping.PrefixField, $"'{bad}' is not a run of digits");
            return;
        }

        foreach (var prefix in prefixes.Count == 0 ? [null] : prefixes.Distinct(StringComparer.Ordinal).Cast<string?>())
        {
            var key = (component, direction, numberType, prefix, increment);
            var sum = rates.GetValueOrDefault(key);
            rates[key] = (sum.PerMinute + perMinute.Value, sum.ConnectFee + (connectFee ?? 0m));
        }
    }

    private static bool TryMoney(string? text, out decimal? amount)
    {
        amount = null;
        if (text is null)
        {
            return true;
        }

        var ok = decimal.TryParse(text.TrimStart('$'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value);
        amount = ok ? value : null;
        return ok;
    }

    private static bool TryEnum<T>(string text, out T value)
        where T : struct, Enum =>
        Enum.TryParse(Words(text), ignoreCase: true, out value) && Enum.IsDefined(value);

    private static bool TryNumberType(string text, out NumberType type)
    {
        if (string.Equals(Words(text), "national", StringComparison.OrdinalIgnoreCase))
        {
            type = NumberType.Other;
            return true;
        }

        return TryEnum(text, out type);
    }

    /// <summary>"toll free", "toll-free" and "ai_voice" as the enum names they stand for.</summary>
    private static string Words(string text) => string.Concat(text.Where(c => c is not (' ' or '-' or '_')));
}
