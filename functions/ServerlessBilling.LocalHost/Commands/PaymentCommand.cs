using System.Globalization;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.Payments;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>payment &lt;account&gt; &lt;invoiceId&gt; --amount A --method cheque|wire|... [--reference R] [--idempotency-key K]</c>:
/// records a payment received outside the gateway and prints what the invoice still owes (with <c>--json</c>, the invoice's payment
/// history as the route answers it).</summary>
public static class PaymentCommand
{
    public static async Task<int> RunAsync(BillingApiClient api, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var options = new CommandOptions(args);
        if (options.Positional(JsonOutput.Flag) is not [var accountId, var invoiceId, ..])
        {
            throw new ArgumentException("payment needs <account> <invoiceId> --amount A --method M.");
        }

        var amount = decimal.Parse(options.Required("--amount"), NumberStyles.Number, CultureInfo.InvariantCulture);
        // Without a key the payment's own words make it, so running the same command twice records one payment.
        var (method, reference) = (options.Required("--method"), options.Get("--reference"));
        var key = options.Get("--idempotency-key") ?? IdempotencyKeys.From(amount.ToString(CultureInfo.InvariantCulture), method, reference);
        var payment = new OfflinePaymentRequest(key, amount, method, reference);
        var history = await api.RecordOfflinePaymentAsync(accountId, invoiceId, payment, cancellationToken);
        if (JsonOutput.Requested(args))
        {
            JsonOutput.Write(output, history);
            return 0;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{invoiceId}: paid {history.Paid:0.00} of {history.Total:0.00}, balance due {history.BalanceDue:0.00} ({history.Status})"));
        return 0;
    }
}
