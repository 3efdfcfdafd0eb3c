namespace ServerlessBilling.Payments;

/// <summary>The gateways the deployment can charge through, by the name an account's <see cref="PaymentProfile.Gateway"/> carries.</summary>
public interface IPaymentGateways
{
    /// <summary>The gateway a new payment profile is created at when the caller names none (<c>Payments:Gateway</c>).</summary>
    string DefaultName { get; }

    /// <exception cref="ArgumentException">No gateway of that name is configured.</exception>
    IPaymentGateway For(string name);

    /// <summary>The gateway under <paramref name="name"/> (any case), or the problem naming the configured ones.</summary>
    Outcome<IPaymentGateway> TryFor(string name);
}

/// <summary>The gateway names stored on accounts; they are data, so they never change.</summary>
public static class PaymentGatewayNames
{
    public const string Stripe = "stripe";
    public const string AuthorizeNet = "authorizenet";
}

/// <summary>A fixed set of gateways by case-insensitive name.</summary>
public sealed class PaymentGateways : IPaymentGateways
{
    private readonly Dictionary<string, IPaymentGateway> gateways;

    public PaymentGateways(IReadOnlyDictionary<string, IPaymentGateway> gateways, string defaultName)
    {
        this.gateways = new Dictionary<string, IPaymentGateway>(gateways, StringComparer.OrdinalIgnoreCase);
        DefaultName = this.gateways.ContainsKey(defaultName)
            ? defaultName.ToLowerInvariant()
            : throw new ArgumentException($"Payments:Gateway '{defaultName}' is not one of {string.Join(", ", this.gateways.Keys)}.", nameof(defaultName));
    }

    public string DefaultName { get; }

    /// <summary>One gateway under <paramref name="name"/>, which is also the default.</summary>
    public static PaymentGateways Only(IPaymentGateway gateway, string name = PaymentGatewayNames.Stripe) =>
        new(new Dictionary<string, IPaymentGateway> { [name] = gateway }, name);

    public IPaymentGateway For(string name) =>
        gateways.TryGetValue(name, out var gateway) ? gateway : throw new ArgumentException(NotConfigured(name), nameof(name));

    public Outcome<IPaymentGateway> TryFor(string name) =>
        gateways.TryGetValue(name, out var gateway)
            ? Outcome<IPaymentGateway>.Success(gateway)
            : Problem.Invalid($"'{name}' is not a payment gateway", new Usage.RecordProblem("gateway", NotConfigured(name)));

    private string NotConfigured(string name) => $"'{name}' is not a configured gateway; one of {string.Join(", ", gateways.Keys)}.";
}
