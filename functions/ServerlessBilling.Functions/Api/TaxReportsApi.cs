using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http;
using ServerlessBilling.Tax;
using ServerlessBilling.Usage;
using ServerlessBilling.Functions.Http.OpenApi;

namespace ServerlessBilling.Functions.Api;

/// <summary>
/// Tax reports of a calendar year, as JSON or with <c>?format=csv</c> as CSV: <c>GET /api/tax-reports/form-499a/{year}</c>
/// (<c>&amp;part=certificates</c> for the reseller certificates relied on), <c>/usf-recovery/{year}</c>, <c>/tax-liability/{year}</c>.
/// </summary>
public sealed class TaxReportsApi(TaxReports reports)
{
    [ApiOperation("Taxes", "FCC Form 499-A worksheet for a year",
        Response = typeof(Form499Worksheet),
        Csv = true,
        CsvExample = FileExamples.Form499Csv,
        Problems = [ProblemKind.Invalid],
        Query = ["format: csv for text/csv", "part: certificates for the reseller certificates relied on (CSV)"])]
    [Function("GetForm499Worksheet")]
    public async Task<IResult> Form499(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tax-reports/form-499a/{year}")] HttpRequest request,
        string year,
        CancellationToken cancellationToken)
    {
        if (Year(year) is not { } y)
        {
            return InvalidYear(year);
        }

        var worksheet = await reports.Form499Async(y, cancellationToken);
        var certificates = request.Query["part"] == "certificates";
        return Respond(request, worksheet, () => certificates ? TaxReportCsv.WriteCertificates(worksheet) : TaxReportCsv.Write(worksheet),
            $"form-499a-{y}{(certificates ? "-certificates" : "")}.csv");
    }

    [ApiOperation("Taxes", "USF recovery for a year",
        Response = typeof(UsfRecoveryReport),
        Csv = true,
        CsvExample = FileExamples.UsfRecoveryCsv,
        Problems = [ProblemKind.Invalid],
        Query = ["format: csv for text/csv"])]
    [Function("GetUsfRecoveryReport")]
    public async Task<IResult> UsfRecovery(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tax-reports/usf-recovery/{year}")] HttpRequest request,
        string year,
        CancellationToken cancellationToken)
    {
        if (Year(year) is not { } y)
        {
            return InvalidYear(year);
        }

        var report = await reports.UsfRecoveryAsync(y, cancellationToken);
        return Respond(request, report, () => TaxReportCsv.Write(report), $"usf-recovery-{y}.csv");
    }

    [ApiOperation("Taxes", "Tax liability for a year",
        Response = typeof(TaxLiabilityReport),
        Csv = true,
        CsvExample = FileExamples.TaxLiabilityCsv,
        Problems = [ProblemKind.Invalid],
        Query = ["format: csv for text/csv"])]
    [Function("GetTaxLiabilityReport")]
    public async Task<IResult> Liability(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "tax-reports/tax-liability/{year}")] HttpRequest request,
        string year,
        CancellationToken cancellationToken)
    {
        if (Year(year) is not { } y)
        {
            return InvalidYear(year);
        }

        var report = await reports.LiabilityAsync(y, cancellationToken);
        return Respond(request, report, () => TaxReportCsv.Write(report), $"tax-liability-{y}.csv");
    }

    private static IResult Respond<T>(HttpRequest request, T report, Func<string> csv, string fileName) =>
        string.Equals(request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase)
            ? Results.File(System.Text.Encoding.UTF8.GetBytes(csv()), "text/csv; charset=utf-8", fileName)
            : Results.Ok(report);

    private static int? Year(string year) =>
        int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2999 ? y : null;

    private static IResult InvalidYear(string year) =>
        ProblemResults.Invalid($"Year '{year}' is not valid", new RecordProblem("year", "a four-digit calendar year, e.g. 2026"));
}
