// Alert rules on the metrics the app emits (names in shared/ServerlessBilling.Domain/TelemetryNames.cs), an action group that
// mails the operator, and a workbook of usage, margin, closes, collections and ingest. docs/observability.md is the runbook.
param namePrefix string
param location string
param tags object

@description('Resource id of the Application Insights component the app sends telemetry to.')
param appInsightsId string

@description('Where alerts are mailed.')
param alertEmail string

@description('Share of received events quarantined in an hour above which the quarantine alert fires (0 to 1).')
param quarantineRateThreshold string

@description('Webhook deliveries in 15 minutes whose signature does not verify, above which the spike alert fires.')
param signatureFailureThreshold int

@description('Average seconds from a call\'s end to its rated usage, over 15 minutes, above which the lag alert fires.')
param ratingLagSecondsThreshold int

@description('Days before a tax rule runs out of rates at which the expiry alert fires.')
param taxExpiryDaysThreshold int

@description('Share of charge attempts in a day that were declined or failed, above which the payment alert fires (0 to 1).')
param paymentFailureRateThreshold string

@description('Outbound webhook attempts in an hour that failed or timed out, at or above which (and above the rate) the delivery failure alert fires.')
param webhookFailedAttemptsThreshold int

@description('Share of an hour\'s outbound webhook attempts that failed or timed out, above which the delivery failure alert fires (0 to 1).')
param webhookFailureRateThreshold string

// Counters arrive in customMetrics as one row per export with the interval's sum; gauges with their last value.
var counter = 'customMetrics | extend outcome = tostring(customDimensions.outcome)'

var rules = [
  {
    name: 'poison-messages'
    severity: 1
    description: 'A rating batch failed five times and waits on rating-poison: its calls are not billed until it is replayed.'
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'customMetrics | where name == \'billing.rating.poison_depth\' | summarize depth = max(valueMax) by bin(timestamp, 5m) | where depth > 0'
  }
  {
    name: 'quarantine-rate'
    severity: 2
    description: 'More of the events received than usual were quarantined: a feed changed shape, numbers are unassigned, or a plan prices nothing.'
    frequency: 'PT15M'
    window: 'PT1H'
    query: '${counter} | where name == \'billing.ingest.events\' and outcome in (\'received\', \'quarantined\') | summarize received = sumif(valueSum, outcome == \'received\'), quarantined = sumif(valueSum, outcome == \'quarantined\') | where received > 0 and quarantined / received > ${quarantineRateThreshold}'
  }
  {
    name: 'close-failed'
    severity: 1
    description: 'A close failed: a step threw five times, so no invoice went out for the period.'
    frequency: 'PT15M'
    window: 'PT1H'
    query: '${counter} | where name == \'billing.closes\' and outcome == \'failed\' | summarize failed = sum(valueSum) | where failed > 0'
  }
  {
    name: 'close-held-a-day'
    severity: 2
    description: 'Closes have been held for missing tax rates over the last day and none completed since: store the tax table they wait for.'
    frequency: 'PT1H'
    window: 'P1D'
    query: '${counter} | where name == \'billing.closes\' and outcome in (\'held\', \'completed\') | summarize held = sumif(valueSum, outcome == \'held\'), completed = sumif(valueSum, outcome == \'completed\') | where held > 0 and completed == 0'
  }
  {
    name: 'signature-failure-spike'
    severity: 2
    description: 'Many webhook deliveries did not verify: a secret was rotated on one side only, or someone is probing the endpoints.'
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'customMetrics | where name == \'billing.webhook.signature_failures\' | summarize failures = sum(valueSum) by source = tostring(customDimensions.source) | where failures > ${signatureFailureThreshold}'
  }
  {
    name: 'rating-lag'
    severity: 2
    description: 'Calls take longer than usual from their end to their rated usage: the rating queue is backing up.'
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'customMetrics | where name == \'billing.rating.lag\' | summarize lag = sum(valueSum) / sum(valueCount) | where lag > ${ratingLagSecondsThreshold}'
  }
  {
    name: 'tax-table-expiring'
    severity: 3
    description: 'A stored tax table runs out of rates soon: closes dated after it are held until the next rates are stored.'
    frequency: 'PT1H'
    window: 'PT6H'
    query: 'customMetrics | where name == \'billing.tax.days_to_expiry\' | summarize days = min(valueMin) | where days < ${taxExpiryDaysThreshold}'
  }
  {
    name: 'webhook-endpoints-failing'
    severity: 3
    description: 'An outbound webhook endpoint has failed every delivery for the last hour, or the service disabled one after days of failures: a reseller is missing events.'
    frequency: 'PT15M'
    window: 'PT1H'
    query: 'customMetrics | where name == \'billing.webhooks_out.endpoints\' | extend state = tostring(customDimensions.state) | summarize failing = minif(valueMin, state == \'failing\'), disabled = maxif(valueMax, state == \'disabled\') | where failing > 0 or disabled > 0'
  }
  {
    name: 'webhook-delivery-failures'
    severity: 3
    description: 'Many outbound webhook attempts failed or timed out in the last hour, even if the endpoints answered again since: a reseller\'s receiver is flapping or slow.'
    frequency: 'PT15M'
    window: 'PT1H'
    query: '${counter} | where name == \'billing.webhooks_out.attempts\' | summarize attempts = sum(valueSum), failed = sumif(valueSum, outcome in (\'failed\', \'timed_out\')) | where failed >= ${webhookFailedAttemptsThreshold} and failed / attempts > ${webhookFailureRateThreshold}'
  }
  {
    name: 'payment-failure-rate'
    severity: 2
    description: 'More charge attempts than usual were declined or failed: a gateway is down or its credentials changed.'
    frequency: 'PT1H'
    window: 'P1D'
    query: '${counter} | where name == \'billing.charges\' | summarize attempts = sum(valueSum), failed = sumif(valueSum, outcome in (\'declined\', \'error\')) | where attempts > 0 and failed / attempts > ${paymentFailureRateThreshold}'
  }
]

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-billing-alerts'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'billing'
    enabled: true
    emailReceivers: [
      { name: 'operator', emailAddress: alertEmail, useCommonAlertSchema: true }
    ]
  }
}

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in rules: {
    name: '${namePrefix}-${rule.name}'
    location: location
    tags: tags
    properties: {
      displayName: '${namePrefix} ${rule.name}'
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [appInsightsId]
      evaluationFrequency: rule.frequency
      windowSize: rule.window
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
          }
        ]
      }
      autoMitigate: true
      actions: { actionGroups: [actionGroup.id] }
    }
  }
]

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, namePrefix, 'billing-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: '${namePrefix} billing operations'
    category: 'workbook'
    sourceId: appInsightsId
    serializedData: loadTextContent('billing-workbook.json')
  }
}
