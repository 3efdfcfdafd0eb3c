// Sample parameters: copy, change the names, deploy. No secret belongs here: secrets go into Key Vault
// (see infra/README.md), and the app reads them through Key Vault references.
using 'main.bicep'

param namePrefix = 'acmebill'
param resellerName = 'Acme Voice Ltd'
param tags = {
  environment: 'production'
  costCenter: 'billing'
}
param instanceMemoryMB = 2048
param maximumInstanceCount = 100
param alwaysReadyHttpInstances = 0
param brandingAddress = '1 Example Street, Springfield'
param invoiceNumberPrefix = 'INV-'
param alertEmail = 'billing-ops@example.com'

// Set by the deploy commands in infra/README.md: the Event Grid step runs after the code is published, and
// the signed-in user may be granted the right to set the Key Vault secrets.
param deployEventGrid = bool(readEnvironmentVariable('DEPLOY_EVENT_GRID', 'false'))
param vaultAdminPrincipalId = readEnvironmentVariable('VAULT_ADMIN_OBJECT_ID', '')
