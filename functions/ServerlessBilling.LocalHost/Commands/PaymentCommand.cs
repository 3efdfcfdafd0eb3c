using System.Globalization;
using ServerlessBilling.LocalHost.Client;
using ServerlessBilling.Payments;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>payment &lt;account&gt; &lt;invoiceId&gt; --amount A --method cheque|wire|... [--reference R] [--idempotency-key K]</c>:
/// records a payment received outside the gateway and prints what the invoice still owes.</summary>
public static class PaymentCommand
{
    public static async Task<int> RunAsync(BillingApiClient api, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        if (args.Length < 2 || args[0].StartsWith("--", StringComparison.Ordinal) || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException("payment needs <account> <invoiceId> --amount A --method M.");
        }

        var options = new CommandOptions(args);
        var amount = decimal.Parse(options.Required("--amount"), NumberStyles.Number, CultureInfo.InvariantCulture);
        // Without a key the command line is the key, so running the same command twice records one payment.
        var key = options.Get("--idempotency-key") ?? string.Join(' ', args);
        var payment = new OfflinePaymentRequest(key, amount, options.Required("--method"), options.Get("--reference"));
        var history = await api.RecordOfflinePaymentAsync(args[0], args[1], payment, cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{args[1]}: paid {history.Paid:0.00} of {history.Total:0.00}, balance due {history.BalanceDue:0.00} ({history.Status})"));
        return 0;
    }
}
