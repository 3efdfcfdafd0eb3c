using ServerlessBilling.Invoicing;
using ServerlessBilling.Tax;
using ServerlessBilling.Upstream;

namespace ServerlessBilling.Functions.Http.OpenApi;

/// <summary>Examples of the answers that are files rather than JSON, for the OpenAPI document: a reader sees the columns of a
/// CSV before asking for one. Each starts with the header its writer writes (the writer's own constant), so the columns shown
/// cannot drift from the file; the rows are illustrations. Binary files (PDF, XLSX) and stored JSON documents have none.</summary>
public static class FileExamples
{
    /// <summary>An invoice's usage CSV (<c>.../documents/csv</c>): one call, then the total of the usage lines.</summary>
    public const string UsageCsv = UsageDetailCsv.Header + "\r\n"
        + "CA5f2c9d1e,2026-10-04 09:12:44 -04:00,Inbound,Telephony,+15055550100,+15055550199,95,120,0.012,0,0,0.024,USD,0,120,,\r\n"
        + UsageDetailCsv.TotalRow + ",,,,,,,,,,,0.024,USD,,,,\r\n";

    /// <summary>The receivables aging report (<c>?format=csv</c>): an account's open balances by days overdue, then the totals per currency.</summary>
    public const string AgingCsv = "account,currency,current,1-30,31-60,61-90,90+,total\n"
        + "acme-dental,USD,120.00,45.50,0,0,0,165.50\n"
        + "total,USD,120.00,45.50,0,0,0,165.50\n";

    /// <summary>The FCC Form 499-A worksheet (<c>?format=csv</c>).</summary>
    public const string Form499Csv = TaxReportCsv.Form499Header + "\n"
        + "Block 4-A,418.4,Interstate toll (resold to end users),Telephony,end_user,,,USD,1250.00,1000.00,50.00,200.00,42,traffic_study,0\n";

    /// <summary>The USF recovery report (<c>?format=csv</c>).</summary>
    public const string UsfRecoveryCsv = TaxReportCsv.UsfRecoveryHeader + "\n"
        + "2026-Q3,USD,42,1000.00,365.00,0.365,0\n";

    /// <summary>The tax liability report (<c>?format=csv</c>).</summary>
    public const string TaxLiabilityCsv = TaxReportCsv.TaxLiabilityHeader + "\n"
        + "2026-10,US-NM,New Mexico,State,SalesTax,nm-grt,USD,61.25,61.2468,42,0\n";

    /// <summary>A month's reconciliation (<c>?format=csv</c>): a summary line (a <c>#</c> comment), the header, then each finding.</summary>
    public const string ReconciliationReportCsv = "# twilio 2026-10 (Completed): rows 3, vendor 1.20, expected 1.18, billed 2.40, gross margin 1.20 USD\n"
        + ReconciliationCsv.Header + "\n"
        + "CA5f2c9d1e,CostDifference,Increment,0.02,0.06,0.04,0.10,acme-dental,vendor charged 0.06 against 0.04 expected\n";

    /// <summary>The example of a file of <paramref name="mediaType"/> an operation lists in <c>Files</c>, or null when it has none.</summary>
    public static string? For(string mediaType) => mediaType switch
    {
        "text/csv" => UsageCsv,
        _ => null,
    };
}
