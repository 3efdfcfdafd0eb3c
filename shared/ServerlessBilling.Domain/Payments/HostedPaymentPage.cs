namespace ServerlessBilling.Payments;

/// <summary>Where the customer goes to give card or bank details to the gateway itself, so none of them reach us.</summary>
/// <param name="Address">The gateway's page.</param>
/// <param name="Fields">Empty when the page is opened by following <paramref name="Address"/> (Stripe Checkout); otherwise the
/// fields a form posts there (Authorize.Net Accept Hosted's <c>token</c>).</param>
public sealed record HostedPaymentPage(Uri Address, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>A page opened by following its address.</summary>
    public static HostedPaymentPage At(Uri address) => new(address, new Dictionary<string, string>());

    /// <summary>Whether the browser posts <see cref="Fields"/> to the page rather than following its address.</summary>
    public bool IsFormPost => Fields.Count > 0;
}
