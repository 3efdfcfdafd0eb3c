using Microsoft.Extensions.Compliance.Classification;

namespace ServerlessBilling.Telemetry;

/// <summary>Marks a logged value as a key, token or password (<see cref="BillingData.Secret"/>): erased from every record.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SecretAttribute() : DataClassificationAttribute(BillingData.Secret);
