using ServerlessBilling.Invoicing;

namespace ServerlessBilling.Tax;

/// <summary>What a credit note takes back from the tax reports: the negated revenue and taxes of the invoice lines it credits.</summary>
/// <remarks>
/// A credit of lines takes exactly those lines: their 499-A category and interstate / international / intrastate split,
/// and for a tax line its rule, jurisdiction and kind, negated (a line credited for less than its amount is scaled
/// by credited ÷ amount). A credit of an amount is allocated pro rata over the invoice's lines as billed (those with a
/// positive amount: charges and taxes; zero lines and credit balances carried in take no part), each part rounded
/// to the minor unit with <see cref="AllocationRounding"/>; what the rounded parts miss of the credit (a cent or
/// so) goes to the largest line (the first of equals), so the parts always sum to the credit. Earlier credit notes
/// do not change the weights: every amount credit of an invoice is split the same way.
/// </remarks>
public static class CreditNoteTaxLedger
{
    /// <summary>How each pro rata part of an amount credit is rounded before the residual is placed.</summary>
    public const RoundingMode AllocationRounding = RoundingMode.HalfUp;

    /// <summary>The note's ledger row: dated by the note's issue date, keyed by its id, amounts negative.</summary>
    public static TaxLedgerEntry Entry(CreditNote note, Invoice invoice)
    {
        if (note.InvoiceId != invoice.Id)
        {
            throw new InvalidOperationException($"Credit note {note.Id} corrects invoice {note.InvoiceId}, not {invoice.Id}.");
        }

        var parts = note.Lines.SelectMany(line => line.InvoiceLine is { } index
            ? [(invoice.Lines[index], line.Amount.Amount)]
            : Allocate(line.Amount.Amount, invoice));
        var credited = parts.Select(p => Negated(p.Line, p.Part)).ToList();
        return TaxLedgerEntry.Sum(invoice.Id, note.Number, note.AccountId, note.IssueDate, note.Currency, credited) with { CreditNoteId = note.Id };
    }

    /// <summary>Splits <paramref name="amount"/> over the invoice's positive lines in proportion to their amounts; the parts sum to it exactly.</summary>
    public static IReadOnlyList<(InvoiceLine Line, decimal Part)> Allocate(decimal amount, Invoice invoice)
    {
        var lines = invoice.Lines.Where(l => l.Amount.Amount > 0m).ToList();
        var weight = lines.Sum(l => l.Amount.Amount);
        if (weight == 0m)
        {
            throw new InvalidOperationException($"Invoice {invoice.Id} has no positive line to allocate a credit of {amount} over.");
        }

        var decimals = CurrencyInfo.MinorUnits(invoice.Currency);
        var parts = lines.Select(l => Rounding.Round(amount * l.Amount.Amount / weight, decimals, AllocationRounding)).ToArray();
        var largest = lines.IndexOf(lines.MaxBy(l => l.Amount.Amount)!);
        parts[largest] += amount - parts.Sum();
        return [.. lines.Zip(parts)];
    }

    private static InvoiceLine Negated(InvoiceLine line, decimal credited)
    {
        var share = credited / line.Amount.Amount;
        var revenue = line.Revenue is { } r ? Scaled(r, share, credited) : null;
        var tax = line.Tax is { } t ? t with { Unrounded = -(t.Unrounded * share), Amount = new Money(-credited, t.Amount.Currency) } : null;
        return line with { Amount = new Money(-credited, line.Amount.Currency), Revenue = revenue, Tax = tax };
    }

    // Intrastate is what is left, so the three columns still sum to the credited amount exactly.
    private static TaxedRevenue Scaled(TaxedRevenue revenue, decimal share, decimal credited)
    {
        var interstate = -(revenue.Interstate * share);
        var international = -(revenue.International * share);
        return revenue with { Interstate = interstate, International = international, Intrastate = -credited - interstate - international };
    }
}
