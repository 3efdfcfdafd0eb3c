// Service Bus for outbound domain events (invoice.finalized, payment.failed, ...): one topic, and an example
// subscription a reseller's own systems can read from or copy.
param name string
param location string
param tags object
@description('Resource id of the app\'s managed identity; names its role assignments.')
param appIdentityId string
@description('Principal id of the same identity, granted the roles.')
param appPrincipalId string

@description('The domain-event topic.')
param topicName string

var serviceBusDataSender = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' } // topics need Standard; Basic has queues only
  properties: {
    disableLocalAuth: true // no SAS keys: senders and receivers use Entra ID
    minimumTlsVersion: '1.2'
  }
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: topicName
  properties: {
    defaultMessageTimeToLive: 'P14D'
    requiresDuplicateDetection: true // the outbox may send an event twice; the message id is the event id
    duplicateDetectionHistoryTimeWindow: 'PT1H'
  }
}

resource exampleSubscription 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: topic
  name: 'all-events-example'
  properties: {
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
    lockDuration: 'PT1M'
  }
}

// Send only, and only to this topic.
resource appSendsEvents 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: topic
  name: guid(topic.id, appIdentityId, serviceBusDataSender)
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', serviceBusDataSender)
  }
}

output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'
output topicName string = topic.name
