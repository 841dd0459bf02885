import type { IacResource } from '../inventory/iacResource';
import { judgeSetting, knownValue, reportSetting, resourcesOfType, type Setting, sameWord } from './iacSettings';
import type { Rule, RuleContext } from './rule';

/**
 * Azure Machine Learning compute that accepts local (SSH/key) authentication or is given a public
 * IP. Local auth is on by default, so leaving it out is a finding: Terraform
 * `azurerm_machine_learning_compute_cluster` / `_compute_instance` `local_auth_enabled`, ARM/Bicep
 * `Microsoft.MachineLearningServices/workspaces/computes` (`AmlCompute`, `ComputeInstance`)
 * `properties.disableLocalAuth`. A public IP is reported only when written as on
 * (`node_public_ip_enabled = true`, `enableNodePublicIp: true`): turning it off needs a virtual network.
 */

interface ComputeSettings {
  localAuth: Setting;
  publicIp: Setting;
}

const TF_COMPUTE: ComputeSettings = {
  localAuth: { path: 'local_auth_enabled', isSafe: (value) => value === false, missingIsRisk: true, fixValue: false },
  publicIp: { path: 'node_public_ip_enabled', isSafe: (value) => value === false, missingIsRisk: false, fixValue: false },
};

const SETTINGS: Readonly<Record<string, ComputeSettings>> = {
  'microsoft.machinelearningservices/workspaces/computes': {
    localAuth: { path: 'properties.disableLocalAuth', isSafe: (value) => value === true, missingIsRisk: true, fixValue: true },
    publicIp: {
      path: 'properties.properties.enableNodePublicIp',
      isSafe: (value) => value === false,
      missingIsRisk: false,
      fixValue: false,
    },
  },
  azurerm_machine_learning_compute_cluster: TF_COMPUTE,
  azurerm_machine_learning_compute_instance: TF_COMPUTE,
};

export const aip809: Rule = {
  meta: {
    id: 'AIP809',
    name: 'aml-compute-local-auth',
    title: 'Azure Machine Learning compute should disable local authentication and public IPs',
    explanation:
      'Azure Machine Learning compute clusters and instances accept local (SSH key) authentication unless it is disabled, and can be given public IP addresses. Local accounts bypass Microsoft Entra ID, role assignments and Conditional Access; a public IP puts the nodes, which hold workspace credentials and data, on the internet. Defender for Cloud recommends "Azure Machine Learning Computes should have local authentication methods disabled".',
    remediation:
      'Set `local_auth_enabled = false` and `node_public_ip_enabled = false` (Terraform) or `disableLocalAuth: true` and `properties.enableNodePublicIp: false` (ARM/Bicep), and place the compute in a virtual network of the workspace.',
    owasp: ['LLM10:2025'],
    cwe: ['CWE-287', 'CWE-284'],
    atlas: ['AML.T0040'],
    defaultSeverity: 'warning',
    securitySeverity: 5.3,
    confidence: 'high',
    fileKinds: ['terraform', 'bicep', 'json'],
    fixable: true,
    // Unsafe: SSH sessions and jobs that rely on local keys or public addresses stop working.
    fixApplicability: 'unsafe',
    messages: {
      localAuth:
        '{setting} keeps local authentication on {resource}. Defender for Cloud: "Azure Machine Learning Computes should have local authentication methods disabled".',
      localAuthMissing:
        '{resource} does not set {property}, so local authentication stays on (the default). Defender for Cloud: "Azure Machine Learning Computes should have local authentication methods disabled".',
      publicIp: '{setting} gives the nodes of {resource} public IP addresses; keep the compute in a virtual network without them.',
    },
    references: [
      {
        title: 'Azure Machine Learning: compute without public IP',
        url: 'https://learn.microsoft.com/azure/machine-learning/how-to-secure-training-vnet',
      },
      {
        title: 'Checkov CKV_AZURE_142',
        url: 'https://docs.prismacloud.io/en/enterprise-edition/policy-reference/azure-policies/azure-general-policies/ensure-that-machine-learning-compute-cluster-local-authentication-is-disabled',
      },
    ],
    since: '0.1.0',
    example: {
      language: 'terraform',
      bad: 'resource "azurerm_machine_learning_compute_cluster" "train" {\n  name     = "train"\n  vm_size  = "STANDARD_DS2_V2"\n}',
      good: 'resource "azurerm_machine_learning_compute_cluster" "train" {\n  name                   = "train"\n  vm_size                = "STANDARD_DS2_V2"\n  local_auth_enabled     = false\n  node_public_ip_enabled = false\n}',
    },
  },
  triggers: [
    'Microsoft.MachineLearningServices/workspaces',
    'microsoft.machinelearningservices/workspaces',
    'azurerm_machine_learning_compute_cluster',
    'azurerm_machine_learning_compute_instance',
  ],
  check(context: RuleContext) {
    for (const resource of resourcesOfType(context, Object.keys(SETTINGS))) {
      if (!isAmlCompute(resource)) continue;
      const settings = SETTINGS[resource.type.toLowerCase()];
      const localAuth = judgeSetting(context, resource, settings.localAuth, 'unsafe');
      const property = settings.localAuth.path.split('.').at(-1) as string;
      if (localAuth) reportSetting(context, resource, localAuth, { value: 'localAuth', missing: 'localAuthMissing' }, { property });
      const publicIp = judgeSetting(context, resource, settings.publicIp, 'unsafe');
      if (publicIp) reportSetting(context, resource, publicIp, { value: 'publicIp', missing: 'publicIp' }, {});
    }
  },
};

/** ARM/Bicep computes also attach Databricks, AKS or VMs: only AML clusters and instances have these settings. */
function isAmlCompute(resource: IacResource): boolean {
  if (resource.format === 'terraform') return true;
  const type = knownValue(resource, 'properties.computeType');
  return sameWord(type, 'AmlCompute') || sameWord(type, 'ComputeInstance');
}
