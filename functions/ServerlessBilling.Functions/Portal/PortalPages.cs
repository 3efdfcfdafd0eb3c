using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using NodaTime.Text;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.Portal;
using ServerlessBilling.Usage;

namespace ServerlessBilling.Functions.Portal;

/// <summary>The customer portal's pages, server-rendered HTML behind the session cookie. Anonymous to the platform: the session
/// is the credential, and <c>?account=</c> reaches only the session's account and a group parent's locations.</summary>
public sealed class PortalPages(PortalGate gate, CustomerPortal portal, PortalMessages messages)
{
    private const string Session = "Needs the session cookie a redeemed link sets; without one, a page asking to open the link again (401). `?account=` shows one of a group parent's locations; any other account is not found (404).";

    [ApiOperation("Portal", "Customer portal: overview", Description = Session, Files = ["text/html"], Query = ["account: One of the signed-in group parent's locations"])]
    [Function("GetPortalOverview")]
    public Task<IResult> Overview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal")] HttpRequest request,
        CancellationToken cancellationToken) =>
        PageAsync(request, async view => OverviewPage.Render(view, await portal.OverviewAsync(view.Shown, cancellationToken)), cancellationToken);

    [ApiOperation("Portal", "Customer portal: invoices and credit notes", Description = Session, Files = ["text/html"], Query = ["account: One of the signed-in group parent's locations"])]
    [Function("GetPortalInvoices")]
    public Task<IResult> Invoices(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/invoices")] HttpRequest request,
        CancellationToken cancellationToken) =>
        PageAsync(request, async view => InvoicesPage.Render(view, await portal.InvoicesAsync(view.Shown, cancellationToken)), cancellationToken);

    [ApiOperation("Portal", "Customer portal: usage detail", Description = Session, Files = ["text/html"],
        Query = ["account: One of the signed-in group parent's locations", "period: Any day of the period (yyyy-MM-dd); the current one by default",
                 "number: Only calls on this customer number", "component: Telephony, AiVoice or Transfer", "day: Only calls started this day (yyyy-MM-dd)",
                 "agent: Only calls attributed to this agent or assistant id", "after: The cursor of the page's 'Older calls' link: the next 500 calls"])]
    [Function("GetPortalUsage")]
    public Task<IResult> Usage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/usage")] HttpRequest request,
        CancellationToken cancellationToken) =>
        PageAsync(request, async view => UsagePage.Render(view, await portal.UsageAsync(
            view.Shown, FilterOf(request), UsageCursor.Decode(request.Query["after"].FirstOrDefault()), CustomerPortal.UsageRows, cancellationToken)), cancellationToken);

    [ApiOperation("Portal", "Customer portal: a group parent's locations", Description = Session, Files = ["text/html"])]
    [Function("GetPortalLocations")]
    public Task<IResult> Locations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/locations")] HttpRequest request,
        CancellationToken cancellationToken) =>
        PageAsync(request, async view => LocationsPage.Render(view, await portal.LocationsAsync(view.Shown, cancellationToken)), cancellationToken);

    [ApiOperation("Portal", "Customer portal: sign out",
        Description = "A form post carrying the session's form token (`csrf`); without it the session is kept and the answer is 403.",
        RequestMediaType = "application/x-www-form-urlencoded", Files = ["text/html"])]
    [Function("PortalSignOut")]
    public async Task<IResult> SignOut(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "portal/sign-out")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var admission = await gate.AdmitAsync(request, cancellationToken);
        if (admission.View is not { } view)
        {
            return admission.Refusal!;
        }

        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        return gate.IsFormToken(view.Session, form?["csrf"].FirstOrDefault())
            ? messages.SignedOut().WithSession(request, null, TimeSpan.Zero)
            : messages.FormExpired();
    }

    /// <summary>The usage filters from the query; a value that does not parse is left out, as an empty field would be.</summary>
    private static UsageFilter FilterOf(HttpRequest request)
    {
        static NodaTime.LocalDate? Date(string? text) =>
            text is { Length: > 0 } && LocalDatePattern.Iso.Parse(text) is { Success: true } parsed ? parsed.Value : null;

        var query = request.Query;
        var number = query["number"].FirstOrDefault() is { Length: > 0 and <= 32 } n ? n : null;
        UsageComponent? component = Enum.TryParse<UsageComponent>(query["component"].FirstOrDefault(), ignoreCase: true, out var c) && Enum.IsDefined(c) ? c : null;
        var agent = query["agent"].FirstOrDefault() is { Length: > 0 and <= 128 } a ? a : null;
        return new UsageFilter(Date(query["period"].FirstOrDefault()), number, component, Date(query["day"].FirstOrDefault()), agent);
    }

    /// <summary>The page <paramref name="render"/> makes for the session's view, or the gate's refusal page.</summary>
    private async Task<IResult> PageAsync(HttpRequest request, Func<PortalView, Task<string>> render, CancellationToken cancellationToken)
    {
        var admission = await gate.AdmitAsync(request, cancellationToken);
        return admission.View is { } view ? new HtmlPage(await render(view)) : admission.Refusal!;
    }
}
