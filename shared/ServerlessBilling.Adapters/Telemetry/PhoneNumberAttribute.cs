using Microsoft.Extensions.Compliance.Classification;

namespace ServerlessBilling.Telemetry;

/// <summary>Marks a logged value as a phone number or text that may name one (<see cref="BillingData.PhoneNumber"/>).</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class PhoneNumberAttribute() : DataClassificationAttribute(BillingData.PhoneNumber);
