using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ServerlessBilling.Payments.AuthorizeNet;

/// <summary>Authorize.Net behind <see cref="IPaymentGateway"/>: a customer profile per account, payment profiles as methods,
/// <c>authCaptureTransaction</c> charges of the stored profile.</summary>
/// <remarks>
/// Authorize.Net has no idempotency keys. Each charge carries a digest of our idempotency key as its invoice number and
/// reference id (both at most 20 characters; the readable key goes in the order description) and asks Authorize.Net to
/// refuse an identical transaction within <see cref="AuthorizeNetOptions.DuplicateWindowSeconds"/> (error 11). A retried
/// attempt inside that window therefore cannot charge twice: the refusal makes us look the original transaction up by its
/// invoice number and answer with its outcome. A retry after the window would be a new transaction; activity retries
/// come within minutes, far inside the 8-hour window. An eCheck that is accepted is <see cref="ChargeStatus.Processing"/>
/// (it settles days later); a transaction held for fraud review (response code 4) is too, until its webhook decides it.
/// </remarks>
public sealed partial class AuthorizeNetPaymentGateway(AuthorizeNetClient client) : IPaymentGateway
{
    /// <summary>The descriptor of an Accept.js / Accept Hosted nonce.</summary>
    public const string AcceptDescriptor = "COMMON.ACCEPT.INAPP.PAYMENT";

    /// <remarks>Idempotent by account: Authorize.Net refuses a second profile with the same merchant customer id (E00039)
    /// and names the existing one, which is returned.</remarks>
    public async Task<string> EnsureCustomerAsync(string accountId, string accountName, CancellationToken cancellationToken)
    {
        var response = await client.SendAsync("createCustomerProfileRequest", new JsonObject
        {
            ["profile"] = new JsonObject
            {
                ["merchantCustomerId"] = Key20("c", accountId),
                ["description"] = Truncate($"{accountName} ({accountId})", 255),
            },
        }, cancellationToken);
        if (response.IsOk)
        {
            return AuthorizeNetResponse.Text(response["customerProfileId"]) ?? throw new InvalidOperationException("Authorize.Net created a customer profile without an id.");
        }

        return response.MessageCode == "E00039" && ExistingId().Match(response.MessageText ?? "") is { Success: true } existing
            ? existing.Groups["id"].Value
            : throw new AuthorizeNetException(response.MessageCode, $"Authorize.Net refused a customer profile for account '{accountId}': {response.MessageCode} {response.MessageText}");
    }

    /// <remarks>Authorize.Net takes no idempotency keys (a profile read and a default set are safe to repeat): nothing to scope.</remarks>
    public Task<PaymentMethodOnFile> SetDefaultPaymentMethodAsync(string customerId, string paymentMethodId, string attempt, CancellationToken cancellationToken) =>
        SetDefaultPaymentMethodAsync(customerId, paymentMethodId, cancellationToken);

    /// <param name="paymentMethodId">An existing customer payment profile id (digits), or an Accept.js nonce (its <c>dataValue</c>) to store as a new one.</param>
    public async Task<PaymentMethodOnFile> SetDefaultPaymentMethodAsync(string customerId, string paymentMethodId, CancellationToken cancellationToken)
    {
        var profileId = paymentMethodId.All(char.IsAsciiDigit) ? paymentMethodId : await StoreNonceAsync(customerId, paymentMethodId, cancellationToken);
        var response = await client.SendAsync("getCustomerPaymentProfileRequest", new JsonObject
        {
            ["customerProfileId"] = customerId,
            ["customerPaymentProfileId"] = profileId,
        }, cancellationToken);
        if (response.MessageCode == "E00040")
        {
            throw new KeyNotFoundException($"Payment profile '{profileId}' of Authorize.Net customer '{customerId}' does not exist.");
        }

        var payment = response.EnsureOk($"payment profile '{profileId}'")["paymentProfile"]?["payment"];
        return payment?["bankAccount"] is { } bank
            ? new PaymentMethodOnFile(profileId, PaymentMethodKind.UsBankAccount, Label(AuthorizeNetResponse.Text(bank["bankName"]) ?? "eCheck", AuthorizeNetResponse.Text(bank["accountNumber"])))
            : payment?["creditCard"] is { } card
                ? new PaymentMethodOnFile(profileId, PaymentMethodKind.Card, Label(AuthorizeNetResponse.Text(card["cardType"]), AuthorizeNetResponse.Text(card["cardNumber"])))
                : new PaymentMethodOnFile(profileId, PaymentMethodKind.Other, null);
    }

