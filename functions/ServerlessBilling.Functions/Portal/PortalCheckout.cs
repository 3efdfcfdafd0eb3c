using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ServerlessBilling.Functions.Http.OpenApi;
using ServerlessBilling.Payments;
using ServerlessBilling.Portal;

namespace ServerlessBilling.Functions.Portal;

/// <summary>The portal's payments: the page, the two forms that lead to the gateway's hosted page (add or replace the payment
/// method; pay an open invoice), and the address the gateway sends the customer back to.</summary>
public sealed class PortalCheckout(PortalGate gate, PortalPayments payments, PortalMessages messages)
{
    /// <summary>The outcomes a return from the gateway's page names (<c>?outcome=</c>).</summary>
    public const string MethodSaved = "method-saved";

    public const string Paid = "paid";

    public const string Cancelled = "cancelled";

    private const string Session = "Needs the session cookie a redeemed link sets; without one, a page asking to open the link again (401). `?account=` shows one of a group parent's locations; any other account is not found (404).";

    private const string Form = " A form post carrying the session's form token (`csrf`); without it, 403 and nothing is started. Answers a page that moves on to the gateway's hosted page (Stripe Checkout), or a form that posts there (Authorize.Net Accept Hosted).";

    [ApiOperation("Portal", "Customer portal: payment method and open invoices", Description = Session, Files = ["text/html"],
        Query = ["account: One of the signed-in group parent's locations", "outcome: method-saved, paid or cancelled, after a return from the gateway's page"])]
    [Function("GetPortalPayments")]
    public async Task<IResult> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/payment-methods")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var admission = await gate.AdmitAsync(request, cancellationToken);
        return admission.View is { } view
            ? new HtmlPage(PaymentMethodsPage.Render(view, await payments.WalletAsync(view.Shown, cancellationToken), request.Query["outcome"].FirstOrDefault()))
            : admission.Refusal!;
    }

    [ApiOperation("Portal", "Customer portal: add or replace the payment method on the gateway's page", Description = Session + Form,
        RequestMediaType = "application/x-www-form-urlencoded", Files = ["text/html"], Query = ["account: One of the signed-in group parent's locations"])]
    [Function("StartPortalPaymentMethod")]
    public Task<IResult> StartSetup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "portal/payment-methods")] HttpRequest request,
        CancellationToken cancellationToken) =>
        HandOffAsync(request, (view, _) => payments.StartSetupAsync(view.Shown, ReturnOf(request, view, MethodSaved), cancellationToken), cancellationToken);

    [ApiOperation("Portal", "Customer portal: pay an open invoice on the gateway's page",
        Description = Session + Form + " The form names the invoice (`invoice`); one that is not the account's, or has nothing to pay, is not found (404).",
        RequestMediaType = "application/x-www-form-urlencoded", Files = ["text/html"], Query = ["account: One of the signed-in group parent's locations"])]
    [Function("StartPortalPayment")]
    public Task<IResult> StartPayment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "portal/payments")] HttpRequest request,
        CancellationToken cancellationToken) =>
        HandOffAsync(request, (view, form) => payments.StartPaymentAsync(view.Shown, form["invoice"].FirstOrDefault(), ReturnOf(request, view, Paid), cancellationToken), cancellationToken);

    [ApiOperation("Portal", "Customer portal: back from the gateway's page",
        Description = "Anonymous: a page that moves on to the payments page, from which the session cookie is sent again (a return from the gateway's site is a cross-site navigation, which does not carry a SameSite=Strict cookie).",
        Files = ["text/html"], Query = ["outcome: method-saved, paid or cancelled", "account: The location the customer was viewing"])]
    [Function("ReturnFromPortalCheckout")]
    public Task<IResult> Return(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "portal/checkout-return")] HttpRequest request)
    {
        var outcome = request.Query["outcome"].FirstOrDefault() switch
        {
            MethodSaved => MethodSaved,
            Paid => Paid,
            Cancelled => Cancelled,
            _ => null,
        };
        var account = request.Query["account"].FirstOrDefault() is { Length: > 0 and <= 128 } id ? id : null;
        return Task.FromResult<IResult>(messages.MovingOn(
            $"{PortalLayout.Root}/payment-methods{Html.Query(("outcome", outcome), ("account", account))}", "Back from the payment page", "Continue to your payments"));
    }

    /// <summary>Admits the session, checks the form's token, starts the gateway's page and answers the page that leads there.</summary>
    private async Task<IResult> HandOffAsync(HttpRequest request, Func<PortalView, IFormCollection, Task<Outcome<HostedPaymentPage>>> start, CancellationToken cancellationToken)
    {
        var admission = await gate.AdmitAsync(request, cancellationToken);
        if (admission.View is not { } view)
        {
            return admission.Refusal!;
        }

        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : FormCollection.Empty;
        if (!gate.IsFormToken(view.Session, form["csrf"].FirstOrDefault()))
        {
            return messages.FormExpired();
        }

        var started = await start(view, form);
        if (!started.TryGetValue(out var page))
        {
            return started.Problem!.Kind == ProblemKind.NotFound ? messages.NotFound() : messages.PaymentUnavailable();
        }

        return messages.HandOff(page);
    }

    /// <summary>Where the gateway sends the customer back, on the host that answered, keeping the location in view.</summary>
    private static HostedPageReturn ReturnOf(HttpRequest request, PortalView view, string outcome)
    {
        var account = view.Shown.Id == view.Session.AccountId ? null : view.Shown.Id;
        Uri To(string result) => new($"{request.Scheme}://{request.Host}{PortalLayout.Root}/checkout-return{Html.Query(("outcome", result), ("account", account)).Replace("&amp;", "&", StringComparison.Ordinal)}");
        return new HostedPageReturn(To(outcome), To(Cancelled));
    }
}
