// The Flex Consumption plan and the Functions app (.NET 10 isolated), with every app setting the code reads.
param name string
param location string
param tags object

@description('Resource id and client id of the app\'s user-assigned managed identity.')
param identityId string
param identityClientId string

param storageAccountName string
param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string
param deploymentContainerUrl string

param appInsightsConnectionString string
param keyVaultUri string
param serviceBusNamespace string
param domainEventsTopic string

@allowed([512, 2048, 4096])
param instanceMemoryMB int

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Always-ready instances for the HTTP group (webhooks); 0 scales to zero and costs nothing at idle.')
@minValue(0)
param alwaysReadyHttpInstances int

param durableTaskHubName string
param publicBaseUrl string
param telnyxPublicKey string
param vapiMode string
@allowed(['Sandbox', 'Production'])
param authorizeNetEnvironment string
@allowed(['stripe', 'authorizenet'])
param paymentsGateway string
param webhookToleranceSeconds int
param numbersDefaultRegion string
param taxDeMinimis string
@allowed(['BuiltIn', 'AvalaraCommunications'])
param taxEngine string
@allowed(['Sandbox', 'Production'])
param avalaraCommunicationsEndpoint string
param cycleCloseSchedule string
param cycleGraceHours int
param brandingLogoBlob string
param invoiceSequence string
param invoiceNumberPrefix string
param brandingName string
param brandingAddress string
param brandingAccentColor string

@description('Client id of the Entra ID app registration of the reseller console; empty for no platform sign-in.')
param consoleEntraClientId string
param consoleEntraTenantId string

// A reference without a version follows the secret's latest version (picked up within a day, or on restart).
func keyVaultReference(vaultUri string, secretName string) string =>
  '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretName}/)'

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: '${name}-plan'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true } // Linux: Flex Consumption runs on Linux only
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId // Key Vault references resolve with the user-assigned identity
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/api/health' // anonymous, status only; 503 when storage or the task hub is unreachable
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        alwaysReady: alwaysReadyHttpInstances > 0 ? [{ name: 'http', instanceCount: alwaysReadyHttpInstances }] : []
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' } // takes the place of FUNCTIONS_WORKER_RUNTIME on Flex
    }
  }
}

