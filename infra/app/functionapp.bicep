// The control plane in Azure: BlockStore.Functions on Flex Consumption (Linux, .NET 10 isolated worker).
// Every connection is identity-based through the user-assigned identity: no key or connection secret appears in
// any setting. The Cinder version document lives at `/`, so the host's home page is turned off
// (src/BlockStore.Functions/HOSTING.md, "The site root").

@description('Name of the function app (also the host name prefix).')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region.')
param location string

@description('Tags for the plan and the app; the app adds the azd service tag.')
param tags object = {}

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity (what DefaultAzureCredential and the Functions host are told to use).')
param identityClientId string

@description('Name of the storage account for AzureWebJobsStorage and BlockStore\'s tables.')
param storageAccountName string

@description('URL of the blob container that holds the deployment package.')
param deploymentContainerUrl string

@description('Fully qualified Service Bus namespace (<name>.servicebus.windows.net).')
param serviceBusFullyQualifiedNamespace string

@description('Queue that carries agent commands.')
param serviceBusQueueName string

@description('Application Insights connection string (not a secret: ingestion requires Entra ID).')
param applicationInsightsConnectionString string

@description('Upper bound of Flex Consumption instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // Flex Consumption sets FUNCTIONS_WORKER_RUNTIME and the host version from functionAppConfig and rejects them
  // as settings. This resource replaces the whole settings list on every deployment.
  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      // Host storage (Durable Functions task hub, leases): identity-based, all three services from the account name.
      AzureWebJobsStorage__accountName: storageAccountName
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      // Required: the Cinder version document is served at `/` (HOSTING.md, "The site root").
      AzureWebJobsDisableHomepage: 'true'
      // The Service Bus connection in the Functions convention (identity-based).
      ServiceBusConnection__fullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
      ServiceBusConnection__credential: 'managedidentity'
      ServiceBusConnection__clientId: identityClientId
      // Telemetry: the connection string only locates the component; Authorization=AAD makes ingestion use the identity.
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      // DefaultAzureCredential in the app's own SDK clients picks the user-assigned identity from this.
      AZURE_CLIENT_ID: identityClientId
      // ControlPlaneOptions (section BlockStore): keyless storage and the Service Bus command queue.
      BlockStore__StorageAccountName: storageAccountName
      BlockStore__ManagedIdentityClientId: identityClientId
      BlockStore__ServiceBusNamespace: serviceBusFullyQualifiedNamespace
      BlockStore__ServiceBusQueueName: serviceBusQueueName
      // Commands go over the Service Bus queue (sessions per backend host); API callers need an API token.
      BlockStore__CommandTransport: 'ServiceBus'
      BlockStore__Auth__Mode: 'token'
    }
  }

  // Deployment goes through Entra ID (azd, OneDeploy); basic-auth publishing credentials stay off.
  resource ftpCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

output id string = app.id
output name string = app.name
output defaultHostName string = app.properties.defaultHostName
output url string = 'https://${app.properties.defaultHostName}'
