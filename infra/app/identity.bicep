// The app's user-assigned managed identity: one identity for every data-plane call (storage, Service Bus,
// Application Insights) and for the Flex Consumption deployment package, so roles can be granted before the
// app exists and survive its re-creation.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
