using System.Text.RegularExpressions;

namespace ServerlessBilling.Payments.Migrations;

/// <summary>What a gateway's customer and payment method ids look like, so a mapping line with a column shifted or an id from the
/// wrong processor is rejected before any account is touched.</summary>
/// <remarks>Stripe's ids are an object prefix and letters or digits (<c>cus_</c> for customers; <c>pm_</c>, or the older <c>card_</c>
/// and <c>src_</c>, for what a migration imports). Authorize.Net's customer and payment profile ids are numbers.</remarks>
public static partial class GatewayIdShapes
{
    /// <summary>Null when <paramref name="id"/> is a customer id of <paramref name="gateway"/>; else what it should look like.</summary>
    public static string? CustomerProblem(string gateway, string id) => gateway switch
    {
        PaymentGatewayNames.Stripe => StripeCustomer().IsMatch(id) ? null : "is not a Stripe customer id (cus_...)",
        PaymentGatewayNames.AuthorizeNet => Digits().IsMatch(id) ? null : "is not an Authorize.Net customer profile id (digits)",
        _ => Other().IsMatch(id) ? null : "is not an id (letters, digits, '_' or '-')",
    };

    /// <summary>Null when <paramref name="id"/> is a payment method id of <paramref name="gateway"/>; else what it should look like.</summary>
    public static string? PaymentMethodProblem(string gateway, string id) => gateway switch
    {
        PaymentGatewayNames.Stripe => StripeMethod().IsMatch(id) ? null : "is not a Stripe payment method id (pm_..., card_... or src_...)",
        PaymentGatewayNames.AuthorizeNet => Digits().IsMatch(id) ? null : "is not an Authorize.Net payment profile id (digits)",
        _ => Other().IsMatch(id) ? null : "is not an id (letters, digits, '_' or '-')",
    };

    [GeneratedRegex("^cus_[A-Za-z0-9]{1,250}$")]
    private static partial Regex StripeCustomer();

    [GeneratedRegex("^(pm|card|src)_[A-Za-z0-9]{1,250}$")]
    private static partial Regex StripeMethod();

    [GeneratedRegex("^[0-9]{1,20}$")]
    private static partial Regex Digits();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,255}$")]
    private static partial Regex Other();
}
