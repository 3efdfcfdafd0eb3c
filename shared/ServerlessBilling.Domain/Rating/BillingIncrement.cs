using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessBilling.Rating;

/// <summary>How call time is rounded before it is priced, written first/next seconds: 60/60, 30/6, 6/6, 1/1.</summary>
/// <remarks>
/// A connected call is billed at least <see cref="FirstSeconds"/>; time beyond that is rounded up to whole
/// <see cref="NextSeconds"/> steps. A zero-second call bills zero here: whether it costs anything is the
/// plan's attempt rule, not the increment's.
/// </remarks>
[JsonConverter(typeof(BillingIncrementJsonConverter))]
public readonly record struct BillingIncrement(int FirstSeconds, int NextSeconds)
{
    public static readonly BillingIncrement PerSecond = new(1, 1);
    public static readonly BillingIncrement PerMinute = new(60, 60);

    public int BillableSeconds(int durationSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(durationSeconds);
        if (durationSeconds == 0)
        {
            return 0;
        }

        if (durationSeconds <= FirstSeconds)
        {
            return FirstSeconds;
        }

        var beyond = durationSeconds - FirstSeconds;
        var steps = (beyond + NextSeconds - 1) / NextSeconds;
        return checked(FirstSeconds + (steps * NextSeconds));
    }

    public static bool TryParse(string? text, out BillingIncrement increment)
    {
        increment = default;
        var parts = text?.Split('/');
        if (parts is not [var first, var next]
            || !int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var firstSeconds)
            || !int.TryParse(next, NumberStyles.None, CultureInfo.InvariantCulture, out var nextSeconds)
            || firstSeconds < 1 || nextSeconds < 1)
        {
            return false;
        }

        increment = new BillingIncrement(firstSeconds, nextSeconds);
        return true;
    }

    public override string ToString() => $"{FirstSeconds}/{NextSeconds}";
}

internal sealed class BillingIncrementJsonConverter : JsonConverter<BillingIncrement>
{
    public override BillingIncrement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return BillingIncrement.TryParse(text, out var increment)
            ? increment
            : throw new JsonException("An increment is written \"first/next\" in seconds, e.g. \"60/60\" or \"30/6\".");
    }

    public override void Write(Utf8JsonWriter writer, BillingIncrement value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
