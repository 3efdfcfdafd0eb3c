// Every container, queue and table the code uses, spelled as in
// shared/ServerlessBilling.Adapters/Storage/StorageNames.cs (a test compares the two lists).

@export()
@description('Blob containers for billing data.')
var billingContainers = [
  'cdr-drops'
  'cdr-windows'
  'raw-archive'
  'invoices'
  'quarantine'
  'tax-tables'
  'statements'
]

@export()
@description('Containers whose blobs must never be lost: finalized invoices and raw vendor payloads.')
var protectedContainers = [
  'raw-archive'
  'invoices'
]

@export()
@description('Storage queues; the queue trigger moves a message to <queue>-poison after its last attempt.')
var billingQueues = [
  'rating'
  'billing-events'
  'webhook-deliveries'
]

@export()
@description('Tables for billing data.')
var billingTables = [
  'Accounts'
  'Numbers'
  'Agents'
  'Plans'
  'Usage'
  'EventIdentities'
  'Quarantine'
  'InvoiceNumbers'
  'CycleLedger'
  'CdrFiles'
  'CdrFileRatings'
  'CallParts'
  'IngestCounters'
  'Outbox'
  'Adjustments'
  'Receivables'
  'TaxLedger'
  'Reconciliations'
  'ReconciliationFindings'
  'ReconciliationSeen'
  'UsageBySource'
  'ApiKeys'
  'WebhookEndpoints'
  'WebhookDeliveries'
  'WebhookLog'
  'PortalRevocations'
  'PortalRedemptions'
  'PaymentMigrations'
  'RawPayloads'
  'StorageLayout'
]

@export()
@description('The container the CDR blob trigger watches through Event Grid.')
var cdrDropsContainer = 'cdr-drops'

@export()
@description('The container of CDR read windows that rating messages name; its blobs are deleted once no message can name them.')
var cdrWindowsContainer = 'cdr-windows'

@export()
@description('The container of raw vendor payloads that moves to cool storage as it ages.')
var rawArchiveContainer = 'raw-archive'

@export()
@description('The container Flex Consumption deploys the app package from.')
var deploymentContainer = 'app-package'
