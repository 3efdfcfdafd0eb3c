using System.Text.Json;

namespace ServerlessBilling.Usage;

/// <summary>The body of a message on the rating queue: a batch of normalized events.</summary>
public sealed record RatingMessage(IReadOnlyList<UsageEvent> Events)
{
    public string ToJson() => JsonSerializer.Serialize(this, BillingJson.Options);

    /// <summary>Reads a message body; a body that is not a rating message is a problem to quarantine, not an exception.</summary>
    public static bool TryParse(string body, out RatingMessage? message, out RecordProblem? problem)
    {
        message = null;
        problem = null;
        try
        {
            message = JsonSerializer.Deserialize<RatingMessage>(body, BillingJson.Options);
        }
        catch (JsonException e)
        {
            problem = new RecordProblem(e.Path ?? "$", e.Message);
            return false;
        }

        if (message?.Events is null)
        {
            problem = new RecordProblem("events", "is required");
            return false;
        }

        return true;
    }
}
