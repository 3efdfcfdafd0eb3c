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
