using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using NodaTime;
using ServerlessBilling.Accounts;

namespace ServerlessBilling.Payments.AuthorizeNet;

/// <summary>Asks Authorize.Net how its pending charges ended: it sends no webhook when an eCheck settles or is returned
/// before settling, so the open invoices' <see cref="PaymentEntryStatus.Processing"/> charges are looked up one by one.</summary>
/// <remarks>
/// <c>settledSuccessfully</c> is a success; <c>returnedItem</c>, <c>declined</c>, <c>voided</c>, <c>failedReview</c>,
/// <c>generalError</c>, <c>settlementError</c> and <c>expired</c> a failure (retried later: dunning caps the attempts);
/// anything else is still pending. Each notification's id is the transaction and its status, so a repeated check applies
/// it once. A charge the gateway cannot answer for (an unknown transaction) is logged and looked up again next time; it never
/// stops the check of the others.
/// </remarks>
public sealed partial class AuthorizeNetSettlements(
    AuthorizeNetClient client, IReceivables receivables, IAccountDirectory accounts, IClock clock, ILogger<AuthorizeNetSettlements> logger)
{
    private static readonly HashSet<string> Failed = new(StringComparer.Ordinal)
    {
        "returnedItem", "declined", "voided", "failedReview", "generalError", "settlementError", "expired",
    };

    /// <summary>One notification per pending Authorize.Net charge that has since settled or failed.</summary>
    public async Task<IReadOnlyList<PaymentNotification>> CheckAsync(CancellationToken cancellationToken)
    {
        var notifications = new List<PaymentNotification>();
        foreach (var receivable in await receivables.ListOpenAsync(accountId: null, cancellationToken))
        {
            var pending = receivable.Entries.Where(e => e is { Kind: PaymentEntryKind.Charge, Status: PaymentEntryStatus.Processing, Reference: not null }).ToList();
            if (pending.Count == 0
                || await accounts.FindAsync(receivable.AccountId, cancellationToken) is not { Payment.Gateway: PaymentGatewayNames.AuthorizeNet })
            {
                continue;
            }

            foreach (var charge in pending)
            {
                try
                {
                    if (await EndedAsync(charge, receivable, cancellationToken) is { } notification)
                    {
                        notifications.Add(notification);
                    }
                }
                catch (AuthorizeNetException e)
                {
                    LogLookupRefused(logger, charge.Reference!, receivable.InvoiceId, e.Message);
                }
            }
        }

        return notifications;
    }

    private async Task<PaymentNotification?> EndedAsync(PaymentEntry charge, Receivable receivable, CancellationToken cancellationToken)
    {
        var transId = charge.Reference!;
        var details = (await client.SendAsync("getTransactionDetailsRequest", new JsonObject { ["transId"] = transId }, cancellationToken))
            .EnsureOk($"transaction {transId}")["transaction"];
        var status = AuthorizeNetResponse.Text(details?["transactionStatus"]) ?? "";
        var notification = new PaymentNotification(
            $"anet-settlement:{transId}:{status}", PaymentNotificationKind.Succeeded, transId, charge.Amount,
            clock.GetCurrentInstant(), receivable.InvoiceId, receivable.CollectionId);
        if (status == "settledSuccessfully")
        {
            return notification;
        }

        if (!Failed.Contains(status))
        {
            return null;
        }

        var reason = AuthorizeNetResponse.Text(details?["responseReasonCode"]);
        return notification with
        {
            Kind = PaymentNotificationKind.Failed,
            DeclineCode = status == "returnedItem" ? "ach_returned" : AuthorizeNetDeclines.Classify(reason).DeclineCode,
            Decline = status == "returnedItem" ? DeclineKind.RetryLater : AuthorizeNetDeclines.Classify(reason).Kind,
            Reason = string.Create(CultureInfo.InvariantCulture, $"{status} {AuthorizeNetResponse.Text(details?["responseReasonDescription"])}").Trim(),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Authorize.Net could not say how transaction {TransactionId} of invoice {InvoiceId} ended: {Reason}")]
    private static partial void LogLookupRefused(ILogger logger, string transactionId, string invoiceId, string reason);
}
