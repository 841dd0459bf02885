import { judgeSetting, reportSetting, resourcesOfType, type Setting, sameWord } from './iacSettings';
import type { Rule, RuleContext } from './rule';

/**
 * SageMaker notebook instances with direct internet access or root access, both on by default:
 * Terraform `aws_sagemaker_notebook_instance` `direct_internet_access` / `root_access`,
 * CloudFormation `AWS::SageMaker::NotebookInstance` `DirectInternetAccess` / `RootAccess`. Each
 * is its own finding.
 */

const disabled = (path: string): Setting => ({
  path,
  isSafe: (value) => sameWord(value, 'Disabled'),
  missingIsRisk: true,
  fixValue: 'Disabled',
});

const SETTINGS: Readonly<Record<string, { internet: Setting; root: Setting }>> = {
  aws_sagemaker_notebook_instance: { internet: disabled('direct_internet_access'), root: disabled('root_access') },
  awscc_sagemaker_notebook_instance: { internet: disabled('direct_internet_access'), root: disabled('root_access') },
  'aws::sagemaker::notebookinstance': {
    internet: disabled('Properties.DirectInternetAccess'),
    root: disabled('Properties.RootAccess'),
  },
};

export const aip813: Rule = {
  meta: {
    id: 'AIP813',
    name: 'sagemaker-notebook-exposed',
    title: 'SageMaker notebook instances should disable direct internet access and root access',
    explanation:
      'A SageMaker notebook instance has direct internet access and gives its users root unless told otherwise. Internet access lets code in the notebook (or a malicious package or model it loads) send data and credentials anywhere without passing your VPC controls; root lets any user change the instance, its lifecycle scripts and installed software. AWS Security Hub controls SageMaker.2 and SageMaker.3 check the same settings.',
    remediation:
      'Set `direct_internet_access = "Disabled"` and `root_access = "Disabled"` (Terraform) or `DirectInternetAccess: Disabled` and `RootAccess: Disabled` (CloudFormation), give the instance a `subnet_id` in a VPC with the endpoints and NAT it needs, and install software through lifecycle configurations.',
    owasp: ['LLM02:2025', 'LLM03:2025'],
    cwe: ['CWE-284', 'CWE-250'],
    atlas: ['AML.T0025'],
    defaultSeverity: 'warning',
    securitySeverity: 5.3,
    confidence: 'high',
    fileKinds: ['terraform', 'json', 'yaml'],
    fixable: true,
    // Unsafe: without direct access the notebook needs a VPC route out; without root, some installs fail.
    fixApplicability: 'unsafe',
    messages: {
      internet: '{setting}: {resource} reaches the internet directly, outside your VPC controls.',
      internetMissing: '{resource} does not set {property}, so it has direct internet access (the default).',
      root: '{setting}: every user of {resource} is root on the instance.',
      rootMissing: '{resource} does not set {property}, so its users get root access (the default).',
    },
    references: [
      {
        title: 'Security Hub: SageMaker.2 and SageMaker.3',
        url: 'https://docs.aws.amazon.com/securityhub/latest/userguide/sagemaker-controls.html',
      },
      {
        title: 'Checkov CKV_AWS_122 / CKV_AWS_307',
        url: 'https://docs.prismacloud.io/en/enterprise-edition/policy-reference/aws-policies/aws-general-policies/ensure-that-direct-internet-access-is-disabled-for-an-amazon-sagemaker-notebook-instance',
      },
    ],
    since: '0.1.0',
    example: {
      language: 'terraform',
      bad: 'resource "aws_sagemaker_notebook_instance" "nb" {\n  name          = "nb"\n  role_arn      = aws_iam_role.nb.arn\n  instance_type = "ml.t3.medium"\n}',
      good: 'resource "aws_sagemaker_notebook_instance" "nb" {\n  name                   = "nb"\n  role_arn               = aws_iam_role.nb.arn\n  instance_type          = "ml.t3.medium"\n  subnet_id              = aws_subnet.private.id\n  direct_internet_access = "Disabled"\n  root_access            = "Disabled"\n}',
    },
  },
  triggers: ['aws_sagemaker_notebook_instance', 'awscc_sagemaker_notebook_instance', 'AWS::SageMaker::NotebookInstance'],
  check(context: RuleContext) {
    for (const resource of resourcesOfType(context, Object.keys(SETTINGS))) {
      const settings = SETTINGS[resource.type.toLowerCase()];
      for (const [setting, messages] of [
        [settings.internet, { value: 'internet', missing: 'internetMissing' }],
        [settings.root, { value: 'root', missing: 'rootMissing' }],
      ] as const) {
        // Unsafe: the notebook loses its internet route or its users their root rights.
        const outcome = judgeSetting(context, resource, setting, 'unsafe');
        if (outcome) reportSetting(context, resource, outcome, messages, { property: setting.path.split('.').at(-1) as string });
      }
    }
  },
};
