using NodaTime;

namespace ServerlessBilling.Payments;

public sealed record AgingReport(Instant AsOf, IReadOnlyList<string> Buckets, IReadOnlyList<AgingRow> Rows, IReadOnlyList<AgingRow> Totals)
{
    /// <summary>The report as CSV, every text cell neutralized against spreadsheet formulas.</summary>
    public string ToCsv()
    {
        var csv = new System.Text.StringBuilder();
        csv.Append("account,currency,").AppendJoin(',', Buckets).Append(",total\n");
        foreach (var row in Rows.Concat(Totals))
        {
            csv.Append(Csv.Text(row.AccountId)).Append(',').Append(Csv.Text(row.Currency)).Append(',')
                .AppendJoin(',', row.Amounts.Select(a => Csv.Number(a.Amount))).Append(',').Append(Csv.Number(row.Total.Amount)).Append('\n');
        }

        return csv.ToString();
    }
}
