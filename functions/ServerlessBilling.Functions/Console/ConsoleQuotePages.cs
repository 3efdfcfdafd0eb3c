using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Functions.Api;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.Functions.Portal;
using ServerlessBilling.ResellerConsole;

namespace ServerlessBilling.Functions.Console;

/// <summary>Quotes in the console: the form, the quote, its PDF proposal, and the account an accepted quote becomes (admin sessions).
/// A quote changes nothing, so read-only sessions may make one and download it.</summary>
public sealed class ConsoleQuotePages(ConsoleGate gate, ConsoleQuotes quotes, ILogger<ConsoleQuotePages> logger)
{
    private const string FormPost = "A form post with the session's form token (`csrf`) and the quote's fields: `plan`, `zone` (IANA), `accounts`, `numbers`";

    [ApiOperation("Console", "Reseller console: the quote form",
        Description = "Needs a console session; without one, the sign-in form (401).", Files = ["text/html"])]
    [Function("GetConsoleQuoteForm")]
    public async Task<IResult> Form(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/quotes")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var admission = gate.Admit(request);
        return admission.View is { } view ? ConsolePage.Html(QuotePage.Form(view, await quotes.PlansAsync(cancellationToken))) : admission.Refusal!;
    }

    [ApiOperation("Console", "Reseller console: quote a plan", Files = ["text/html"], RequestMediaType = "multipart/form-data",
        Description = FormPost + ", and `sample`: an Asterisk Master.csv of up to 256 KB, or nothing for a typical month. Answers the monthly invoice before tax, its cost and margin; a request that is not valid answers the form again with its problems (400).")]
    [Function("ConsoleQuote")]
    public async Task<IResult> Quote(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/quotes")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var admission = await gate.AdmitFormAsync(request, writes: false, cancellationToken);
        if (admission.View is not { } view)
        {
            return admission.Refusal!;
        }

        var form = await request.ReadFormAsync(cancellationToken);
        string? sample = null;
        if (form.Files.GetFile("sample") is { Length: > 0 } file)
        {
            if (file.Length > QuoteRequest.MaxSampleLength)
            {
                return await FormAgainAsync(view, RequestOf(form, new string('x', QuoteRequest.MaxSampleLength + 1)), cancellationToken);
            }

            using var reader = new StreamReader(file.OpenReadStream());
            sample = await reader.ReadToEndAsync(cancellationToken);
        }

        var quoteRequest = RequestOf(form, sample);
        var quoted = await quotes.QuoteAsync(quoteRequest, cancellationToken);
        return quoted.TryGetValue(out var quote)
            ? ConsolePage.Html(QuotePage.Quote(view, quote))
            : ConsolePage.Html(QuotePage.Form(view, await quotes.PlansAsync(cancellationToken), quoteRequest, quoted.Problem!.Fields), StatusCodes.Status400BadRequest);
    }

    [ApiOperation("Console", "Reseller console: a quote's PDF proposal", Files = ["application/pdf", "text/html"],
        RequestMediaType = "application/x-www-form-urlencoded",
        Description = FormPost + " and `sampleText` (the sample as quoted). Answers the quote's invoice for one account as the invoice PDF draws it, in the reseller's branding.")]
    [Function("ConsoleQuotePdf")]
    public async Task<IResult> Pdf(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/quotes/pdf")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var admission = await gate.AdmitFormAsync(request, writes: false, cancellationToken);
        if (admission.View is not { } view)
        {
            return admission.Refusal!;
        }

        var quoteRequest = RequestOf(await request.ReadFormAsync(cancellationToken), null);
        var pdf = await quotes.ProposalPdfAsync(quoteRequest, cancellationToken);
        return pdf.TryGetValue(out var bytes)
            ? new SecuredResult(Results.File(bytes, "application/pdf", $"proposal-{quoteRequest.PlanId}.pdf"))
            : await FormAgainAsync(view, quoteRequest, cancellationToken);
    }

    [ApiOperation("Console", "Reseller console: open an account from a quote", Files = ["text/html"],
        RequestMediaType = "application/x-www-form-urlencoded",
        Description = FormPost + ", `accountId`, `name` and optionally `email` (the billing contact), from an admin session: creates the account on the quoted plan, in the quote's zone and the plan's currency, logs the same audit record as `PUT /api/accounts/{accountId}` (caller, fields set, address masked) and answers 303 to its page. An id that is taken is refused (409); a read-only session, or a post without the token, is refused (403).")]
    [Function("ConsoleOpenAccountFromQuote")]
    public async Task<IResult> OpenAccount(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/quotes/account")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var admission = await gate.AdmitFormAsync(request, writes: true, cancellationToken);
        if (admission.View is not { } view)
        {
            return admission.Refusal!;
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var opened = await quotes.OpenAccountAsync(
            RequestOf(form, null), form["accountId"].FirstOrDefault(), form["name"].FirstOrDefault(), form["email"].FirstOrDefault(), cancellationToken);
        if (opened.TryGetValue(out var save))
        {
            AccountSaveLog.Saved(logger, save, AuditCaller(view.Session.Caller));
            return ConsolePage.SeeOther($"{ConsoleLayout.Root}/accounts/{Uri.EscapeDataString(save.Account.Id)}");
        }

        var problem = opened.Problem!;
        var detail = problem.Fields.Count == 0 ? problem.Title : string.Join("; ", problem.Fields.Select(f => $"{f.Field}: {f.Reason}"));
        return ConsolePage.Html(ConsoleLayout.Page(view, ConsoleSection.Quotes, "The account was not opened",
            $"""<p role="alert" id="open-problem">{Html.Encode(detail)}</p><p><a href="{ConsoleLayout.Root}/quotes">Back to quotes</a></p>"""),
            problem.Kind == ProblemKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
    }

    /// <summary>The session's caller as the API's audit records name it (the bootstrap key, or an API key's prefix), so one search
    /// finds a caller's saves through either door.</summary>
    internal static string AuditCaller(string sessionCaller) =>
        sessionCaller == ConsoleAccess.BootstrapCaller ? Http.ApiCaller.BootstrapKey : sessionCaller;

    private async Task<IResult> FormAgainAsync(ConsoleView view, QuoteRequest quoteRequest, CancellationToken cancellationToken) =>
        ConsolePage.Html(QuotePage.Form(view, await quotes.PlansAsync(cancellationToken), quoteRequest, quoteRequest.Problems()), StatusCodes.Status400BadRequest);

    /// <summary>The quote's fields from a posted form; the sample is the uploaded file's text, or the carried <c>sampleText</c>.</summary>
    private static QuoteRequest RequestOf(IFormCollection form, string? uploaded)
    {
        static int Number(string? text, int fallback) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : fallback;
        var carried = form["sampleText"].FirstOrDefault();
        return new QuoteRequest(
            form["plan"].FirstOrDefault(),
            form["zone"].FirstOrDefault()?.Trim(),
            Number(form["accounts"].FirstOrDefault(), 0),
            Number(form["numbers"].FirstOrDefault(), -1),
            uploaded ?? (string.IsNullOrEmpty(carried) ? null : carried))
        {
            Vendor = form["vendor"].FirstOrDefault()?.Trim() is { Length: > 0 } vendor ? vendor : null,
        };
    }
}
