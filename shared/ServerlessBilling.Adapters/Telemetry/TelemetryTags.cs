namespace ServerlessBilling.Telemetry;

/// <summary>The business keys spans carry, so a trace is found from an event, account or invoice id.</summary>
public static class TelemetryTags
{
    public const string Event = "billing.event_id";
    public const string Account = "billing.account";
    public const string Invoice = "billing.invoice";
    public const string Source = "billing.source";
    public const string Attempt = "billing.attempt";
    public const string File = "billing.cdr_file";
}
