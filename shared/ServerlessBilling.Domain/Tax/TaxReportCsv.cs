using System.Globalization;
using System.Text;

namespace ServerlessBilling.Tax;

/// <summary>The tax reports as CSV, every text cell through <see cref="Csv.Text"/> so a spreadsheet never runs it as a formula.</summary>
public static class TaxReportCsv
{
    /// <summary>The first line of the Form 499-A worksheet.</summary>
    public const string Form499Header = "block,line,description,product_category,customer_class,reseller_filer_499_id,certificate_valid_through,currency,revenue_total,revenue_interstate,revenue_international,revenue_intrastate,invoices,allocation_method,credit_notes";

    /// <summary>The first line of the reseller certificates the worksheet relied on.</summary>
    public const string CertificatesHeader = "account_id,reseller_filer_499_id,certificate_valid_through,currency,revenue,invoices,credit_notes";

    /// <summary>The first line of the USF recovery report.</summary>
    public const string UsfRecoveryHeader = "quarter,currency,invoices,usf_base,usf_billed,effective_rate,credit_notes";

    /// <summary>The first line of the tax liability report.</summary>
    public const string TaxLiabilityHeader = "month,jurisdiction,jurisdiction_name,level,kind,rule,currency,amount,unrounded,invoices,credit_notes";

    public static string Write(Form499Worksheet worksheet)
    {
        var csv = new StringBuilder(Form499Header + "\n");
        foreach (var r in worksheet.Rows)
        {
            Row(csv, Csv.Text(r.Block), Csv.Text(r.Line), Csv.Text(r.Description), Csv.Text(r.Category?.ToString()), Csv.Text(r.CustomerClass),
                Csv.Text(r.ResellerFiler499Id), Date(r.CertificateValidThrough), Csv.Text(r.Currency),
                Csv.Number(r.Total), Csv.Number(r.Interstate), Csv.Number(r.International), Csv.Number(r.Intrastate), Csv.Number(r.Invoices),
                Csv.Text(r.Method?.ToString()), Csv.Number(r.CreditNotes));
        }

        return csv.ToString();
    }

    /// <summary>The certificates the carrier's-carrier rows relied on, one per account and certificate.</summary>
    public static string WriteCertificates(Form499Worksheet worksheet)
    {
        var csv = new StringBuilder(CertificatesHeader + "\n");
        foreach (var c in worksheet.Certificates)
        {
            Row(csv, Csv.Text(c.AccountId), Csv.Text(c.Filer499Id), Date(c.ValidThrough), Csv.Text(c.Currency), Csv.Number(c.Revenue), Csv.Number(c.Invoices), Csv.Number(c.CreditNotes));
        }

        return csv.ToString();
    }

    public static string Write(UsfRecoveryReport report)
    {
        var csv = new StringBuilder(UsfRecoveryHeader + "\n");
        foreach (var q in report.Quarters)
        {
            Row(csv, Csv.Text(q.Quarter), Csv.Text(q.Currency), Csv.Number(q.Invoices), Csv.Number(q.Base), Csv.Number(q.Billed), Csv.Number(q.EffectiveRate), Csv.Number(q.CreditNotes));
        }

        return csv.ToString();
    }

    public static string Write(TaxLiabilityReport report)
    {
        var csv = new StringBuilder(TaxLiabilityHeader + "\n");
        foreach (var r in report.Rows)
        {
            Row(csv, Csv.Text(r.Month), Csv.Text(r.Jurisdiction), Csv.Text(r.JurisdictionName), Csv.Text(r.Level.ToString()), Csv.Text(r.Kind.ToString()),
                Csv.Text(r.RuleKey), Csv.Text(r.Currency), Csv.Number(r.Amount), Csv.Number(r.Unrounded), Csv.Number(r.Invoices), Csv.Number(r.CreditNotes));
        }

        return csv.ToString();
    }

    private static string Date(NodaTime.LocalDate? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static void Row(StringBuilder csv, params string[] cells) => csv.Append(string.Join(',', cells)).Append('\n');
}
