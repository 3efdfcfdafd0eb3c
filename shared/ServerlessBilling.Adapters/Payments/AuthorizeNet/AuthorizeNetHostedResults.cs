using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;

namespace ServerlessBilling.Payments.AuthorizeNet;

/// <summary>What a transaction made on Accept Hosted means for us, read from its details: a payment method saved (the zero-amount
/// verification of <see cref="AuthorizeNetAcceptHosted.StartSetupAsync"/>) or an invoice paid.</summary>
/// <remarks>A transaction without our merchant-defined fields is not a hosted page's (our own charges of stored profiles, which
/// recorded their answer when they were made) and says nothing here; neither does a declined one, which the customer saw on the
/// page and which changed nothing.</remarks>
public static class AuthorizeNetHostedResults
{
    /// <param name="details">The <c>transaction</c> of <c>getTransactionDetailsResponse</c>.</param>
    /// <returns>The event, or null when the transaction is not a hosted page's approved one.</returns>
    public static PaymentWebhookEvent? Read(string eventId, string eventType, JsonNode? details, Instant at, string currency)
    {
        var fields = UserFields(details);
        if (AuthorizeNetResponse.Text(details?["responseCode"]) != "1" || !fields.TryGetValue(AuthorizeNetAcceptHosted.AccountField, out var accountId))
        {
            return null;
        }

        var transId = AuthorizeNetResponse.Text(details?["transId"]) ?? "";
        if (fields.TryGetValue(AuthorizeNetAcceptHosted.InvoiceField, out var invoiceId))
        {
            var amount = decimal.Parse(AuthorizeNetResponse.Text(details?["authAmount"]) ?? "0", NumberStyles.Number, CultureInfo.InvariantCulture);
            return new PaymentWebhookEvent(eventId, eventType,
                new PaymentNotification(eventId, PaymentNotificationKind.Succeeded, transId, new Money(amount, currency), at, invoiceId));
        }

        return AuthorizeNetResponse.Text(details?["profile"]?["customerPaymentProfileId"]) is { Length: > 0 } profileId
            ? new PaymentWebhookEvent(eventId, eventType, null, new ChosenPaymentMethod(eventId, accountId, profileId, PaymentGatewayNames.AuthorizeNet, at))
            : null;
    }

    /// <summary>The merchant-defined fields, whether rendered as an array or as the schema's <c>userField</c> list.</summary>
    private static Dictionary<string, string> UserFields(JsonNode? details)
    {
        var list = details?["userFields"] switch
        {
            JsonArray array => array,
            JsonObject wrapped => wrapped["userField"] as JsonArray ?? [],
            _ => [],
        };
        return list
            .Select(f => (Name: AuthorizeNetResponse.Text(f?["name"]), Value: AuthorizeNetResponse.Text(f?["value"])))
            .Where(f => f.Name is { Length: > 0 } && f.Value is { Length: > 0 })
            .GroupBy(f => f.Name!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value!, StringComparer.Ordinal);
    }
}
