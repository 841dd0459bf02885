// Azure OpenAI for the support assistant: the backend calls the `gpt-4o` and
// `text-embedding-3-large` deployments through https://contoso-support.openai.azure.com.

@description('Azure region for all resources.')
param location string = resourceGroup().location

@description('Tokens per minute, in thousands, for the chat deployment.')
param chatCapacity int = 30

resource openai 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-support'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'contoso-support'
    publicNetworkAccess: 'Enabled'
    // Keys stay enabled so the backend's AZURE_OPENAI_API_KEY keeps working.
    disableLocalAuth: false
  }

  resource chat 'deployments@2024-10-01' = {
    name: 'gpt-4o'
    sku: {
      name: 'Standard'
      capacity: chatCapacity
    }
    properties: {
      model: {
        format: 'OpenAI'
        name: 'gpt-4o'
        version: '2024-08-06'
      }
      versionUpgradeOption: 'OnceNewDefaultVersionAvailable'
    }
  }

  resource embeddings 'deployments@2024-10-01' = {
    name: 'text-embedding-3-large'
    sku: {
      name: 'Standard'
      capacity: 60
    }
    properties: {
      model: {
        format: 'OpenAI'
        name: 'text-embedding-3-large'
        version: '1'
      }
    }
    // Deployments of one account are created one at a time.
    dependsOn: [
      chat
    ]
  }
}

output endpoint string = openai.properties.endpoint