    public async Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.Amount.Currency, client.Options.Currency, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Invoice '{request.InvoiceId}' is in {request.Amount.Currency}; the Authorize.Net account charges in {client.Options.Currency}.");
        }

        var invoiceNumber = InvoiceNumberOf(request);
        var response = await client.SendAsync("createTransactionRequest", new JsonObject
        {
            ["refId"] = invoiceNumber,
            ["transactionRequest"] = new JsonObject
            {
                ["transactionType"] = "authCaptureTransaction",
                ["amount"] = request.Amount.Amount.ToString("0.00", CultureInfo.InvariantCulture),
                ["profile"] = new JsonObject
                {
                    ["customerProfileId"] = request.CustomerId,
                    ["paymentProfile"] = new JsonObject { ["paymentProfileId"] = request.PaymentMethodId },
                },
                ["order"] = new JsonObject { ["invoiceNumber"] = invoiceNumber, ["description"] = request.IdempotencyKey },
                ["transactionSettings"] = new JsonObject
                {
                    ["setting"] = new JsonArray(new JsonObject
                    {
                        ["settingName"] = "duplicateWindow",
                        ["settingValue"] = client.Options.DuplicateWindowSeconds.ToString(CultureInfo.InvariantCulture),
                    }),
                },
            },
        }, cancellationToken);

        if (response["transactionResponse"] is not JsonObject transaction)
        {
            response.EnsureOk($"the charge {request.IdempotencyKey}");
            throw new InvalidOperationException($"Authorize.Net answered the charge {request.IdempotencyKey} without a transaction response.");
        }

        var responseCode = AuthorizeNetResponse.Text(transaction["responseCode"]);
        var reason = AuthorizeNetResponse.Text(transaction["errors"]?[0]?["errorCode"]) ?? AuthorizeNetResponse.Text(transaction["messages"]?[0]?["code"]);
        var message = AuthorizeNetResponse.Text(transaction["errors"]?[0]?["errorText"]) ?? AuthorizeNetResponse.Text(transaction["messages"]?[0]?["description"]);
        var transId = AuthorizeNetResponse.Text(transaction["transId"]) is { Length: > 0 } id && id != "0" ? id : null;
        return (responseCode, reason) switch
        {
            ("1", _) => Approved(transId, AuthorizeNetResponse.Text(transaction["accountType"]), request.Amount),
            ("4", _) => new ChargeResult(ChargeStatus.Processing, transId, request.Amount, Message: message),
            ("3", AuthorizeNetDeclines.DuplicateTransaction) => await OriginalAsync(request, invoiceNumber, cancellationToken),
            ("2" or "3", _) => Declined(transId, reason, message, request.Amount),
            _ => throw new InvalidOperationException($"Authorize.Net answered the charge {request.IdempotencyKey} with response code '{responseCode}'."),
        };
    }

    /// <summary>Our 20-character invoice number for the attempt: a digest of its idempotency key, so a retry sends the same one.</summary>
    public static string InvoiceNumberOf(ChargeRequest request) => Key20($"a{request.Attempt}", request.IdempotencyKey);

    /// <summary>The duplicate window refused a retry: the attempt's first transaction is the answer.</summary>
    /// <exception cref="InvalidOperationException">The original cannot be found (yet): the outcome stays unknown and the step is retried.</exception>
    private async Task<ChargeResult> OriginalAsync(ChargeRequest request, string invoiceNumber, CancellationToken cancellationToken)
    {
        var list = (await client.SendAsync("getUnsettledTransactionListRequest", new JsonObject
        {
            ["sorting"] = new JsonObject { ["orderBy"] = "submitTimeUTC", ["orderDescending"] = true },
            ["paging"] = new JsonObject { ["limit"] = 1000, ["offset"] = 1 },
        }, cancellationToken)).EnsureOk("the unsettled transaction list");
        var original = (list["transactions"] as JsonArray ?? [])
            .FirstOrDefault(t => AuthorizeNetResponse.Text(t?["invoiceNumber"]) == invoiceNumber
                && AuthorizeNetResponse.Text(t?["transactionStatus"])?.StartsWith("refund", StringComparison.Ordinal) != true);
        var transId = AuthorizeNetResponse.Text(original?["transId"])
            ?? throw new InvalidOperationException($"Authorize.Net refused {request.IdempotencyKey} as a duplicate, but its original ({invoiceNumber}) is not among the unsettled transactions.");

        var details = (await client.SendAsync("getTransactionDetailsRequest", new JsonObject { ["transId"] = transId }, cancellationToken))
            .EnsureOk($"transaction {transId}")["transaction"];
        var status = AuthorizeNetResponse.Text(details?["transactionStatus"]);
        var accountType = details?["payment"]?["bankAccount"] is not null ? "eCheck" : null;
        return status switch
        {
            "capturedPendingSettlement" or "settledSuccessfully" => Approved(transId, accountType, request.Amount),
            "FDSPendingReview" or "FDSAuthorizedPendingReview" or "underReview" or "approvedReview" =>
                new ChargeResult(ChargeStatus.Processing, transId, request.Amount, Message: status),
            _ => Declined(transId, AuthorizeNetResponse.Text(details?["responseReasonCode"]), AuthorizeNetResponse.Text(details?["responseReasonDescription"]) ?? status, request.Amount),
        };
    }

    private async Task<string> StoreNonceAsync(string customerId, string nonce, CancellationToken cancellationToken)
    {
        var response = await client.SendAsync("createCustomerPaymentProfileRequest", new JsonObject
        {
            ["customerProfileId"] = customerId,
            ["paymentProfile"] = new JsonObject
            {
                ["payment"] = new JsonObject { ["opaqueData"] = new JsonObject { ["dataDescriptor"] = AcceptDescriptor, ["dataValue"] = nonce } },
                ["defaultPaymentProfile"] = true,
            },
            ["validationMode"] = "none",
        }, cancellationToken);

        // The same card or account stored again is refused as a duplicate that names the existing profile.
        return (response.IsOk || response.MessageCode == "E00039") && AuthorizeNetResponse.Text(response["customerPaymentProfileId"]) is { Length: > 0 } id
            ? id
            : throw new AuthorizeNetException(response.MessageCode, $"Authorize.Net refused the payment method for customer '{customerId}': {response.MessageCode} {response.MessageText}");
    }

    private static ChargeResult Approved(string? transId, string? accountType, Money amount) =>
        new(string.Equals(accountType, "eCheck", StringComparison.OrdinalIgnoreCase) ? ChargeStatus.Processing : ChargeStatus.Succeeded, transId, amount);

    private static ChargeResult Declined(string? transId, string? reason, string? message, Money amount)
    {
        var (code, kind) = AuthorizeNetDeclines.Classify(reason);
        return new ChargeResult(ChargeStatus.Declined, transId, amount, code, kind, message);
    }

    private static string Key20(string prefix, string key) => key.Length <= 20 && prefix == "c"
        ? key
        : $"{prefix}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}"[..20];

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private static string? Label(string? name, string? masked) =>
        masked is { Length: >= 4 } ? $"{name} ••••{masked[^4..]}".TrimStart() : name;

    [GeneratedRegex(@"ID\s+(?<id>\d+)")]
    private static partial Regex ExistingId();
}
