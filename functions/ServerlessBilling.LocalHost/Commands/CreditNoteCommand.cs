using System.Globalization;
using ServerlessBilling.Invoicing;
using ServerlessBilling.LocalHost.Client;

namespace ServerlessBilling.LocalHost.Commands;

/// <summary><c>credit-note issue &lt;account&gt; &lt;invoiceId&gt; --reason R (--amount A | --lines 0,2) [--idempotency-key K]</c> issues a credit note on a
/// running host; <c>credit-note list &lt;account&gt; &lt;invoiceId&gt;</c> lists an invoice's notes. With <c>--json</c> each prints what the
/// route answers: the note issued (<c>creditNote</c>, <c>total</c>, <c>jsonDocument</c>, <c>pdfDocument</c>), or the invoice's notes.</summary>
public static class CreditNoteCommand
{
    private const string Usage = "Usage: credit-note issue <accountId> <invoiceId> --reason R (--amount A | --lines 0,2) [--idempotency-key K], or credit-note list <accountId> <invoiceId>";

    /// <param name="args">The verb's arguments after <c>credit-note</c>.</param>
    public static async Task<int> RunAsync(BillingApiClient api, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var json = JsonOutput.Requested(args);
        var positional = new CommandOptions([.. args]).Positional(JsonOutput.Flag);
        if (positional is ["list", var listAccount, var listInvoice])
        {
            var notes = await api.ListCreditNotesAsync(listAccount, listInvoice, cancellationToken);
            if (json)
            {
                JsonOutput.Write(output, notes);
                return 0;
            }

            foreach (var note in notes)
            {
                output.WriteLine($"{note.Number} {note.IssueDate:yyyy-MM-dd} {Format(note.Total)} {note.Currency}: {note.Reason}");
            }

            return 0;
        }

        if (positional is not [var accountId, var invoiceId])
        {
            throw new ArgumentException(Usage);
        }

        var options = new CommandOptions([.. args]);
        var amount = options.Get("--amount") is { } a ? decimal.Parse(a, NumberStyles.Number, CultureInfo.InvariantCulture) : (decimal?)null;
        var lines = options.Get("--lines")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();
        var reason = options.Get("--reason");
        // Without --idempotency-key, the same command line is the same request: running it twice credits once.
        var key = options.Get("--idempotency-key") ?? IdempotencyKeys.From(reason, amount?.ToString(CultureInfo.InvariantCulture), string.Join(',', lines ?? []));
        var issued = await api.IssueCreditNoteAsync(accountId, invoiceId, new CreditNoteRequest(key, reason, amount, lines), cancellationToken);
        if (json)
        {
            JsonOutput.Write(output, issued);
            return 0;
        }

        output.WriteLine($"{issued.CreditNote.Number}: {Format(issued.CreditNote.Total)} {issued.CreditNote.Currency} credited on {issued.CreditNote.InvoiceNumber}, {issued.JsonDocument}, {issued.PdfDocument}");
        return 0;
    }

    private static string Format(Money money) => money.Amount.ToString("F" + CurrencyInfo.MinorUnits(money.Currency), CultureInfo.InvariantCulture);
}