// A separate resource so the settings can use the app's own default host name.
resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'appsettings'
  properties: {
    // Functions host and Durable Task hub, by identity.
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    DurableTaskHubName: durableTaskHubName
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    Telemetry__AzureMonitorClientId: identityClientId
    Telemetry__MaskPhoneNumbers: 'true'
    Telemetry__OtlpEndpoint: ''
    Telemetry__Console: 'false'

    // Billing data and the blob and queue triggers, by identity.
    BillingStorage__blobServiceUri: storageBlobEndpoint
    BillingStorage__queueServiceUri: storageQueueEndpoint
    BillingStorage__tableServiceUri: storageTableEndpoint
    BillingStorage__credential: 'managedidentity'
    BillingStorage__clientId: identityClientId

    // Domain events through the outbox to Service Bus, by identity (send only).
    DomainEvents__Publisher: 'ServiceBus'
    DomainEvents__ServiceBus__fullyQualifiedNamespace: serviceBusNamespace
    DomainEvents__ServiceBus__credential: 'managedidentity'
    DomainEvents__ServiceBus__clientId: identityClientId
    DomainEvents__Topic: domainEventsTopic
    OutboxPublishSchedule: '0 */1 * * * *'
    // Webhooks out to the reseller's endpoints (docs/api.md): never to private addresses in Azure.
    WebhooksOut__AllowPrivateTargets: 'false'
    WebhooksOut__TimeoutSeconds: '15'
    WebhooksOut__DisableAfterDays: '5'
    WebhooksOut__RotationGraceHours: '24'
    WebhooksOut__SecretKey: keyVaultReference(keyVaultUri, 'webhook-secrets-key') // seals the endpoints' signing secrets at rest

    // Closing periods: a daily check after the grace window for late CDR dumps.
    CycleCloseSchedule: cycleCloseSchedule
    Cycles__GraceHours: string(cycleGraceHours)
    Cycles__MaxConcurrentStarts: '8'

    // Plausibility limits: a call outside them is held for a person instead of billed (docs/ingest-and-vendors.md).
    Plausibility__MaxCallMinutes: '240'
    Plausibility__ClockSkewMinutes: '5'
    Plausibility__BackdatingDays: '90'
    Plausibility__MaxChargePerCall: '100'
    Plausibility__SourceOverrides: ''
    // One table each for the identity claims and the usage rows: Azure's Table service serves partitions apart, so spreading them
    // over more tables (as the local host does on Azurite) buys nothing here. Fixed for a storage account once it holds data.
    Storage__LedgerTables: '1'
    // Rating: how long holder and plan lookups are kept (a write on another instance is seen within this), and the queue trigger's
    // batch and fetch threshold (they override host.json for every queue trigger; docs/performance.md).
    Rating__LookupCacheSeconds: '30'
    Rating__BatchWrites: 'true'
    Rating__GatherWrites: 'false'
    Rating__OpenPeriodMarginMinutes: '60'
    Rating__WindowsAtOnce: '1'
    AzureFunctionsJobHost__extensions__queues__BatchSize: '16'
    AzureFunctionsJobHost__extensions__queues__NewBatchThreshold: '8'
    // The task hub's partitions (1 to 16): the most instances running closes and collections at once. Fixed when the hub is
    // created: a new count needs a new DurableTaskHubName (docs/operations.md).
    AzureFunctionsJobHost__extensions__durableTask__storageProvider__PartitionCount: '4'
    // Upstream costs and reconciliation: the cost difference worth reporting, the margin fall that raises margin.drift_detected
    // (docs/upstream-costs.md).
    Reconciliation__CostTolerance: '0.0001'
    Reconciliation__DriftThresholdPoints: '5'
    Reconciliation__PageSize: '2000'
    Reconciliation__CostPlanCacheSeconds: '30'

    // The management API's bootstrap admin key (docs/api.md): the reseller sets the secret, and registers the same value as the
    // app's host key, so the function key it sends in x-functions-key is the one the app checks.
    Api__Key: keyVaultReference(keyVaultUri, 'api-bootstrap-key')

    // Webhook verification: secrets from Key Vault, the rest plain configuration.
    Twilio__AuthToken: keyVaultReference(keyVaultUri, 'twilio-auth-token')
    Twilio__PublicBaseUrl: empty(publicBaseUrl) ? 'https://${app.properties.defaultHostName}' : publicBaseUrl
    Retell__ApiKey: keyVaultReference(keyVaultUri, 'retell-api-key')
    ElevenLabs__WebhookSecret: keyVaultReference(keyVaultUri, 'elevenlabs-webhook-secret')
    Vapi__Mode: vapiMode
    Vapi__Secret: keyVaultReference(keyVaultUri, 'vapi-secret')
    Vapi__SignatureHeader: 'x-signature'
    Vapi__TimestampHeader: 'x-timestamp'
    Vapi__SecretHeader: 'X-Vapi-Secret'
    Telnyx__PublicKey: telnyxPublicKey
    UsageEvents__SigningSecret: keyVaultReference(keyVaultUri, 'events-signing-secret')
    Webhooks__ToleranceSeconds: string(webhookToleranceSeconds)
    Webhooks__MaxDeliveriesPerMessage: '100'
    Webhooks__GroupWindowMilliseconds: '10'
    Webhooks__RatingWritesWhileWaiting: '4'
    // The most raw payloads one append to the archive carries, and how long an append waits for more: deliveries share an
    // append and are answered after it (docs/performance.md).
    RawArchive__Store: 'Tables'
    RawArchive__MaxPayloadsPerGroup: '100'
    RawArchive__GroupWindowMilliseconds: '0'
    // The most lines of one account a CDR file's rating message carries: rating writes each message's rows in one transaction.
    Cdr__MessagesPerWindow: '50'
    Cdr__SaveWindows: 'true'

    // Stripe keys live in the same vault for the payment capability.
    Stripe__SecretKey: keyVaultReference(keyVaultUri, 'stripe-secret-key')
    Stripe__WebhookSecret: keyVaultReference(keyVaultUri, 'stripe-webhook-secret')
    // Authorize.Net, the second gateway: accounts name theirs; new payment profiles go to Payments__Gateway.
    AuthorizeNet__ApiLoginId: keyVaultReference(keyVaultUri, 'authorizenet-api-login-id')
    AuthorizeNet__TransactionKey: keyVaultReference(keyVaultUri, 'authorizenet-transaction-key')
    AuthorizeNet__SignatureKey: keyVaultReference(keyVaultUri, 'authorizenet-signature-key')
    AuthorizeNet__Environment: authorizeNetEnvironment
    Payments__Gateway: paymentsGateway
    // Authorize.Net sends no webhook when an eCheck settles: look its pending charges up four times a day.
    AuthorizeNetSettlementSchedule: '0 0 */6 * * *'

    Numbers__DefaultRegion: numbersDefaultRegion
    Tax__Rounding: 'PerInvoice'
    // Empty: the de minimis status is computed from the tax ledger, the projection and the year's factor (see docs/taxes.md).
    Tax__DeMinimis: taxDeMinimis
    Tax__ProjectedInterstateRevenue: ''
    Tax__DeMinimisFactor: ''
    // The reseller's default dunning policy; an account may carry its own.
    Dunning__RetryDelays: '3d,5d,7d'
    Dunning__ReminderLead: '1d'
    Dunning__OverdueAfter: '1d'
    Dunning__WriteOffAfter: '120d'
    Dunning__SuspendAfterFinalFailure: 'true'
    Dunning__ReturnedPaymentFee: '0'
    Dunning__LateFee__Basis: 'Flat'
    Dunning__LateFee__Value: ''
    Dunning__LateFee__Grace: '5d'
    Dunning__LateFee__Recurrence: 'Once'
    Dunning__LateFee__Cap: ''
    Tax__TableRefreshSeconds: '60'
    // A missing tax rate holds the close before numbering until a covering table is stored (Warn finalizes and prints the notice).
    Tax__MissingRate: 'Hold'
    Tax__FreshnessHorizonDays: '45'
    // The calculator: BuiltIn (the tax tables) or AvalaraCommunications (AvaTax for Communications REST v2, see docs/taxes.md).
    Tax__Engine: taxEngine
    // A close held because the tax service failed asks it again after this long.
    Tax__ServiceRecheckSeconds: '300'
    Tax__Avalara__Endpoint: avalaraCommunicationsEndpoint
    Tax__Avalara__Username: keyVaultReference(keyVaultUri, 'avalara-communications-username')
    Tax__Avalara__Password: keyVaultReference(keyVaultUri, 'avalara-communications-password')
    Tax__Avalara__ClientId: keyVaultReference(keyVaultUri, 'avalara-communications-client-id')
    Tax__Avalara__ClientProfileId: ''
    Tax__Avalara__TimeoutSeconds: '30'
    Tax__Avalara__Facilities: 'false'
    Tax__Avalara__Regulated: 'false'
    Tax__Avalara__CompanyIdentifier: ''
    // Empty: the AI platform fee and other non-telecom charges are not sent (untaxed, as with the built-in tables).
    Tax__Avalara__NonTelecomPair: ''
    Dunning__LateFee__Placement: 'NextInvoice'
    Invoices__Sequence: invoiceSequence
    Invoices__NumberPrefix: invoiceNumberPrefix
    Branding__Name: brandingName
    Branding__Address: brandingAddress
    Branding__AccentColor: brandingAccentColor
    Branding__LogoBase64: ''
    Branding__LogoBlob: brandingLogoBlob
    Invoicing__Seller__TaxId: ''
    Invoicing__Seller__Email: ''
    Invoicing__Seller__Phone: ''
    Invoicing__Seller__InquiriesPhone: ''
    Invoicing__Seller__Remittance: ''
    Invoicing__Seller__Country: 'US'
    Invoicing__PayLinkTemplate: ''
    Invoicing__PaperSize: ''
    Invoicing__CallDetailPageLimit: '50'
    // Signed document links: SharedKey needs an account key; the app's managed identity signs with UserDelegation.
    Documents__LinkSigning: 'UserDelegation'
    Documents__LinkLifetimeMinutes: '15'
    // Events carry absolute URLs for the document routes: the gateway's address when there is one, else the app's own.
    Documents__PublicBaseUrl: empty(publicBaseUrl) ? 'https://${app.properties.defaultHostName}' : publicBaseUrl
    // The customer portal: links and sessions signed with a key every instance shares.
    Portal__SigningKey: keyVaultReference(keyVaultUri, 'portal-signing-key')
    Portal__LinkLifetimeMinutes: '15'
    Portal__SessionLifetimeMinutes: '30'
    Portal__RedemptionsPerMinute: '10'
    // The reseller console: Entra ID sign-in through App Service authentication when an app registration is given (below).
    Console__EntraSignIn: empty(consoleEntraClientId) ? 'false' : 'true'
    Console__SessionLifetimeMinutes: '480'
    Console__MarginCacheSeconds: '60'
  }
}

// App Service authentication (Easy Auth) with Entra ID for the reseller console. Unauthenticated requests are let through: the API
// checks its own keys, webhooks their signatures, the portal its links; only the console sends people to /.auth/login/aad, and reads
// who signed in from the X-MS-CLIENT-PRINCIPAL header, which the platform strips from what callers send. The console's admin and
// reader roles are the app registration's app roles Console.Admin and Console.Reader, assigned to users in Entra ID.
resource consoleAuth 'Microsoft.Web/sites/config@2025-03-01' = if (!empty(consoleEntraClientId)) {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
      forwardProxy: { convention: 'NoProxy' }
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: consoleEntraClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${consoleEntraTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: ['api://${consoleEntraClientId}', consoleEntraClientId]
        }
      }
    }
    login: {
      tokenStore: { enabled: false }
      preserveUrlFragmentsForLogins: false
      allowedExternalRedirectUrls: []
    }
  }
}

output name string = app.name
output id string = app.id
output defaultHostName string = app.properties.defaultHostName
