// Key Vault for the webhook secrets and Stripe keys. The template creates no secret: the reseller sets each one
// (see infra/README.md) and the app reads them through Key Vault references.
param name string
param location string
param tags object
@description('Resource id of the app\'s managed identity; names its role assignments.')
param appIdentityId string
@description('Principal id of the same identity, granted the roles.')
param appPrincipalId string

@description('Optional: a user or group object id allowed to set the secrets (Key Vault Secrets Officer). Empty grants nobody.')
param vaultAdminPrincipalId string

@description('Purge protection cannot be turned off once on, and keeps a deleted vault\'s name taken for the retention period.')
param enablePurgeProtection bool

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true // access by role assignment, no access policies
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: enablePurgeProtection ? true : null // the API accepts true or absent, never false
  }
}

resource appReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, appIdentityId, keyVaultSecretsUser)
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

resource adminSetsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(vaultAdminPrincipalId)) {
  scope: vault
  name: guid(vault.id, vaultAdminPrincipalId, keyVaultSecretsOfficer)
  properties: {
    principalId: vaultAdminPrincipalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
