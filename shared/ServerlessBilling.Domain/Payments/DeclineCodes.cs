namespace ServerlessBilling.Payments;

/// <summary>Whether a gateway's decline may be retried with the same payment method, from its decline code and advice code.</summary>
/// <remarks>
/// Codes follow Stripe's decline codes (cards) and its ACH failure codes; other gateways map theirs onto the same names.
/// A code that says the method itself is unusable (lost, stolen, closed, revoked, fraud, wrong details) is never retried:
/// networks fine repeated attempts on those, and only a new method can succeed. An unknown or missing code is retried
/// later, because the dunning schedule already caps the number of attempts. The issuer's advice
/// <c>do_not_try_again</c> (or <c>confirm_card_data</c>) overrides a retryable code; advice never softens a hard one.
/// </remarks>
public static class DeclineCodes
{
    private static readonly HashSet<string> DoNotRetry = new(StringComparer.OrdinalIgnoreCase)
    {
        // The card or account is gone or compromised.
        "lost_card", "stolen_card", "pickup_card", "fraudulent", "merchant_blacklist", "security_violation",
        "restricted_card", "expired_card",

        // The details on file are wrong: the same method can never succeed.
        "incorrect_number", "invalid_number", "incorrect_cvc", "invalid_cvc", "invalid_expiry_month", "invalid_expiry_year",
        "invalid_account", "card_not_supported", "currency_not_supported", "transaction_not_allowed",

        // Bank accounts (ACH returns): closed, unknown, or the customer withdrew the debit authorization.
        "account_closed", "no_account", "invalid_account_number", "bank_account_restricted", "bank_account_unusable",
        "debit_not_authorized", "revocation_of_authorization", "revocation_of_all_authorizations", "stop_payment_order",

        // Off-session charges cannot authenticate the customer.
        "authentication_required",
    };

    private static readonly HashSet<string> HardAdvice = new(StringComparer.OrdinalIgnoreCase)
    {
        "do_not_try_again", "confirm_card_data",
    };

    /// <param name="declineCode">The gateway's decline code (Stripe's <c>decline_code</c>, or the error <c>code</c> for bank debits); null when none was given.</param>
    /// <param name="adviceCode">Stripe's <c>advice_code</c> when given: <c>try_again_later</c>, <c>do_not_try_again</c> or <c>confirm_card_data</c>.</param>
    public static DeclineKind Classify(string? declineCode, string? adviceCode = null)
    {
        if (declineCode is not null && DoNotRetry.Contains(declineCode))
        {
            return DeclineKind.DoNotRetry;
        }

        return adviceCode is not null && HardAdvice.Contains(adviceCode) ? DeclineKind.DoNotRetry : DeclineKind.RetryLater;
    }
}
