// One storage account for the Functions host, the Durable Task hub and the billing data.
import { billingContainers, billingQueues, billingTables, cdrWindowsContainer, deploymentContainer, protectedContainers, rawArchiveContainer } from 'storage-names.bicep'

param name string
param location string
param tags object

@description('Resource id of the app\'s managed identity; names its role assignments.')
param appIdentityId string
@description('Principal id of the same identity, granted the roles.')
param appPrincipalId string

@description('The Durable Task hub name; its lease and large-message containers get the same version clean-up as other working data.')
param durableTaskHubName string

@description('Days before a raw payload in raw-archive moves to the cool tier.')
param rawArchiveCoolAfterDays int

@description('Days a deleted blob, container or overwritten version stays recoverable.')
param deleteRetentionDays int

var roles = {
  // The Functions host needs Owner (not just Contributor) on AzureWebJobsStorage for its blob leases.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

// Versions of working blobs (dropped CDR files, quarantined files, app packages, task hub blobs) are only kept
// long enough to undo a mistake; invoices and raw payloads keep theirs.
var workingContainerPrefixes = [
  for container in concat(filter(billingContainers, c => !contains(protectedContainers, c)), [
    deploymentContainer
    '${toLower(durableTaskHubName)}-leases'
    '${toLower(durableTaskHubName)}-largemessages'
    '${toLower(durableTaskHubName)}-applease'
  ]): '${container}/'
]

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // identity only: the app, the host and Durable all connect with the managed identity
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

// Soft delete and versioning are account-wide settings in Azure Storage; the lifecycle rules below keep them
// cheap for the containers that do not need them.
resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: { enabled: true, days: deleteRetentionDays }
    containerDeleteRetentionPolicy: { enabled: true, days: deleteRetentionDays }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = [
  for container in concat(billingContainers, [deploymentContainer]): {
    parent: blobService
    name: container
    properties: { publicAccess: 'None' }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = [
  for queue in flatten(map(billingQueues, q => [q, '${q}-poison'])): {
    parent: queueService
    name: queue
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-01-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' = [
  for table in billingTables: {
    parent: tableService
    name: table
  }
]

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'rawArchiveToCool'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['${rawArchiveContainer}/'] }
            actions: {
              baseBlob: { tierToCool: { daysAfterModificationGreaterThan: rawArchiveCoolAfterDays } }
            }
          }
        }
        {
          // A window's rating message lives at most 7 days in the queue (its retries included), so 30 days never removes a window
          // a message still names.
          name: 'cdrWindowsDelete'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: ['${cdrWindowsContainer}/'] }
            actions: {
              baseBlob: { delete: { daysAfterModificationGreaterThan: 30 } }
            }
          }
        }
        {
          name: 'workingBlobsDropOldVersions'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'], prefixMatch: workingContainerPrefixes }
            actions: {
              version: { delete: { daysAfterCreationGreaterThan: deleteRetentionDays } }
            }
          }
        }
      ]
    }
  }
  dependsOn: [blobService]
}

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(roles): {
    scope: account
    name: guid(account.id, appIdentityId, role.value)
    properties: {
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    }
  }
]

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer}'
