using System.Diagnostics.Metrics;
using ServerlessBilling.Cycles;
using ServerlessBilling.Payments;
using ServerlessBilling.Rating;
using ServerlessBilling.Usage;
using ServerlessBilling.WebhooksOut;

namespace ServerlessBilling.Telemetry;

/// <summary>The product's metric instruments on the <see cref="TelemetryNames.Name"/> meter, one method per thing
/// counted; the names are in <see cref="TelemetryNames"/>.</summary>
/// <remarks>The meter comes from the host's <see cref="IMeterFactory"/>, so two hosts in one process (tests) count apart.
/// Gauges read the last <see cref="HealthReport"/> the <see cref="HealthSampler"/> took, never storage from the exporter's thread.</remarks>
public sealed class BillingMetrics
{
    private readonly Counter<long> ingest;
    private readonly Counter<long> quarantined;
    private readonly Counter<long> signatureFailures;
    private readonly Counter<long> cdrLines;
    private readonly Histogram<double> ratingLag;
    private readonly Counter<double> ratedAmount;
    private readonly Counter<double> ratedMargin;
    private readonly Histogram<double> closeDuration;
    private readonly Counter<long> closes;
    private readonly Counter<long> invoices;
    private readonly Counter<double> amountBilled;
    private readonly Counter<long> charges;
    private readonly Counter<long> dunningSteps;
    private readonly Counter<long> webhookAttempts;
    private HealthReport? lastReport;

