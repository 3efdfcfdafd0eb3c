using ServerlessBilling.Hosting;

namespace ServerlessBilling.Telemetry;

/// <summary>Section <c>Telemetry</c>: where traces, metrics and logs go besides Application Insights, and what log records may show.</summary>
/// <remarks>Application Insights is used when the platform's <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (it is, in Azure).</remarks>
public sealed class TelemetrySettings : ISettingsSection
{
    public static string Section => "Telemetry";

    /// <summary>Whether phone numbers in log records (parameters classified <see cref="PhoneNumberAttribute"/>) show only their country code and last four digits (default true).</summary>
    public bool? MaskPhoneNumbers { get; set; }

    /// <summary>An OTLP endpoint (a collector, Jaeger, the Aspire dashboard), e.g. <c>http://localhost:4317</c>; unset: no OTLP export.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Writes spans and metrics to the console as well (local diagnosis; default false).</summary>
    public bool? Console { get; set; }

    /// <summary>Client id of the user-assigned identity that sends telemetry to Application Insights (its local authentication is off); unset: the exporter's default credential.</summary>
    public string? AzureMonitorClientId { get; set; }

    public bool Masking => MaskPhoneNumbers ?? true;

    public IEnumerable<string> Problems()
    {
        if (SettingText.IsSet(OtlpEndpoint) && !Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out _))
        {
            yield return $"Telemetry:OtlpEndpoint: '{OtlpEndpoint}' is not an absolute URI.";
        }
    }
}
