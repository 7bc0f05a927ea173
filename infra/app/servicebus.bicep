// The command transport in Azure: one session-enabled queue that the control plane sends driver commands to and
// the on-prem agents receive from. A session per backend host keeps one agent owning a backend's commands, in
// order; MessageId = command id, so duplicate detection drops a re-sent command (see DESIGN.md, agent protocol).

@description('Name of the Service Bus namespace.')
param name string

@description('Azure region.')
param location string

@description('Tags for the namespace.')
param tags object = {}

@description('Name of the queue that carries agent commands.')
param queueName string

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
  name: name
  location: location
  tags: tags
  // Sessions and duplicate detection need Standard or higher.
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }

  resource commands 'queues' = {
    name: queueName
    properties: {
      requiresSession: true
      requiresDuplicateDetection: true
      duplicateDetectionHistoryTimeWindow: 'PT10M'
      deadLetteringOnMessageExpiration: true
      maxDeliveryCount: 10
      lockDuration: 'PT1M'
    }
  }
}

output id string = namespace.id
output name string = namespace.name
// serviceBusEndpoint is https://<name>.servicebus.<suffix>:443/; clients want the bare host name.
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]
output queueName string = namespace::commands.name
