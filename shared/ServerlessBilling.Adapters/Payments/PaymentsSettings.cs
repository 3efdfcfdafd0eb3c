using ServerlessBilling.Hosting;

namespace ServerlessBilling.Payments;

/// <summary>Section <c>Payments</c>: <see cref="Gateway"/>, where accounts without a payment profile get one (default <c>stripe</c>).</summary>
public sealed class PaymentsSettings : ISettingsSection
{
    private static readonly string[] Gateways = [PaymentGatewayNames.Stripe, PaymentGatewayNames.AuthorizeNet];

    public static string Section => "Payments";

    public string? Gateway { get; set; }

    public string DefaultGateway => SettingText.IsSet(Gateway) ? Gateway! : PaymentGatewayNames.Stripe;

    public IEnumerable<string> Problems() =>
        Gateways.Contains(DefaultGateway, StringComparer.OrdinalIgnoreCase)
            ? []
            : [$"Payments:Gateway '{DefaultGateway}' is not one of {string.Join(", ", Gateways)}."];
}
