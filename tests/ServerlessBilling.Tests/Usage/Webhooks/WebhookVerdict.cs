using ServerlessBilling.Usage.Webhooks;

namespace ServerlessBilling.Tests.Usage.Webhooks;

/// <summary>What became of a delivery in one word, so a vendor's table of cases reads as one column.</summary>
public enum WebhookVerdict
{
    Accepted,
    Ignored,
    Unauthorized,
    Invalid,
    TooLarge,
}

internal static class WebhookVerdicts
{
    /// <summary>The receipt's status when the delivery was taken in, otherwise the problem's kind.</summary>
    public static WebhookVerdict Verdict(this Outcome<WebhookReceipt> outcome) =>
        outcome.TryGetValue(out var receipt)
            ? receipt.Status switch
            {
                WebhookStatus.Accepted => WebhookVerdict.Accepted,
                WebhookStatus.Ignored => WebhookVerdict.Ignored,
                _ => throw new ArgumentOutOfRangeException(nameof(outcome), receipt.Status, null),
            }
            : outcome.Problem!.Kind switch
            {
                ProblemKind.Unauthorized => WebhookVerdict.Unauthorized,
                ProblemKind.Invalid => WebhookVerdict.Invalid,
                ProblemKind.TooLarge => WebhookVerdict.TooLarge,
                var kind => throw new ArgumentOutOfRangeException(nameof(outcome), kind, null),
            };

    /// <summary>The one field a refused delivery names.</summary>
    public static string Field(this Outcome<WebhookReceipt> outcome) => outcome.Problem!.Fields.Single().Field;
}
