using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace ServerlessBilling.Tax.Avalara;

/// <summary>Taxes an invoice with AvaTax for Communications (AFC) REST v2 <c>CalcTaxes</c>, behind the same seam as the built-in engine.</summary>
/// <remarks>
/// One call per invoice, in invoice mode (<see cref="AfcCalcTaxesRequest"/>); the answer's taxes are rounded by the provider's
/// <see cref="TaxSettings.Rounding"/> like the built-in engine's (<see cref="ServiceTaxRounding"/>). Nothing the service says is
/// dropped: its errors are <see cref="TaxNoticeReason.ServiceError"/> notices (<see cref="AfcCalcTaxesResponse"/>). When the service
/// cannot be reached, does not answer within the timeout, refuses the credentials or fails (HTTP 5xx, 429), the result is no taxes
/// and a <see cref="TaxNoticeReason.ServiceUnavailable"/> notice; the close then holds or warns by <c>Tax:MissingRate</c>, as for a
/// missing rate. The credentials travel only in the request headers and are never logged.
/// </remarks>
public sealed partial class AfcTaxCalculator(IHttpClientFactory clients, AfcOptions options, TaxSettings settings, ILogger<AfcTaxCalculator> logger) : ITaxCalculator, ITaxCommitter
{
    /// <summary>Where the taxes came from, on each tax line's rate version.</summary>
    public const string Source = "Avalara AvaTax for Communications";

    /// <summary>True: the service taxes intrastate (19/50), interstate (19/49) and international (19/51) minutes apart, so the close
    /// splits each usage line by where its calls ran and sends each part as its own pair (<see cref="AfcCalcTaxesRequest.PairOf"/>).</summary>
    public bool SplitsUsageByJurisdiction => true;

    public async ValueTask<TaxResult> CalculateAsync(TaxRequest request, CancellationToken cancellationToken)
    {
        var (body, items) = AfcCalcTaxesRequest.Build(request, settings, options);
        var notices = new List<TaxNotice>(AssumedLineCounts(request));
        notices.AddRange(Exemptions(request));
        if (items.Count == 0)
        {
            return new TaxResult([], notices);
        }

        var (answer, failure) = await CallAsync(AfcOptions.CalcTaxesPath, body, cancellationToken);
        if (failure is not null)
        {
            LogUnavailable(logger, request.AccountId, request.InvoiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), options.Endpoint, failure);
            return new TaxResult([], [.. notices, AfcCalcTaxesResponse.Notice(failure, request.InvoiceDate, TaxNoticeReason.ServiceUnavailable)]);
        }