    public BillingMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(TelemetryNames.Name);
        ingest = Meter.CreateCounter<long>(TelemetryNames.IngestEvents, "{event}", "Ingest outcomes by source and outcome");
        quarantined = Meter.CreateCounter<long>(TelemetryNames.Quarantined, "{record}", "Records quarantined by source and reason");
        signatureFailures = Meter.CreateCounter<long>(TelemetryNames.SignatureFailures, "{delivery}", "Webhook deliveries that did not verify");
        cdrLines = Meter.CreateCounter<long>(TelemetryNames.CdrLines, "{line}", "Lines read from CDR files");
        ratingLag = Meter.CreateHistogram<double>(TelemetryNames.RatingLag, "s", "From a call's end to its rated usage");
        ratedAmount = Meter.CreateCounter<double>(TelemetryNames.RatedAmount, "{currency}", "Price of rated usage");
        ratedMargin = Meter.CreateCounter<double>(TelemetryNames.RatedMargin, "{currency}", "Price minus the vendor's cost of rated usage");
        closes = Meter.CreateCounter<long>(TelemetryNames.Closes, "{close}", "Closes by outcome");
        closeDuration = Meter.CreateHistogram<double>(TelemetryNames.CloseDuration, "s", "From a close's start to its final invoice");
        invoices = Meter.CreateCounter<long>(TelemetryNames.Invoices, "{invoice}", "Invoices finalized");
        amountBilled = Meter.CreateCounter<double>(TelemetryNames.AmountBilled, "{currency}", "Amount finalized invoices bill");
        charges = Meter.CreateCounter<long>(TelemetryNames.Charges, "{charge}", "Charge attempts by gateway, outcome and decline class");
        dunningSteps = Meter.CreateCounter<long>(TelemetryNames.DunningSteps, "{step}", "Dunning steps applied");
        webhookAttempts = Meter.CreateCounter<long>(TelemetryNames.WebhookAttempts, "{attempt}", "Outbound webhook attempts by outcome");
        Meter.CreateObservableGauge(TelemetryNames.RatingQueueDepth, () => Gauge(lastReport?.RatingQueueDepth), "{message}", "Messages on the rating queue");
        Meter.CreateObservableGauge(TelemetryNames.PoisonDepth, () => Gauge(lastReport?.PoisonDepth), "{message}", "Messages on the rating poison queue");
        Meter.CreateObservableGauge(TelemetryNames.TaxDaysToExpiry, () => Gauge(lastReport?.TaxDaysToExpiry), "d", "Days until a tax rule runs out of rates");
        Meter.CreateObservableGauge(TelemetryNames.WebhookEndpoints, () => WebhookEndpoints(lastReport), "{endpoint}", "Outbound webhook endpoints failing or disabled");
    }

    /// <summary>The meter the instruments are on (tests listen to this one meter).</summary>
    public Meter Meter { get; }

    /// <summary>Adds one source's ingest counts, each non-zero count under its outcome.</summary>
    public void Ingested(string source, IngestCounts counts)
    {
        Add(source, "received", counts.Received);
        Add(source, "accepted", counts.Accepted);
        Add(source, "ignored", counts.Ignored);
        Add(source, "rejected", counts.Rejected);
        Add(source, "queued", counts.Queued);
        Add(source, "rated", counts.Rated);
        Add(source, "duplicate", counts.Duplicates);
        Add(source, "quarantined", counts.Quarantined);

        void Add(string s, string outcome, long value)
        {
            if (value > 0)
            {
                ingest.Add(value, new("source", s), new("outcome", outcome));
            }
        }
    }

    public void Quarantine(QuarantinedRecord record) =>
        quarantined.Add(1, new("source", record.Source), new("reason", Lower(record.Kind.ToString())));

    public void SignatureFailed(string source) => signatureFailures.Add(1, new KeyValuePair<string, object?>("source", source));

    public void CdrLinesRead(string format, long lines) => cdrLines.Add(lines, new KeyValuePair<string, object?>("source", Lower(format)));

    /// <summary>A rated usage row stored: its lag, its price and, when the vendor reported a cost, its margin.</summary>
    public void Rated(RatedUsage usage, TimeSpan lag)
    {
        var source = new KeyValuePair<string, object?>("source", usage.Event.Source);
        var component = new KeyValuePair<string, object?>("component", Lower(usage.Event.Component.ToString()));
        var currency = new KeyValuePair<string, object?>("currency", usage.Charge.Amount.Currency);
        ratingLag.Record(Math.Max(0, lag.TotalSeconds), source, component);
        ratedAmount.Add((double)usage.Charge.Amount.Amount, source, component, currency);
        if (usage.Margin is { } margin)
        {
            ratedMargin.Add((double)margin.Amount, source, component, currency);
        }
    }

    /// <param name="outcome">started, completed, held or failed.</param>
    public void Close(string outcome) => closes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>A close's invoice is final, <paramref name="duration"/> after the close started.</summary>
    public void CloseCompleted(TimeSpan duration)
    {
        closes.Add(1, new KeyValuePair<string, object?>("outcome", "completed"));
        closeDuration.Record(Math.Max(0, duration.TotalSeconds));
    }

    public void Finalized(InvoiceSummary invoice)
    {
        invoices.Add(1, new KeyValuePair<string, object?>("currency", invoice.Currency));
        amountBilled.Add((double)invoice.Total, new KeyValuePair<string, object?>("currency", invoice.Currency));
    }

    /// <param name="result">Null when the gateway threw: the outcome is unknown and counted as <c>error</c>.</param>
    public void Charged(string gateway, ChargeResult? result) =>
        charges.Add(1, new("gateway", gateway), new("outcome", result is null ? "error" : Outcome(result.Status)), new("decline", Decline(result?.Decline)));

    public void DunningStep(DunningStepKind step) => dunningSteps.Add(1, new KeyValuePair<string, object?>("step", Lower(step.ToString())));

    /// <summary>One outbound webhook POST: delivered, failed or timed_out.</summary>
    public void WebhookAttempted(WebhookResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var outcome = response.Succeeded ? "delivered" : response.TimedOut ? "timed_out" : "failed";
        webhookAttempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>Keeps the report the gauges read.</summary>
    public void Sampled(HealthReport report) => lastReport = report;

    private static IEnumerable<Measurement<long>> Gauge(long? value) => value is { } v ? [new Measurement<long>(v)] : [];

    /// <remarks>Both states are measured, zero included, so an alert sees an endpoint recover; nothing while storage did not answer.</remarks>
    private static IEnumerable<Measurement<long>> WebhookEndpoints(HealthReport? report) =>
        report is { FailingWebhookEndpoints: { } failing, DisabledWebhookEndpoints: { } disabled }
            ? [new(failing.Count, new KeyValuePair<string, object?>("state", "failing")), new(disabled.Count, new KeyValuePair<string, object?>("state", "disabled"))]
            : [];

    private static string Outcome(ChargeStatus status) => status switch
    {
        ChargeStatus.RequiresAction => "requires_action",
        _ => Lower(status.ToString()),
    };

    private static string Decline(DeclineKind? kind) => kind switch
    {
        DeclineKind.RetryLater => "retry_later",
        DeclineKind.DoNotRetry => "do_not_retry",
        _ => "none",
    };

    private static string Lower(string name) => name.ToLowerInvariant();
}
