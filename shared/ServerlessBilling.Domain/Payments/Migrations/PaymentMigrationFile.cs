using ServerlessBilling.Upstream;
using ServerlessBilling.Usage;
using ServerlessBilling.Usage.Cdr;

namespace ServerlessBilling.Payments.Migrations;

/// <summary>Reads a processor's migration mapping: a CSV with a header row, one line per payment method the new gateway imported.</summary>
/// <remarks>
/// <para>Columns, matched without regard to case: <c>old_customer_id</c> (the Authorize.Net customer profile), <c>old_payment_method_id</c>
/// (or <c>old_payment_profile_id</c>; the Authorize.Net payment profile), <c>new_customer_id</c> (or Stripe's <c>stripe_customer_id</c>) and
/// <c>new_payment_method_id</c> (or <c>stripe_payment_method_id</c>). Other columns (brand, last four digits) are ignored: the new
/// gateway describes the method itself.</para>
/// <para>A line is rejected, never guessed at, when a field is missing, is not the shape of its gateway's ids, or names an old
/// customer an earlier line already named (which of the two would win is not the importer's call). Blank lines are passed over.</para>
/// </remarks>
public static class PaymentMigrationFile
{
    public const string OldCustomerColumn = "old_customer_id";
    public const string OldPaymentMethodColumn = "old_payment_method_id";
    public const string NewCustomerColumn = "new_customer_id";
    public const string NewPaymentMethodColumn = "new_payment_method_id";

    private static readonly string[] Columns = [OldCustomerColumn, OldPaymentMethodColumn, NewCustomerColumn, NewPaymentMethodColumn];

    /// <summary>The file's well-formed rows and its rejected lines; invalid (naming <c>header</c>) when a column is missing or there is no header.</summary>
    public static Outcome<MigrationMapping> Read(TextReader csv, string from, string to)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var fields = new List<string>();
        int[]? columns = null;
        var rows = new List<MigrationMappingRow>();
        var rejected = new List<PaymentMigrationLine>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (number, text) in CdrTextLines.Read(csv))
        {
            var line = checked((int)number);
            if (!CsvFields.TrySplit(text, fields, out var error))
            {
                if (columns is null)
                {
                    return Problem.Invalid("The migration mapping was not read", new RecordProblem("header", error!));
                }

                rejected.Add(new PaymentMigrationLine(line, PaymentMigrationOutcome.Rejected, null, null, null, null, null, $"line {line}: {error}"));
                continue;
            }

            if (columns is null)
            {
                var header = new CsvHeader([.. fields]);
                columns =
                [
                    header.IndexOf(OldCustomerColumn),
                    header.IndexOfAny(OldPaymentMethodColumn, "old_payment_profile_id"),
                    header.IndexOfAny(NewCustomerColumn, "stripe_customer_id"),
                    header.IndexOfAny(NewPaymentMethodColumn, "stripe_payment_method_id"),
                ];
                var missing = columns.Select((index, i) => (index, name: Columns[i])).Where(c => c.index < 0)
                    .Select(c => new RecordProblem("header", $"has no column '{c.name}'")).ToList();
                if (missing.Count > 0)
                {
                    return Problem.Invalid("The migration mapping was not read", missing);
                }

                continue;
            }

            var cells = columns.Select(index => CsvHeader.Cell(fields, index)).ToArray();
            if (Refusal(cells, line, from, to) is { } reason)
            {
                rejected.Add(new PaymentMigrationLine(line, PaymentMigrationOutcome.Rejected, null, cells[0], cells[1], cells[2], cells[3], reason));
            }
            else if (firstLineOf.TryGetValue(cells[0]!, out var first))
            {
                rejected.Add(new PaymentMigrationLine(line, PaymentMigrationOutcome.Rejected, null, cells[0], cells[1], cells[2], cells[3],
                    $"{OldCustomerColumn} on line {line}: customer '{cells[0]}' is already on line {first}"));
            }
            else
            {
                firstLineOf[cells[0]!] = line;
                rows.Add(new MigrationMappingRow(line, cells[0]!, cells[1]!, cells[2]!, cells[3]!));
            }
        }

        return columns is null
            ? Problem.Invalid("The migration mapping was not read", new RecordProblem("header", "the file is empty; the first line names the columns"))
            : new MigrationMapping(rows, rejected);
    }

    /// <summary>The first field at fault, as "{column} on line {n}: {why}"; null when the line is well formed.</summary>
    private static string? Refusal(string?[] cells, int line, string from, string to)
    {
        for (var i = 0; i < Columns.Length; i++)
        {
            if (cells[i] is not { } value)
            {
                return $"{Columns[i]} on line {line}: is required";
            }

            var gateway = i < 2 ? from : to;
            var problem = i % 2 == 0 ? GatewayIdShapes.CustomerProblem(gateway, value) : GatewayIdShapes.PaymentMethodProblem(gateway, value);
            if (problem is not null)
            {
                return $"{Columns[i]} on line {line}: '{Shown(value)}' {problem}";
            }
        }

        return null;
    }

    /// <summary>A bad value as the reason quotes it: short enough to read, whatever was in the cell.</summary>
    private static string Shown(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
