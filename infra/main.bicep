// BlockStore's Azure side (azd layout): one resource group with the Functions app on Flex Consumption, its
// storage account, the Service Bus command queue, monitoring and the app's identity. Keyless throughout: shared
// keys and local auth are off, every caller authenticates with Entra ID and holds a role granted in app/rbac.bicep.
targetScope = 'subscription'

@description('Name of the azd environment; prefixes the resource group and seeds every resource name.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region of every resource (must offer Flex Consumption).')
@minLength(1)
param location string

@description('Principal id of the deploying user (azd sets it); gets the app\'s data roles. Empty for none.')
param principalId string = ''

@description('Type of principalId: User when a person runs azd, ServicePrincipal in a pipeline.')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Principal ids of on-prem agents\' identities; each gets Azure Service Bus Data Receiver on the command queue.')
param agentPrincipalIds string[] = []

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var commandQueueName = 'agent-commands'
var deploymentContainerName = 'app-package'
// Names are computed here, not read from module outputs, so the role assignments' names and scopes are known
// before the deployment starts and what-if can predict them.
var identityName = 'id-api-${resourceToken}'
var storageAccountName = 'st${resourceToken}'
var serviceBusNamespaceName = 'sb-${resourceToken}'
var applicationInsightsName = 'appi-${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module serviceBus 'app/servicebus.bicep' = {
  name: 'servicebus'
  scope: rg
  params: {
    name: serviceBusNamespaceName
    location: location
    tags: tags
    queueName: commandQueueName
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storageAccountName
    serviceBusNamespaceName: serviceBusNamespaceName
    serviceBusQueueName: commandQueueName
    applicationInsightsName: applicationInsightsName
    appIdentityName: identityName
    principalId: principalId
    principalType: principalType
    agentPrincipalIds: agentPrincipalIds
  }
  dependsOn: [
    identity
    storage
    serviceBus
    monitoring
  ]
}

module api 'app/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    name: 'func-api-${resourceToken}'
    planName: 'plan-api-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    serviceBusQueueName: serviceBus.outputs.queueName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
  }
  // The app's first start already needs its roles (host storage, deployment package, telemetry).
  dependsOn: [
    rbac
  ]
}

// azd writes these into the environment (.azure/<env>/.env); an agent's settings come from them (infra/README.md).
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output BLOCKSTORE_API_URL string = api.outputs.url
output AZURE_CLIENT_ID string = identity.outputs.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output SERVICE_BUS_NAMESPACE string = serviceBus.outputs.name
output SERVICE_BUS_FULLY_QUALIFIED_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output SERVICE_BUS_QUEUE_NAME string = serviceBus.outputs.queueName
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
