namespace ServerlessBilling.Payments.AuthorizeNet;

/// <summary>Authorize.Net's response reason codes for refused transactions, named in the gateway-neutral decline vocabulary
/// of <see cref="DeclineCodes"/> and classed as retryable or not.</summary>
/// <remarks>
/// A response code 2 (declined) or 3 (error) comes with a reason code in <c>errors[0].errorCode</c>. Codes that say the
/// card or account on file can never succeed (pick up, invalid number or routing, expired, card type not accepted,
/// AVS/CVV or fraud filters, declined after review) are not retried: only a new method helps. Plain issuer declines and
/// processing errors are retried later; an unknown code too, because the dunning schedule caps the attempts.
/// </remarks>
public static class AuthorizeNetDeclines
{
    private static readonly Dictionary<string, (string Code, DeclineKind Kind)> ByReason = new(StringComparer.Ordinal)
    {
        ["2"] = ("generic_decline", DeclineKind.RetryLater),
        ["3"] = ("call_issuer", DeclineKind.RetryLater),
        ["4"] = ("pickup_card", DeclineKind.DoNotRetry),
        ["5"] = ("invalid_amount", DeclineKind.DoNotRetry),
        ["6"] = ("invalid_number", DeclineKind.DoNotRetry),
        ["7"] = ("invalid_expiry_month", DeclineKind.DoNotRetry),
        ["8"] = ("expired_card", DeclineKind.DoNotRetry),
        ["9"] = ("invalid_account", DeclineKind.DoNotRetry),
        ["10"] = ("invalid_account_number", DeclineKind.DoNotRetry),
        ["17"] = ("card_not_supported", DeclineKind.DoNotRetry),
        ["19"] = ("processing_error", DeclineKind.RetryLater),
        ["20"] = ("processing_error", DeclineKind.RetryLater),
        ["21"] = ("processing_error", DeclineKind.RetryLater),
        ["22"] = ("processing_error", DeclineKind.RetryLater),
        ["23"] = ("processing_error", DeclineKind.RetryLater),
        ["27"] = ("incorrect_address", DeclineKind.DoNotRetry),
        ["28"] = ("card_not_supported", DeclineKind.DoNotRetry),
        ["37"] = ("invalid_number", DeclineKind.DoNotRetry),
        ["44"] = ("incorrect_cvc", DeclineKind.DoNotRetry),
        ["45"] = ("incorrect_cvc", DeclineKind.DoNotRetry),
        ["57"] = ("processing_error", DeclineKind.RetryLater),
        ["65"] = ("incorrect_cvc", DeclineKind.DoNotRetry),
        ["78"] = ("invalid_cvc", DeclineKind.DoNotRetry),
        ["120"] = ("processing_error", DeclineKind.RetryLater),
        ["121"] = ("processing_error", DeclineKind.RetryLater),
        ["122"] = ("processing_error", DeclineKind.RetryLater),
        ["250"] = ("fraudulent", DeclineKind.DoNotRetry),
        ["251"] = ("fraudulent", DeclineKind.DoNotRetry),
        ["254"] = ("fraudulent", DeclineKind.DoNotRetry),
        ["315"] = ("invalid_number", DeclineKind.DoNotRetry),
        ["316"] = ("invalid_expiry_month", DeclineKind.DoNotRetry),
        ["317"] = ("expired_card", DeclineKind.DoNotRetry),
    };

    /// <summary>Error 11: a transaction identical to one within the duplicate window; not a decline, see the gateway.</summary>
    public const string DuplicateTransaction = "11";

    /// <param name="reasonCode">The response reason code; null or unknown gives a retryable <c>anet_{code}</c>.</param>
    public static (string DeclineCode, DeclineKind Kind) Classify(string? reasonCode) =>
        reasonCode is not null && ByReason.TryGetValue(reasonCode, out var known)
            ? known
            : (reasonCode is null ? "generic_decline" : $"anet_{reasonCode}", DeclineKind.RetryLater);
}
