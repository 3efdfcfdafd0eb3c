namespace ServerlessBilling.Payments;

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
