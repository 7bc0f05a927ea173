// Every role assignment of the deployment, in one place (the only file that may declare
// Microsoft.Authorization/roleAssignments; a test checks it). Data-plane roles only: nothing here can read a key,
// because no key is enabled. Names are guid(scope, principal, role), so a redeployment finds the same assignment.
// The app's principal is named by its identity's resource id, which is known before the deployment starts (its
// principal id is not), so what-if can predict these assignments. If that identity is ever deleted by hand,
// delete its orphaned assignments too, or the re-created identity's assignments collide with them.

@description('Storage account that holds the task hub, the tables and the deployment package.')
param storageAccountName string

@description('Service Bus namespace of the command queue.')
param serviceBusNamespaceName string

@description('The command queue inside that namespace.')
param serviceBusQueueName string

@description('Application Insights component the app sends telemetry to.')
param applicationInsightsName string

@description('Name of the app\'s user-assigned identity.')
param appIdentityName string

@description('Principal id of a developer (azd: the signed-in user) who gets the app\'s data roles; empty for none.')
param principalId string = ''

@description('Type of principalId.')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Principal ids of on-prem agents (managed identities or service principals) that receive commands.')
param agentPrincipalIds string[] = []

// Built-in role definitions (the ids are the same in every tenant and cloud).
var roles = {
  // Durable Functions' task hub and the host's leases need blob data ownership; also reads the deployment package.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // The task hub's control and work-item queues.
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // The task hub's history and instance tables, and BlockStore's own tables.
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // The control plane sends commands.
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  // Agents receive commands (they reply over HTTPS, so they never send).
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  // Entra ID-authenticated telemetry ingestion into Application Insights.
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

var storageRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2026-01-01' existing = {
  name: serviceBusNamespaceName

  resource commands 'queues' existing = {
    name: serviceBusQueueName
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: appIdentityName
}

// The app.

resource appStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: {
    name: guid(storage.id, appIdentity.id, role)
    scope: storage
    properties: {
      principalId: appIdentity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

resource appCommandsSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(serviceBus::commands.id, appIdentity.id, roles.serviceBusDataSender)
  scope: serviceBus::commands
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
  }
}

resource appTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, appIdentity.id, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

// Agents: receive from the command queue only.

resource agentCommandsReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for agentPrincipalId in agentPrincipalIds: {
    name: guid(serviceBus::commands.id, agentPrincipalId, roles.serviceBusDataReceiver)
    scope: serviceBus::commands
    properties: {
      principalId: agentPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
    }
  }
]

// The developer: the app's data roles, plus receiving so an agent run from a workstation can take commands.

resource developerStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in (empty(principalId) ? [] : storageRoles): {
    name: guid(storage.id, principalId, role)
    scope: storage
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

resource developerCommands 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in (empty(principalId) ? [] : [roles.serviceBusDataSender, roles.serviceBusDataReceiver]): {
    name: guid(serviceBus::commands.id, principalId, role)
    scope: serviceBus::commands
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]
