using System.Globalization;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Invoicing;

/// <summary>What a client asks to credit on a final invoice: whole invoice lines (by index) or an amount, with a reason.</summary>
/// <param name="IdempotencyKey">Required; repeating a request with the same key returns the note it made.</param>
/// <param name="Lines">Indexes (from 0) into the invoice's lines; each is credited for what it still has un-credited.</param>
public sealed record CreditNoteRequest(string? IdempotencyKey, string? Reason, decimal? Amount = null, IReadOnlyList<int>? Lines = null)
{
    /// <summary>The lines the note would have, or the problems (naming the field) that stop it.</summary>
    /// <param name="earlier">The lines of the invoice's other credit notes.</param>
    /// <remarks>
    /// Neither a line nor the whole invoice can be credited beyond what it still has un-credited after the earlier
    /// notes: a line for its amount less what notes credited on it, the invoice for its total less every note.
    /// Credits are of gross amounts (taxes included when a tax line is credited); nothing is re-taxed.
    /// </remarks>
    public CreditPlan Plan(Invoice invoice, IReadOnlyList<CreditNoteLine> earlier)
    {
        var problems = new List<RecordProblem>();
        if (string.IsNullOrWhiteSpace(IdempotencyKey) || IdempotencyKey.Length > 200)
        {
            problems.Add(new RecordProblem("idempotencyKey", "a key of 1 to 200 characters is required, so a repeated request credits once"));
        }

        if (string.IsNullOrWhiteSpace(Reason))
        {
            problems.Add(new RecordProblem("reason", "a reason is required"));
        }

        if ((Amount is null) == (Lines is null or { Count: 0 }))
        {
            problems.Add(new RecordProblem("amount", "give either an amount or lines (invoice line indexes), not both"));
            return new CreditPlan([], problems);
        }

        var remaining = invoice.Total - earlier.Aggregate(Money.Zero(invoice.Currency), (sum, line) => sum + line.Amount);
        var lines = Amount is { } amount
            ? AmountLine(amount, invoice.Currency, problems)
            : InvoiceLines(invoice, earlier, problems);
        var total = lines.Aggregate(Money.Zero(invoice.Currency), (sum, line) => sum + line.Amount);
        if (problems.Count == 0 && total.Amount > remaining.Amount)
        {
            var format = "F" + CurrencyInfo.MinorUnits(invoice.Currency);
            problems.Add(new RecordProblem(Amount is null ? "lines" : "amount", string.Create(CultureInfo.InvariantCulture,
                $"{total.Amount.ToString(format, CultureInfo.InvariantCulture)} {invoice.Currency} exceeds the {remaining.Amount.ToString(format, CultureInfo.InvariantCulture)} {invoice.Currency} invoice {invoice.Number} still has un-credited")));
        }

        return problems.Count == 0 ? new CreditPlan(lines, []) : new CreditPlan([], problems);
    }

    private List<CreditNoteLine> AmountLine(decimal amount, string currency, List<RecordProblem> problems)
    {
        if (amount <= 0 || decimal.Round(amount, CurrencyInfo.MinorUnits(currency)) != amount)
        {
            problems.Add(new RecordProblem("amount", $"must be positive with at most {CurrencyInfo.MinorUnits(currency)} decimals"));
            return [];
        }

        return [new CreditNoteLine(Reason ?? "", new Money(amount, currency))];
    }

    private List<CreditNoteLine> InvoiceLines(Invoice invoice, IReadOnlyList<CreditNoteLine> earlier, List<RecordProblem> problems)
    {
        var lines = new List<CreditNoteLine>();
        var requested = Lines ?? [];
        foreach (var (index, position) in requested.Select((index, position) => (index, position)))
        {
            var field = $"lines[{position}]";
            if (index < 0 || index >= invoice.Lines.Count)
            {
                problems.Add(new RecordProblem(field, $"invoice {invoice.Number} has no line {index} (it has lines 0 to {invoice.Lines.Count - 1})"));
                continue;
            }

            if (requested.Take(position).Contains(index))
            {
                problems.Add(new RecordProblem(field, $"line {index} is listed twice"));
                continue;
            }

            var line = invoice.Lines[index];
            var credited = earlier.Where(l => l.InvoiceLine == index).Aggregate(Money.Zero(invoice.Currency), (sum, l) => sum + l.Amount);
            var left = line.Amount - credited;
            if (left.Amount <= 0)
            {
                problems.Add(new RecordProblem(field, $"line {index} ('{line.Description}') has nothing left to credit"));
                continue;
            }

            lines.Add(new CreditNoteLine(line.Description, left, index));
        }

        return lines;
    }
}
