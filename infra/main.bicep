// ServerlessBilling in one resource group: a Flex Consumption Functions app (.NET 10 isolated), one storage
// account, Service Bus for domain events, Key Vault for secrets, Application Insights, and a user-assigned
// managed identity holding only the data roles the app needs. See infra/README.md for the commands.
targetScope = 'resourceGroup'

@description('Short prefix for every resource name: lowercase letters, digits and hyphens.')
@minLength(3)
@maxLength(10)
param namePrefix string

param location string = resourceGroup().location

@description('The reseller running this deployment; tagged on every resource and printed on invoices unless brandingName is set.')
param resellerName string

@description('Tags added to every resource.')
param tags object = {}

@description('Memory per instance: 512, 2048 (the default) or 4096 MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Upper bound on instances, which also bounds the cost of a burst.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Always-ready instances for the webhooks; 0 (the default) has no idle compute charge but allows cold starts.')
@minValue(0)
param alwaysReadyHttpInstances int = 0

@description('Create the Event Grid subscription for cdr-drops. Set true on the second run, after the code is published.')
param deployEventGrid bool = false

@description('Object id of a user or group allowed to set Key Vault secrets; empty grants nobody.')
param vaultAdminPrincipalId string = ''

@description('Key Vault purge protection: recommended in production; irreversible once on.')
param enableKeyVaultPurgeProtection bool = false

@description('The base URL Twilio calls; empty uses the app\'s default host name.')
param publicBaseUrl string = ''

@description('The Telnyx account public key (Base64, not a secret); empty rejects Telnyx webhooks.')
param telnyxPublicKey string = ''

@allowed(['Hmac', 'Secret'])
param vapiMode string = 'Hmac'

@description('Authorize.Net endpoint: Sandbox or Production.')
@allowed(['Sandbox', 'Production'])
param authorizeNetEnvironment string = 'Production'

@description('The gateway new payment profiles are created at: stripe or authorizenet. Accounts keep the gateway they are on.')
@allowed(['stripe', 'authorizenet'])
param paymentsGateway string = 'stripe'

@minValue(1)
param webhookToleranceSeconds int = 300

@description('ISO 3166 region that national-format numbers in CDRs are read in (a US PBX writes 4155550100).')
param numbersDefaultRegion string = 'US'

@description('Overrides the computed de minimis USF status (47 CFR 54.708): \'true\' bills no USF recovery line, \'false\' bills it; empty lets the computation decide.')
@allowed([
  ''
  'true'
  'false'
])
param taxDeMinimis string = ''

@description('Which calculator taxes invoices: BuiltIn (the tax tables) or AvalaraCommunications (AvaTax for Communications; store its user, password and client id in Key Vault as avalara-communications-username, -password and -client-id).')
@allowed(['BuiltIn', 'AvalaraCommunications'])
param taxEngine string = 'BuiltIn'

@description('AvaTax for Communications endpoint: Sandbox or Production.')
@allowed(['Sandbox', 'Production'])
param avalaraCommunicationsEndpoint string = 'Production'

@description('NCRONTAB schedule of the daily check that closes ended periods (UTC).')
param cycleCloseSchedule string = '0 0 6 * * *'

@description('Hours after a period ends before its close starts, for late CDR dumps.')
@minValue(0)
param cycleGraceHours int = 24

@description('Blob (container/name) in the billing storage holding a PNG logo for invoices; empty for none.')
param brandingLogoBlob string = ''

param invoiceSequence string = 'invoices'
param invoiceNumberPrefix string = 'INV-'
param brandingName string = resellerName
param brandingAddress string = ''
param brandingAccentColor string = '#1F4E79'

@description('Client id of the Entra ID app registration the reseller console signs in with (App Service authentication); empty keeps the console\'s API-key sign-in.')
param consoleEntraClientId string = ''

@description('Tenant of that app registration; the deployment\'s own by default.')
param consoleEntraTenantId string = tenant().tenantId

@description('Days before a raw vendor payload moves to cool storage.')
@minValue(1)
param rawArchiveCoolAfterDays int = 30

@description('Days a deleted or overwritten blob stays recoverable.')
@minValue(1)
@maxValue(365)
param deleteRetentionDays int = 30

@minValue(30)
param logRetentionDays int = 30

@description('Where alerts are mailed (docs/observability.md says what to do for each).')
param alertEmail string

@description('Share of received events quarantined in an hour above which the quarantine alert fires, as a decimal (0.05 is 5%).')
param quarantineRateThreshold string = '0.05'

@description('Webhook deliveries in 15 minutes whose signature does not verify, above which the spike alert fires.')
param signatureFailureThreshold int = 20

@description('Average seconds from a call\'s end to its rated usage, over 15 minutes, above which the lag alert fires.')
param ratingLagSecondsThreshold int = 900

@description('Days before a tax rule runs out of rates at which the expiry alert fires.')
param taxExpiryDaysThreshold int = 14

