using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.Functions.Portal;
using ServerlessBilling.Paging;
using ServerlessBilling.Portal;
using ServerlessBilling.ResellerConsole;

namespace ServerlessBilling.Functions.Console;

/// <summary>The console's accounts: the list, one account's detail, and issuing a customer portal link for it (admin sessions).</summary>
public sealed class ConsoleAccountPages(ConsoleGate gate, ConsoleAccounts accounts, PortalAccess portal, ConsoleMessages messages, ILogger<ConsoleAccountPages> logger)
{
    private const string Session = "Needs a console session (the cookie the sign-in sets, or Entra ID where that is on); without one, the sign-in form (401).";

    private const string CursorFilter = "console-accounts";

    /// <summary>A payments cursor names its account, so it cannot page another account's payments.</summary>
    private static string PaymentsCursorFilter(string accountId) => $"console-payments|{accountId}";

    [ApiOperation("Console", "Reseller console: accounts", Description = Session, Files = ["text/html"],
        Query = ["cursor: The next page, as the page's own link gives it"])]
    [Function("GetConsoleAccounts")]
    public async Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/accounts")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var admission = gate.Admit(request);
        if (admission.View is not { } view)
        {
            return admission.Refusal!;
        }

        var cursor = ListCursor.Decode(request.Query["cursor"].FirstOrDefault(), CursorFilter);
        if (!cursor.TryGetValue(out var token))
        {
            return messages.NotFound("That page of accounts");
        }

        var page = await accounts.ListAsync(new PageRequest(token, ConsoleAccounts.PageSize), cancellationToken);
        return ConsolePage.Html(AccountPages.List(view, page, ListCursor.Encode(page.ContinuationToken, CursorFilter)));
    }

    [ApiOperation("Console", "Reseller console: one account", Description = Session + " An account that does not exist is not found (404).", Files = ["text/html"],
        Query = ["payments: The next page of the account's payments, as the page's own link gives it"])]
    [Function("GetConsoleAccount")]
    public async Task<IResult> Detail(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/accounts/{accountId}")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        var admission = gate.Admit(request);
        if (admission.View is not { } view)
        {
            return admission.Refusal!;
        }

        var cursor = ListCursor.Decode(request.Query["payments"].FirstOrDefault(), PaymentsCursorFilter(accountId));
        if (!cursor.TryGetValue(out var token))
        {
            return messages.NotFound("That page of payments");
        }

        var detail = IdRule.AccountId.Accepts(accountId)
            ? await accounts.DetailAsync(accountId, new PageRequest(token, ConsoleAccounts.PaymentsPageSize), cancellationToken)
            : Problem.NotFound($"Account '{accountId}'");
        return detail.TryGetValue(out var found)
            ? ConsolePage.Html(AccountPages.Detail(view, found, nextPayments: ListCursor.Encode(found.Payments.ContinuationToken, PaymentsCursorFilter(accountId))))
            : messages.NotFound($"The account '{accountId}'");
    }

    [ApiOperation("Console", "Reseller console: issue a portal link for an account", Files = ["text/html"],
        RequestMediaType = "application/x-www-form-urlencoded",
        Description = "A form post with the session's form token (`csrf`), from an admin session: issues a customer portal link as `POST /api/accounts/{accountId}/portal-links` does and shows it on the account's page. A read-only session, or a post without the token, is refused (403).")]
    [Function("ConsoleIssuePortalLink")]
    public async Task<IResult> IssuePortalLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/accounts/{accountId}/portal-link")] HttpRequest request,
        string accountId,
        CancellationToken cancellationToken)
    {
        var admission = await gate.AdmitFormAsync(request, writes: true, cancellationToken);
        if (admission.View is not { } view)
        {
            return admission.Refusal!;
        }

        var detail = IdRule.AccountId.Accepts(accountId)
            ? await accounts.DetailAsync(accountId, PageRequest.First(ConsoleAccounts.PaymentsPageSize), cancellationToken)
            : Problem.NotFound($"Account '{accountId}'");
        if (!detail.TryGetValue(out var found))
        {
            return messages.NotFound($"The account '{accountId}'");
        }

        var issued = await portal.IssueLinkAsync(found.Account.Id, cancellationToken);
        PortalLinkLog.Issued(logger, issued.Value, "the console");
        return ConsolePage.Html(AccountPages.Detail(view, found, IssuedPortalLink.Of(request, issued.Value).Url.ToString(),
            ListCursor.Encode(found.Payments.ContinuationToken, PaymentsCursorFilter(accountId))));
    }
}
