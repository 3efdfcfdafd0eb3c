using Microsoft.Extensions.Compliance.Classification;

namespace ServerlessBilling.Telemetry;

/// <summary>The kinds of personal or secret data a log record may be handed, each redacted by the logger factory before any
/// provider sees it (<see cref="TelemetryRegistration.AddLogRedaction"/>): a <c>[LoggerMessage]</c> parameter carries one as an
/// attribute (<see cref="PhoneNumberAttribute"/>, <see cref="EmailAddressAttribute"/>, <see cref="SecretAttribute"/>).</summary>
public static class BillingData
{
    /// <summary>The taxonomy the classifications belong to.</summary>
    public const string Taxonomy = "ServerlessBilling";

    /// <summary>A phone number, or text that may name one (a quarantine reason): shown with its country digit and last four
    /// (<see cref="PhoneNumberRedactor"/>) unless <c>Telemetry:MaskPhoneNumbers</c> is false.</summary>
    public static DataClassification PhoneNumber { get; } = new(Taxonomy, nameof(PhoneNumber));

    /// <summary>An email address: its first letter and its domain (<see cref="EmailAddressRedactor"/>).</summary>
    public static DataClassification EmailAddress { get; } = new(Taxonomy, nameof(EmailAddress));

    /// <summary>A key, token or password: erased.</summary>
    public static DataClassification Secret { get; } = new(Taxonomy, nameof(Secret));
}
