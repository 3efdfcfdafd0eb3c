using System.Diagnostics;

namespace ServerlessBilling;

/// <summary>The names the product's telemetry is emitted under: one <see cref="ActivitySource"/> and one meter, both
/// <see cref="Name"/>, and each metric instrument's name, so exporters, alert rules and dashboards name the same things.</summary>
/// <remarks>
/// Metric dimensions are kept to a few values each (source, vendor, gateway, component, outcome, reason, step): never an
/// account, invoice or event id, which belong on spans and log records instead.
/// </remarks>
public static class TelemetryNames
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "ServerlessBilling";

    /// <summary>Spans of the product's own work: webhook and CDR intake, rating, each step of a close and of a collection.</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary>Span names of the steps a rating message and a CDR file go through, so a trace (or the ingest bench, which sums them)
    /// shows where a window's time goes: reading and pricing it, waiting on storage for its claims and rows, or waiting for a slot.</summary>
    public static class Steps
    {
        /// <summary>A saved CDR window waiting for one of the instance's window slots (<c>Rating:WindowsAtOnce</c>).</summary>
        public const string WaitForWindowSlot = "wait for a window slot";

        /// <summary>One saved CDR window rated, from its first event read to its counts recorded.</summary>
        public const string RateWindow = "rate a cdr window";

        /// <summary>A message's events read (a saved window: downloaded and parsed as it streams), attributed and priced.</summary>
        public const string ReadAndPrice = "read and price";

        /// <summary>The billed calls placed in their periods: a close read per account period near its end.</summary>
        public const string Place = "place in periods";

        /// <summary>The billed calls' identities claimed, per bucket in entity group transactions.</summary>
        public const string Claim = "claim identities";

        /// <summary>Calls whose identity was claimed already (a redelivery, a re-dropped file) settled as duplicates or completed.</summary>
        public const string Settle = "settle claimed";

        /// <summary>The newly claimed calls' usage rows written, per account period in entity group transactions.</summary>
        public const string WriteRows = "write usage rows";

        /// <summary>The message's outcome added to its source's counters and, for a CDR batch, to its file's rating counts.</summary>
        public const string Count = "count outcomes";

        /// <summary>A CDR file read, its windows saved and queued (the parse itself is what is left of it when the other intake steps are taken out).</summary>
        public const string ReadCdrFile = "read a cdr file";

        /// <summary>A CDR read window saved as a blob and its message queued.</summary>
        public const string SaveWindow = "save a cdr window";

        /// <summary>A CDR read window counted and the file's checkpoint saved.</summary>
        public const string Checkpoint = "checkpoint a cdr file";
    }

    /// <summary>Counter: ingest outcomes by <c>source</c> and <c>outcome</c> (received, accepted, ignored, rejected, queued,
    /// rated, duplicate, quarantined).</summary>
    public const string IngestEvents = "billing.ingest.events";

    /// <summary>Counter: records put in quarantine by <c>source</c> and <c>reason</c> (problem, plausibility, conflict).</summary>
    public const string Quarantined = "billing.ingest.quarantined";

    /// <summary>Counter: webhook deliveries whose signature or timestamp did not verify, by <c>source</c>.</summary>
    public const string SignatureFailures = "billing.webhook.signature_failures";

    /// <summary>Counter: lines read from CDR files, by <c>source</c> (the file's format).</summary>
    public const string CdrLines = "billing.cdr.lines";

    /// <summary>Histogram, seconds: from a call's end to its rated usage being stored, by <c>source</c> and <c>component</c>.</summary>
    public const string RatingLag = "billing.rating.lag";

    /// <summary>Counter: the price of rated usage in the plan's currency, by <c>source</c> (the vendor), <c>component</c> and <c>currency</c>.</summary>
    public const string RatedAmount = "billing.rating.amount";

    /// <summary>Counter: price minus the vendor's reported cost of rated usage, by <c>source</c>, <c>component</c> and <c>currency</c>
    /// (calls whose vendor reported a cost in the same currency).</summary>
    public const string RatedMargin = "billing.rating.margin";

    /// <summary>Counter: closes by <c>outcome</c>: started, completed, held, failed (once per close, when its steps' retries
    /// ran out) and step_failed (each attempt of a step that threw; the orchestration retries it).</summary>
    public const string Closes = "billing.closes";

    /// <summary>Histogram, seconds: from a close's start to its invoice being final, time held for tax data included.</summary>
    public const string CloseDuration = "billing.close.duration";

    /// <summary>Counter: invoices finalized, by <c>currency</c>.</summary>
    public const string Invoices = "billing.invoices";

    /// <summary>Counter: the amount finalized invoices bill, in the currency's units, by <c>currency</c>.</summary>
    public const string AmountBilled = "billing.invoices.amount";

    /// <summary>Counter: charge attempts by <c>gateway</c>, <c>outcome</c> (succeeded, declined, requires_action, processing,
    /// error) and <c>decline</c> class.</summary>
    public const string Charges = "billing.charges";

    /// <summary>Counter: dunning steps applied, by <c>step</c>.</summary>
    public const string DunningSteps = "billing.dunning.steps";

    /// <summary>Gauge, days: until the first tax rule of the stored tables runs out of rates (the freshness horizon when none is near).</summary>
    public const string TaxDaysToExpiry = "billing.tax.days_to_expiry";

    /// <summary>Gauge: messages waiting on the <c>rating</c> queue.</summary>
    public const string RatingQueueDepth = "billing.rating.queue_depth";

    /// <summary>Gauge: messages on <c>rating-poison</c>, each a batch that failed five times.</summary>
    public const string PoisonDepth = "billing.rating.poison_depth";

    /// <summary>Gauge: outbound webhook endpoints by <c>state</c>: failing (enabled, every attempt failing since its last
    /// success) and disabled (switched off by the service after failing for days).</summary>
    public const string WebhookEndpoints = "billing.webhooks_out.endpoints";

    /// <summary>Counter: outbound webhook POSTs, scheduled and redelivered alike, by <c>outcome</c>: delivered (2xx), failed
    /// (another status, a refused address, a connection error) or timed_out (no answer within the attempt's time limit).</summary>
    /// <remarks>No endpoint dimension: which endpoint failed is in the endpoint's delivery log and the attempt's log record.</remarks>
    public const string WebhookAttempts = "billing.webhooks_out.attempts";
}
