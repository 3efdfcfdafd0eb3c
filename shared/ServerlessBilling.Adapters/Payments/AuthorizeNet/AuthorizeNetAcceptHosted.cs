using System.Globalization;
using System.Text.Json.Nodes;

namespace ServerlessBilling.Payments.AuthorizeNet;

/// <summary>Authorize.Net Accept Hosted as the portal's hosted pages: <c>getHostedPaymentPageRequest</c> answers a form token, the
/// browser posts it to Accept Hosted's form, and Authorize.Net's own page takes the card or bank details.</summary>
/// <remarks>
/// <para>Accept Hosted always runs a transaction. Adding a method is a zero-amount <c>authOnlyTransaction</c> (a card verification)
/// on the account's customer profile with <c>addPaymentProfile</c>, so the details are stored as a new payment profile; paying an
/// invoice is an <c>authCaptureTransaction</c> of its balance, cards only (a bank debit accepted there has not settled, and
/// nothing would tell us when it does).</para>
/// <para>Our identifiers ride on the transaction as merchant-defined fields (<see cref="AccountField"/>, <see cref="InvoiceField"/>),
/// which its details carry, so the signed <c>authorization.created</c> / <c>authcapture.created</c> webhook names the account or
/// invoice (<see cref="AuthorizeNetHostedResults"/>). A token is valid for 15 minutes; each visit asks for a new one.</para>
/// </remarks>
public sealed class AuthorizeNetAcceptHosted(AuthorizeNetClient client) : IHostedPaymentPages
{
    /// <summary>The merchant-defined field naming our account on a hosted page's transaction.</summary>
    public const string AccountField = "portal_account_id";

    /// <summary>The merchant-defined field naming the invoice a hosted page's payment is for.</summary>
    public const string InvoiceField = "portal_invoice_id";

    /// <summary>The form field that carries the token to Accept Hosted's form.</summary>
    public const string TokenField = "token";

    public string Gateway => PaymentGatewayNames.AuthorizeNet;

    public Task<HostedPaymentPage> StartSetupAsync(HostedSetupRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var transaction = new JsonObject
        {
            ["transactionType"] = "authOnlyTransaction",
            ["amount"] = "0.00",
            ["profile"] = new JsonObject { ["customerProfileId"] = request.CustomerId },
            ["userFields"] = UserFields((AccountField, request.AccountId)),
        };
        var showBank = string.Equals(request.Currency, "USD", StringComparison.OrdinalIgnoreCase);
        return TokenAsync(transaction, Settings(request.Return, "Save", showBank, addProfile: true), cancellationToken);
    }

    public Task<HostedPaymentPage> StartPaymentAsync(HostedPaymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.Equals(request.Amount.Currency, client.Options.Currency, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Invoice '{request.InvoiceId}' is in {request.Amount.Currency}; the Authorize.Net account charges in {client.Options.Currency}.");
        }

        var transaction = new JsonObject
        {
            ["transactionType"] = "authCaptureTransaction",
            ["amount"] = request.Amount.Amount.ToString("0.00", CultureInfo.InvariantCulture),
            ["profile"] = new JsonObject { ["customerProfileId"] = request.CustomerId },
            ["order"] = new JsonObject
            {
                ["invoiceNumber"] = request.InvoiceNumber.Length <= 20 ? request.InvoiceNumber : request.InvoiceNumber[^20..],
                ["description"] = $"Invoice {request.InvoiceNumber}",
            },
            ["userFields"] = UserFields((AccountField, request.AccountId), (InvoiceField, request.InvoiceId)),
        };
        return TokenAsync(transaction, Settings(request.Return, "Pay", showBank: false, addProfile: false), cancellationToken);
    }

    private async Task<HostedPaymentPage> TokenAsync(JsonObject transaction, JsonArray settings, CancellationToken cancellationToken)
    {
        var response = (await client.SendAsync("getHostedPaymentPageRequest", new JsonObject
        {
            ["transactionRequest"] = transaction,
            ["hostedPaymentSettings"] = new JsonObject { ["setting"] = settings },
        }, cancellationToken)).EnsureOk("a hosted payment page");
        var token = AuthorizeNetResponse.Text(response["token"]) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("Authorize.Net answered a hosted payment page without a token.");
        return new HostedPaymentPage(client.Options.HostedPaymentPage, new Dictionary<string, string> { [TokenField] = token });
    }

    /// <summary>Accept Hosted's settings: each value is itself a JSON text. No receipt page: the customer comes straight back to us.</summary>
    private static JsonArray Settings(HostedPageReturn returnTo, string button, bool showBank, bool addProfile) =>
    [
        Setting("hostedPaymentReturnOptions", new JsonObject
        {
            ["showReceipt"] = false,
            ["url"] = returnTo.Completed.ToString(),
            ["urlText"] = "Continue",
            ["cancelUrl"] = returnTo.Cancelled.ToString(),
            ["cancelUrlText"] = "Cancel",
        }),
        Setting("hostedPaymentButtonOptions", new JsonObject { ["text"] = button }),
        Setting("hostedPaymentPaymentOptions", new JsonObject { ["cardCodeRequired"] = true, ["showCreditCard"] = true, ["showBankAccount"] = showBank }),
        Setting("hostedPaymentCustomerOptions", new JsonObject { ["showEmail"] = false, ["requiredEmail"] = false, ["addPaymentProfile"] = addProfile }),
    ];

    private static JsonObject Setting(string name, JsonObject value) => new() { ["settingName"] = name, ["settingValue"] = value.ToJsonString() };

    private static JsonObject UserFields(params (string Name, string Value)[] fields) => new()
    {
        ["userField"] = new JsonArray([.. fields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["value"] = f.Value })]),
    };
}