        return Result(request, answer!, items, notices);
    }

    /// <summary>Voids any earlier commit under <paramref name="documentCode"/> (<c>/api/v2/afc/commit</c> with <c>cmmt</c> false), then
    /// taxes the invoice again with <c>cmmt</c> true under that code: however often a retried finalize step runs, one committed
    /// transaction carries the invoice number.</summary>
    /// <remarks>The uncommit comes first so a step that crashed after its commit leaves that transaction uncommitted when it runs
    /// again; the service leaves uncommitted transactions out of its compliance reports.</remarks>
    public async ValueTask<TaxResult> CommitAsync(TaxRequest request, string documentCode, CancellationToken cancellationToken)
    {
        var (body, items) = AfcCalcTaxesRequest.Build(request, settings, options, documentCode, commit: true);
        if (items.Count == 0)
        {
            return new TaxResult([], []);
        }

        var (voided, voidFailure) = await CallAsync(AfcOptions.CommitPath, new JsonObject { ["doc"] = documentCode, ["cmmt"] = false }, cancellationToken);
        if (voidFailure is not null)
        {
            throw new TaxCommitException($"Invoice {documentCode} was not committed at the tax service: {voidFailure}.");
        }

        if (voided!["ok"]?.GetValue<bool>() != true)
        {
            // A document code the service has never seen cannot be uncommitted; there is nothing earlier to void.
            LogNothingToVoid(logger, documentCode, voided["msg"]?.GetValue<string>() ?? "(no message)");
        }

        var (answer, failure) = await CallAsync(AfcOptions.CalcTaxesPath, body, cancellationToken);
        if (failure is not null)
        {
            throw new TaxCommitException($"Invoice {documentCode} was not committed at the tax service: {failure}.");
        }

        LogCommitted(logger, request.AccountId, documentCode);
        return Result(request, answer!, items, []);
    }

    private TaxResult Result(TaxRequest request, JsonNode answer, IReadOnlyList<AfcItem> items, List<TaxNotice> notices)
    {
        var (taxes, answered) = AfcCalcTaxesResponse.Read(answer, items, request.InvoiceDate);
        foreach (var error in answered)
        {
            LogServiceError(logger, request.AccountId, error.Detail);
        }

        return new TaxResult(ServiceTaxRounding.Round(taxes, settings.Rounding, request.Currency, request.InvoiceDate, Source), [.. notices, .. answered])
        {
            Revenue = AfcRevenueSplit.Read(answer, items, request, settings.AllocationOn(request.InvoiceDate)),
        };
    }

    /// <summary>The parsed answer, or why there is none.</summary>
    private async Task<(JsonNode? Answer, string? Failure)> CallAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(AfcOptions.HttpClientName);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Endpoint, path))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        message.Headers.Add("api_key", options.ApiKey);
        message.Headers.Add("client_id", options.ClientId);
        if (options.ClientProfileId is { } profile)
        {
            message.Headers.Add("client_profile_id", profile.ToString(CultureInfo.InvariantCulture));
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return (null, $"could not reach the tax service: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"the tax service did not answer within {options.Timeout.TotalSeconds:0} seconds");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                return (null, $"the tax service refused the credentials (HTTP {status}); check Tax:Avalara:Username, Password and ClientId");
            }

            if (status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return (null, $"the tax service failed (HTTP {status})");
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            try
            {
                return JsonNode.Parse(text) is JsonObject answer
                    ? (answer, null)
                    : (null, $"the tax service answered HTTP {status} without a JSON object");
            }
            catch (JsonException)
            {
                return (null, $"the tax service answered HTTP {status} with something other than JSON");
            }
        }
    }

    /// <summary>As the built-in engine says it: a per-line fee counted one line per number because the channels are not known.</summary>
    private static IEnumerable<TaxNotice> AssumedLineCounts(TaxRequest request) =>
        request.Lines.Where(l => l.Channels is null && l.Numbers > 0).Select(l => new TaxNotice(AfcCalcTaxesResponse.NoticeKey, TaxNoticeReason.LineCountAssumed,
            $"channel count unknown at {l.Address.City}, {l.Address.Region}: sent {l.Numbers} lines (one per number held); set the account's tax profile")
        {
            Date = request.InvoiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });

    /// <summary>Each exemption document in force: sent as <c>exms</c> (an <see cref="TaxNoticeReason.Exempt"/> notice, as the built-in
    /// engine gives), or, when it has no AFC form (<see cref="AfcExemptions"/>), a service error a person must look at, since the
    /// customer is then taxed in full.</summary>
    private static IEnumerable<TaxNotice> Exemptions(TaxRequest request)
    {
        var unsent = AfcExemptions.For(request).Unsent;
        return request.Exemptions.Where(e => e.ValidFrom <= request.InvoiceDate && (e.ValidThrough is null || request.InvoiceDate <= e.ValidThrough))
            .Select(e => unsent.Contains(e)
                ? AfcCalcTaxesResponse.Notice($"exemption {e.Document} has no form the tax service documents and was not sent; taxes were computed without it", request.InvoiceDate)
                : AfcCalcTaxesResponse.Notice($"exemption {e.Document} sent to the tax service", request.InvoiceDate, TaxNoticeReason.Exempt));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tax service at {Endpoint} unavailable for account {AccountId} on {InvoiceDate}: {Failure}")]
    private static partial void LogUnavailable(ILogger logger, string accountId, string invoiceDate, Uri endpoint, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tax service answered account {AccountId} with {Error}")]
    private static partial void LogServiceError(ILogger logger, string accountId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tax service had no earlier commit of {DocumentCode} to void: {Message}")]
    private static partial void LogNothingToVoid(ILogger logger, string documentCode, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tax service committed account {AccountId}'s invoice {DocumentCode}")]
    private static partial void LogCommitted(ILogger logger, string accountId, string documentCode);
}
