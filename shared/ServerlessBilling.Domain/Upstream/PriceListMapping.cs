using ServerlessBilling.Rating;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Upstream;

/// <summary>Which column of a vendor's price list CSV holds each field of a cost plan rate row, and the values the list does not state.</summary>
/// <remarks>
/// <para>Fields: <c>component, direction, numberType, prefix, perMinute, increment, connectFee</c>; only <c>perMinute</c> must have a
/// column. A column is named as <c>field=Header</c> pairs separated by semicolons (<c>prefix=Destination Prefixes;perMinute=Current Price</c>).
/// A field with no column takes the mapping's fixed value (<see cref="Component"/>, <see cref="Direction"/>, <see cref="Increment"/>)
/// or matches any call.</para>
/// <para>The presets are the formats documented in docs/upstream-costs.md: <see cref="TwilioVoice"/> and <see cref="Retell"/>.</para>
/// </remarks>
public sealed record PriceListMapping(
    IReadOnlyDictionary<string, string> Columns,
    UsageComponent Component = UsageComponent.Telephony,
    CallDirection? Direction = null,
    BillingIncrement? Increment = null)
{
    public const string ComponentField = "component", DirectionField = "direction", NumberTypeField = "numberType", PrefixField = "prefix",
        PerMinuteField = "perMinute", IncrementField = "increment", ConnectFeeField = "connectFee";

    public static IReadOnlyList<string> Fields { get; } =
        [ComponentField, DirectionField, NumberTypeField, PrefixField, PerMinuteField, IncrementField, ConnectFeeField];

    /// <summary>Twilio's voice price list: one row per country, direction and number type or destination prefixes; per-minute, each call
    /// rounded up to the next minute.</summary>
    public static PriceListMapping TwilioVoice { get; } = new(
        new Dictionary<string, string>
        {
            [DirectionField] = "Direction",
            [NumberTypeField] = "Number Type",
            [PrefixField] = "Destination Prefixes",
            [PerMinuteField] = "Current Price",
        },
        UsageComponent.Telephony,
        Increment: BillingIncrement.PerMinute);

    /// <summary>Retell's price list: per-minute items by component that add up (voice engine + LLM + telephony), billed by the second.</summary>
    public static PriceListMapping Retell { get; } = new(
        new Dictionary<string, string> { [ComponentField] = "Component", [PerMinuteField] = "Price Per Minute" },
        UsageComponent.AiVoice,
        Increment: BillingIncrement.PerSecond);

    /// <summary>A preset by name (<c>twilio-voice</c>, <c>retell</c>), or null.</summary>
    public static PriceListMapping? Preset(string name) => name switch
    {
        "twilio-voice" => TwilioVoice,
        "retell" => Retell,
        _ => null,
    };

    /// <summary>Reads <c>field=Header;...</c> over fixed values.</summary>
    public static Outcome<PriceListMapping> Parse(string columns, UsageComponent component, CallDirection? direction, BillingIncrement? increment)
    {
        var byField = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in columns.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            var field = parts.Length == 2 ? Fields.FirstOrDefault(f => string.Equals(f, parts[0], StringComparison.OrdinalIgnoreCase)) : null;
            if (field is null || parts[1].Length == 0)
            {
                return Problem.Invalid("The column mapping is not valid",
                    new RecordProblem("columns", $"'{pair}' is not field=Header with a field among {string.Join(", ", Fields)}"));
            }

            byField[field] = parts[1];
        }

        return byField.ContainsKey(PerMinuteField)
            ? new PriceListMapping(byField, component, direction, increment)
            : Problem.Invalid("The column mapping is not valid", new RecordProblem("columns", "must name the perMinute column"));
    }
}
