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
public sealed partial class AfcTaxCalculator(IHttpClientFactory clients, AfcOptions options, TaxSettings settings, ILogger<AfcTaxCalculator> logger) : ITaxCalculator
{
    /// <summary>Where the taxes came from, on each tax line's rate version.</summary>
    public const string Source = "Avalara AvaTax for Communications";

    public async ValueTask<TaxResult> CalculateAsync(TaxRequest request, CancellationToken cancellationToken)
    {
        var (body, items) = AfcCalcTaxesRequest.Build(request, settings, options);
        var notices = new List<TaxNotice>(AssumedLineCounts(request));
        notices.AddRange(UnsentExemptions(request));
        if (items.Count == 0)
        {
            return new TaxResult([], notices);
        }

        var (answer, failure) = await CallAsync(body, cancellationToken);
        if (failure is not null)
        {
            LogUnavailable(logger, request.AccountId, request.InvoiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), options.Endpoint, failure);
            return new TaxResult([], [.. notices, AfcCalcTaxesResponse.Notice(failure, request.InvoiceDate, TaxNoticeReason.ServiceUnavailable)]);
        }

        var (taxes, answered) = AfcCalcTaxesResponse.Read(answer!, items, request.InvoiceDate);
        foreach (var error in answered)
        {
            LogServiceError(logger, request.AccountId, error.Detail);
        }

        return new TaxResult(ServiceTaxRounding.Round(taxes, settings.Rounding, request.Currency, request.InvoiceDate, Source), [.. notices, .. answered]);
    }

    /// <summary>The parsed answer, or why there is none.</summary>
    private async Task<(JsonNode? Answer, string? Failure)> CallAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(AfcOptions.HttpClientName);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Endpoint, AfcOptions.CalcTaxesPath))
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

    /// <summary>Exemption documents are kept at the service (a client profile or its exemption input), not sent from here: a customer
    /// with one would be taxed in full, so each is a service error that a person must look at.</summary>
    private static IEnumerable<TaxNotice> UnsentExemptions(TaxRequest request) =>
        request.Exemptions.Where(e => e.ValidFrom <= request.InvoiceDate && (e.ValidThrough is null || request.InvoiceDate <= e.ValidThrough))
            .Select(e => AfcCalcTaxesResponse.Notice($"exemption {e.Document} is not sent to the tax service; taxes were computed without it", request.InvoiceDate));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tax service at {Endpoint} unavailable for account {AccountId} on {InvoiceDate}: {Failure}")]
    private static partial void LogUnavailable(ILogger logger, string accountId, string invoiceDate, Uri endpoint, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tax service answered account {AccountId} with {Error}")]
    private static partial void LogServiceError(ILogger logger, string accountId, string error);
}
