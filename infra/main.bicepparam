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
param deployEventGrid = false
param brandingAddress = '1 Example Street, Springfield'
param invoiceNumberPrefix = 'INV-'
