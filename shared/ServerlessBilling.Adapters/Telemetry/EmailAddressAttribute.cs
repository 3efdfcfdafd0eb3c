using Microsoft.Extensions.Compliance.Classification;

namespace ServerlessBilling.Telemetry;

/// <summary>Marks a logged value as an email address (<see cref="BillingData.EmailAddress"/>).</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class EmailAddressAttribute() : DataClassificationAttribute(BillingData.EmailAddress);
