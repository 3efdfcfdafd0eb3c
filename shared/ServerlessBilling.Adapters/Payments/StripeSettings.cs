using ServerlessBilling.Hosting;

namespace ServerlessBilling.Payments;

/// <summary>Stripe as a gateway and its webhook, section <c>Stripe</c>. Both may be empty: the app still starts, a charge then
/// fails naming the missing setting, and every webhook delivery is refused.</summary>
public sealed class StripeSettings : ISettingsSection
{
    public static string Section => "Stripe";

    public string SecretKey { get; set; } = "";

    public string WebhookSecret { get; set; } = "";

    public IEnumerable<string> Problems() => [];

    public StripeOptions ToOptions() => new(SecretKey, WebhookSecret);
}
