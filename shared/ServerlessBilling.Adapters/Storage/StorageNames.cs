namespace ServerlessBilling.Storage;

/// <summary>Every table, container and queue the product uses, and the connection setting that reaches them; triggers, adapters and infrastructure name them from here.</summary>
public static class StorageNames
{
    /// <summary>App setting holding the billing data's storage connection (a connection string locally, an identity-based prefix in Azure).</summary>
    public const string Connection = "BillingStorage";

    public const string CdrDropsContainer = "cdr-drops";
    public const string RawArchiveContainer = "raw-archive";

    /// <summary>The events of each read window of a dropped CDR file, which its rating message names (<c>{file}/{etag}/{first line}</c>).</summary>
    public const string CdrWindowsContainer = "cdr-windows";
    public const string InvoicesContainer = "invoices";
    public const string QuarantineContainer = "quarantine";

    /// <summary>Vendor statements as imported for reconciliation (<c>{vendor}/{month}/{run}.csv</c>).</summary>
    public const string StatementsContainer = "statements";

    /// <summary>Tax table documents an operator uploaded (<c>{name}.json</c>); each replaces the shipped document of its name.</summary>
    public const string TaxTablesContainer = "tax-tables";

    public const string RatingQueue = "rating";

    /// <summary>Where domain events are published locally; in Azure a Service Bus topic of the same name.</summary>
    public const string BillingEventsQueue = "billing-events";

    /// <summary>Attempts of webhooks to the reseller's endpoints, each message invisible until its attempt is due.</summary>
    public const string WebhookDeliveriesQueue = "webhook-deliveries";

    public const string AccountsTable = "Accounts";
    public const string NumbersTable = "Numbers";
    public const string AgentsTable = "Agents";
    public const string PlansTable = "Plans";

    /// <summary>Rated usage, per account and period; with several ledger tables, the first of <c>Usage</c>, <c>Usage01</c> ... (<see cref="LedgerTables"/>).</summary>
    public const string UsageTable = "Usage";

    /// <summary>One row per (event id, component) ever billed, whatever account or period: the rule that a call is billed once. With
    /// several ledger tables, the first of <c>EventIdentities</c>, <c>EventIdentities01</c> ... (<see cref="LedgerTables"/>).</summary>
    public const string EventIdentitiesTable = "EventIdentities";
    public const string QuarantineTable = "Quarantine";
    public const string InvoiceNumbersTable = "InvoiceNumbers";
    public const string CycleLedgerTable = "CycleLedger";
    public const string CallPartsTable = "CallParts";
    public const string OutboxTable = "Outbox";

    /// <summary>Charges and credits waiting for an account's next invoice (late fees, re-rating differences, credit balances), per account.</summary>
    public const string AdjustmentsTable = "Adjustments";

    /// <summary>Received, accepted, duplicate, quarantined ... per source and UTC day, sharded by writer.</summary>
    public const string IngestCountersTable = "IngestCounters";

    /// <summary>One row per final invoice: its revenue by Form 499-A category and its taxes, for the tax reports.</summary>
    public const string TaxLedgerTable = "TaxLedger";

    /// <summary>One row per dropped CDR file version: its read checkpoint while in progress, its manifest once finished.</summary>
    public const string CdrFilesTable = "CdrFiles";

    /// <summary>What each final invoice still owes and its payment history; gateway payment ids linked to their invoice.</summary>
    public const string ReceivablesTable = "Receivables";

    /// <summary>Rating's outcome (billed, duplicate, unattributed, unpriced) per batch of a CDR file version, for its manifest.</summary>
    public const string CdrFileRatingsTable = "CdrFileRatings";

    /// <summary>Each vendor month's latest reconciliation summary (partition = vendor, row = month).</summary>
    public const string ReconciliationsTable = "Reconciliations";

    /// <summary>The findings of each reconciliation run (partition = run, row = the vendor's call id and the reason).</summary>
    public const string ReconciliationFindingsTable = "ReconciliationFindings";

    /// <summary>The event ids each reconciliation run read on its statement (partition = run, row = event id), for the ledger scan that
    /// finds billed calls the statement does not list.</summary>
    public const string ReconciliationSeenTable = "ReconciliationSeen";

    /// <summary>Which account periods hold usage of each source and UTC month (partition = source and month, row = account and period),
    /// written once per such period: how a vendor's month is found in the usage ledger without reading every account.</summary>
    public const string UsageBySourceTable = "UsageBySource";

    /// <summary>API keys of the management API: the hash of each secret, never the secret (one partition, row = key id).</summary>
    public const string ApiKeysTable = "ApiKeys";

    /// <summary>The reseller's webhook endpoints and their signing secrets.</summary>
    public const string WebhookEndpointsTable = "WebhookEndpoints";

    /// <summary>Each event's delivery to each endpoint (partition = endpoint), and the sequence numbers events go out with.</summary>
    public const string WebhookDeliveriesTable = "WebhookDeliveries";

    /// <summary>Each endpoint's delivery log, newest first: attempts and notices.</summary>
    public const string WebhookLogTable = "WebhookLog";

    /// <summary>Per account, the instant before which its customer portal links and sessions are refused.</summary>
    public const string PortalRevocationsTable = "PortalRevocations";

    /// <summary>Portal link redemptions per client in the current minute (partition = the portal's key digest, row = client), shared by every instance.</summary>
    public const string PortalRedemptionsTable = "PortalRedemptions";

    /// <summary>Each gateway migration import and what it did with every line of the mapping (partition = import).</summary>
    public const string PaymentMigrationsTable = "PaymentMigrations";

    /// <summary>Raw webhook payloads exactly as received, one row each (partition = source, UTC day and writing instance), group-committed.</summary>
    public const string RawPayloadsTable = "RawPayloads";

    /// <summary>How this account's tables are laid out, recorded the first time it is used (<see cref="LedgerLayoutRecord"/>).</summary>
    public const string StorageLayoutTable = "StorageLayout";

    public static IReadOnlyList<string> Tables { get; } =
        [AccountsTable, NumbersTable, AgentsTable, PlansTable, UsageTable, EventIdentitiesTable, QuarantineTable, InvoiceNumbersTable, CycleLedgerTable, CdrFilesTable, CdrFileRatingsTable, CallPartsTable, IngestCountersTable, OutboxTable, AdjustmentsTable, ReceivablesTable, TaxLedgerTable, ReconciliationsTable, ReconciliationFindingsTable, ReconciliationSeenTable, UsageBySourceTable,
         ApiKeysTable, WebhookEndpointsTable, WebhookDeliveriesTable, WebhookLogTable, PortalRevocationsTable, PortalRedemptionsTable, PaymentMigrationsTable, RawPayloadsTable,
         StorageLayoutTable];

    public static IReadOnlyList<string> Containers { get; } =
        [CdrDropsContainer, CdrWindowsContainer, RawArchiveContainer, InvoicesContainer, QuarantineContainer, TaxTablesContainer, StatementsContainer];

    public static IReadOnlyList<string> Queues { get; } = [RatingQueue, BillingEventsQueue, WebhookDeliveriesQueue];
}