@description('Share of charge attempts in a day declined or failed, above which the payment alert fires, as a decimal.')
param paymentFailureRateThreshold string = '0.2'

@description('Outbound webhook attempts in an hour that failed or timed out, at or above which (and above the rate below) the delivery failure alert fires.')
param webhookFailedAttemptsThreshold int = 5

@description('Share of an hour\'s outbound webhook attempts that failed or timed out, above which the delivery failure alert fires, as a decimal.')
param webhookFailureRateThreshold string = '0.2'

var allTags = union(tags, { product: 'ServerlessBilling', reseller: resellerName })
var uniqueSuffix = take(uniqueString(subscription().id, resourceGroup().id, namePrefix), 6)
var compactPrefix = toLower(replace(namePrefix, '-', ''))
var durableTaskHubName = '${compactPrefix}billing' // letters and digits only, unique per app and environment
var domainEventsTopic = 'billing-events'
var storageAccountName = '${compactPrefix}${uniqueSuffix}data'
var functionAppName = '${namePrefix}-func-${uniqueSuffix}'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: '${namePrefix}-app-identity'
  location: location
  tags: allTags
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageAccountName
    location: location
    tags: allTags
    appIdentityId: identity.id
    appPrincipalId: identity.properties.principalId
    durableTaskHubName: durableTaskHubName
    rawArchiveCoolAfterDays: rawArchiveCoolAfterDays
    deleteRetentionDays: deleteRetentionDays
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    namePrefix: namePrefix
    location: location
    tags: allTags
    appIdentityId: identity.id
    appPrincipalId: identity.properties.principalId
    retentionDays: logRetentionDays
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  params: {
    name: '${namePrefix}-kv-${uniqueSuffix}'
    location: location
    tags: allTags
    appIdentityId: identity.id
    appPrincipalId: identity.properties.principalId
    vaultAdminPrincipalId: vaultAdminPrincipalId
    enablePurgeProtection: enableKeyVaultPurgeProtection
  }
}

module serviceBus 'modules/service-bus.bicep' = {
  name: 'service-bus'
  params: {
    name: '${namePrefix}-bus-${uniqueSuffix}'
    location: location
    tags: allTags
    appIdentityId: identity.id
    appPrincipalId: identity.properties.principalId
    topicName: domainEventsTopic
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  params: {
    name: functionAppName
    location: location
    tags: allTags
    identityId: identity.id
    identityClientId: identity.properties.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultUri: keyVault.outputs.uri
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    domainEventsTopic: serviceBus.outputs.topicName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    durableTaskHubName: durableTaskHubName
    publicBaseUrl: publicBaseUrl
    telnyxPublicKey: telnyxPublicKey
    vapiMode: vapiMode
    authorizeNetEnvironment: authorizeNetEnvironment
    paymentsGateway: paymentsGateway
    webhookToleranceSeconds: webhookToleranceSeconds
    numbersDefaultRegion: numbersDefaultRegion
    taxDeMinimis: taxDeMinimis
    taxEngine: taxEngine
    avalaraCommunicationsEndpoint: avalaraCommunicationsEndpoint
    cycleCloseSchedule: cycleCloseSchedule
    cycleGraceHours: cycleGraceHours
    brandingLogoBlob: brandingLogoBlob
    invoiceSequence: invoiceSequence
    invoiceNumberPrefix: invoiceNumberPrefix
    brandingName: brandingName
    brandingAddress: brandingAddress
    brandingAccentColor: brandingAccentColor
    consoleEntraClientId: consoleEntraClientId
    consoleEntraTenantId: consoleEntraTenantId
  }
}

module eventGrid 'modules/event-grid.bicep' = if (deployEventGrid) {
  name: 'event-grid'
  params: {
    location: location
    tags: allTags
    storageAccountName: storageAccountName
    functionAppName: functionAppName
  }
  dependsOn: [storage, functionApp]
}

module observability 'modules/observability.bicep' = {
  name: 'observability'
  params: {
    namePrefix: namePrefix
    location: location
    tags: allTags
    appInsightsId: monitoring.outputs.appInsightsId
    alertEmail: alertEmail
    quarantineRateThreshold: quarantineRateThreshold
    signatureFailureThreshold: signatureFailureThreshold
    ratingLagSecondsThreshold: ratingLagSecondsThreshold
    taxExpiryDaysThreshold: taxExpiryDaysThreshold
    paymentFailureRateThreshold: paymentFailureRateThreshold
    webhookFailedAttemptsThreshold: webhookFailedAttemptsThreshold
    webhookFailureRateThreshold: webhookFailureRateThreshold
  }
}

output functionAppName string = functionApp.outputs.name
output functionAppUrl string = 'https://${functionApp.outputs.defaultHostName}'
output storageAccountName string = storage.outputs.name
output keyVaultName string = keyVault.outputs.name
output serviceBusNamespace string = serviceBus.outputs.fullyQualifiedNamespace
