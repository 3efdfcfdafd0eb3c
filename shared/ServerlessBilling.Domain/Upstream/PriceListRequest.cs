using NodaTime;
using NodaTime.Text;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Upstream;

/// <summary>How to take a price list into a cost plan: the version date it prices from, its currency and its column mapping.</summary>
/// <param name="Currency">The list's currency; a cost plan that exists keeps its own, and a list in another currency is refused.</param>
/// <param name="PerCallDecimals">Decimals of one call's expected cost (the vendor's own precision; 6 by default).</param>
public sealed record PriceListRequest(LocalDate EffectiveFrom, string Currency, PriceListMapping Mapping, int PerCallDecimals = 6)
{
    private const string Title = "The price list import is not valid";

    /// <summary>Reads an import's parameters as the API and the verb take them: a preset (<c>twilio-voice</c>, <c>retell</c>), or
    /// <paramref name="columns"/> (<c>field=Header;...</c>) with the fixed component, direction and increment.</summary>
    public static Outcome<PriceListRequest> Parse(
        string? effectiveFrom, string? currency, string? preset, string? columns, string? component, string? direction, string? increment)
    {
        var problems = new List<RecordProblem>();
        var date = LocalDatePattern.Iso.Parse(effectiveFrom ?? "");
        if (!date.Success)
        {
            problems.Add(new RecordProblem("effectiveFrom", $"'{effectiveFrom}' is not a date such as 2026-11-01"));
        }

        if (currency is not { Length: 3 } || !currency.All(char.IsAsciiLetter))
        {
            problems.Add(new RecordProblem("currency", "must be an ISO 4217 code such as USD"));
        }

        var mapping = ReadMapping(preset, columns, component, direction, increment, problems);
        return problems.Count > 0 || mapping is null
            ? Problem.Invalid(Title, problems)
            : new PriceListRequest(date.Value, currency!.ToUpperInvariant(), mapping);
    }

    private static PriceListMapping? ReadMapping(
        string? preset, string? columns, string? component, string? direction, string? increment, List<RecordProblem> problems)
    {
        if (!string.IsNullOrEmpty(preset))
        {
            var found = PriceListMapping.Preset(preset);
            if (found is null)
            {
                problems.Add(new RecordProblem("preset", "must be twilio-voice or retell"));
            }

            return found;
        }

        if (string.IsNullOrEmpty(columns))
        {
            problems.Add(new RecordProblem("columns", "a preset or a column mapping (field=Header;...) is required"));
            return null;
        }

        var parsedComponent = UsageComponent.Telephony;
        if (component is not null && !(Enum.TryParse(component, true, out parsedComponent) && Enum.IsDefined(parsedComponent)))
        {
            problems.Add(new RecordProblem("component", $"must be one of {string.Join(", ", Enum.GetNames<UsageComponent>())}"));
        }

        CallDirection? parsedDirection = null;
        if (direction is not null)
        {
            if (Enum.TryParse<CallDirection>(direction, true, out var read) && Enum.IsDefined(read))
            {
                parsedDirection = read;
            }
            else
            {
                problems.Add(new RecordProblem("direction", "must be inbound or outbound"));
            }
        }

        BillingIncrement? parsedIncrement = null;
        if (increment is not null)
        {
            if (BillingIncrement.TryParse(increment, out var read))
            {
                parsedIncrement = read;
            }
            else
            {
                problems.Add(new RecordProblem("increment", $"'{increment}' is not first/next seconds such as 60/60"));
            }
        }

        var parsed = PriceListMapping.Parse(columns, parsedComponent, parsedDirection, parsedIncrement);
        if (!parsed.TryGetValue(out var mapping))
        {
            problems.AddRange(parsed.Problem!.Fields);
        }

        return mapping;
    }
}
