import * as assert from 'node:assert/strict';
import type { AiBom } from '../../../server/src/engine/inventory/types';
import { scanModelBytes } from '../../../server/src/engine/modelScan/scan';
import { isModelFilePath } from '../../../server/src/engine/workspace/discover';
import { inventoryOf } from './helpers';

/** A shell or Dockerfile variable reference (`${NAME}`) written into the sources below. */
const shellVar = (name: string) => `\${${name}}`;

/** `kind name (provider) path:line` of every model and service, for compact comparisons. */
function entries(bom: AiBom): string[] {
  return bom.components
    .filter((component) => component.kind === 'model' || component.kind === 'service' || component.kind === 'dataset')
    .map(
      (component) =>
        `${component.kind} ${component.name}${component.provider ? ` (${component.provider})` : ''} ${component.occurrences
          .map((occurrence) => `${occurrence.path}:${occurrence.line}`)
          .join(',')}`,
    )
    .sort();
}

function refs(bom: AiBom): string[] {
  return bom.components.filter((component) => component.kind !== 'sdk').map((component) => component.ref);
}

/** A Kubernetes Deployment of one container. */
function deployment(container: string[]): string {
  return ['apiVersion: apps/v1', 'kind: Deployment', 'spec:', '  template:', '    spec:', '      containers:', ...container].join('\n');
}

describe('inventory: self-hosted serving runtimes on Kubernetes and in Dockerfiles', () => {
  it('resolves `$(MODEL_ID)` in a container’s args from its env, and reads TGI builds and JetStream servers', async () => {
    const bom = await inventoryOf({
      'tgi.yaml': deployment([
        '      - name: inference-server',
        '        image: us-docker.pkg.dev/deeplearning-platform-release/gcr.io/huggingface-text-generation-inference-cu124.2-3.ubuntu2204.py311',
        '        args:',
        '        - --model-id=$(MODEL_ID)',
        '        env:',
        '        - name: MODEL_ID',
        '          value: google/codegemma-1.1-2b',
      ]),
      'tgi-tpu.yaml': deployment([
        '      - name: tgi-tpu',
        '        image: REGION-docker.pkg.dev/PROJECT/optimum-tpu/tgi-tpu:latest',
        '        args:',
        '        - --model-id=meta-llama/Meta-Llama-3-8B',
      ]),
      'jetstream.yaml': deployment([
        '      - name: jetstream-pytorch-server',
        '        image: us-docker.pkg.dev/cloud-tpu-images/inference/jetstream-pytorch-server:v0.2.4',
        '        args:',
        '        - --model_id=meta-llama/Meta-Llama-3-8B',
        '      - name: jax-tpu',
        '        image: us-docker.pkg.dev/cloud-tpu-images/inference/jetstream-pathways:v0.2.0',
        '        args:',
        '        - MaxText/configs/base.yml',
        '        - model_name=llama2-70b',
        '        - load_parameters_path=CHECKPOINT_PATH',
      ]),
      'job.yaml': deployment([
        '      - name: inference-checkpoint',
        '        image: us-docker.pkg.dev/cloud-tpu-images/inference/inference-checkpoint:v0.2.3',
        '        args:',
        '        - -s=jetstream-pytorch',
        '        - -m=google/gemma-7b-it-pytorch',
      ]),
    });
    assert.deepEqual(entries(bom), [
      'model google/codegemma-1.1-2b (huggingface) tgi.yaml:10',
      'model google/gemma-7b-it-pytorch (huggingface) job.yaml:11',
      'model llama2-70b jetstream.yaml:15',
      'model meta-llama/Meta-Llama-3-8B (huggingface) jetstream.yaml:10,tgi-tpu.yaml:10',
      'service JetStream (self-hosted) (jetstream) jetstream.yaml:8,jetstream.yaml:10,jetstream.yaml:12,jetstream.yaml:14,job.yaml:10',
      'service Text Generation Inference (self-hosted) (huggingface) tgi-tpu.yaml:8,tgi-tpu.yaml:10,tgi.yaml:8,tgi.yaml:10',
    ]);
  });

  it('lists Triton, TF Serving, TorchServe and Saxml by their images and commands', async () => {
    const bom = await inventoryOf({
      'triton.yaml': deployment([
        '      - name: triton',
        '        image: nvcr.io/nvidia/tritonserver:22.01-py3',
        '        command: [ "tritonserver", "--model-repository=/data/models" ]',
        '      - name: trtllm',
        '        image: us-docker.pkg.dev/google-samples/containers/gke/tritonserver:2.42.0',
      ]),
      'tfserve.yaml': deployment(['      - name: tfserve', '        image: tensorflow/serving:2.13.1-gpu']),
      'sax.yaml': deployment([
        '      - name: sax-admin-server',
        '        image: us-docker.pkg.dev/cloud-tpu-images/inference/sax-admin-server:v1.2.0',
      ]),
      Dockerfile: [
        'ARG BASE_IMAGE=pytorch/torchserve:0.12.0-cpu',
        `FROM ${shellVar('BASE_IMAGE')}`,
        'CMD ["torchserve", "--start", "--model-store", "model-store"]',
      ].join('\n'),
    });
    assert.deepEqual(
      refs(bom).sort(),
      ['service:saxml', 'service:tensorflow-serving', 'service:torchserve', 'service:triton'],
      entries(bom).join('\n'),
    );
  });

  it('reads the Hub LoRA adapters of the vLLM adapter syncer’s ConfigMap', async () => {
    const bom = await inventoryOf({
      'vllm.yaml': [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: vllm-llama3-8b-adapters',
        'data:',
        '  configmap.yaml: |',
        '    vLLMLoRAConfig:',
        '      name: vllm-llama3.1-8b-instruct',
        '      defaultBaseModel: meta-llama/Llama-3.1-8B-Instruct',
        '      ensureExist:',
        '        models:',
        '        - id: food-review',
        '          source: Kawon/llama3.1-food-finetune_v14_r8',
        '        - id: local',
        '          source: /adapters/local-lora',
        '        - id: placeholder',
        '          source: <your-org>/<adapter>',
      ].join('\n'),
      'other.yaml': 'spec:\n  source: org/not-an-adapter\n',
    });
    assert.deepEqual(entries(bom), [
      'model Kawon/llama3.1-food-finetune_v14_r8 (huggingface) vllm.yaml:13',
      'model meta-llama/Llama-3.1-8B-Instruct (huggingface) vllm.yaml:9',
    ]);
  });

  it('names no model for unknown references, placeholders, local folders or images that serve nothing', async () => {
    const bom = await inventoryOf({
      'serve.yaml': deployment([
        '      - name: server',
        '        image: ghcr.io/huggingface/text-generation-inference:2.4.0',
        '        args:',
        '        - --model-id=$(MODEL_ID)',
        '        env:',
        '        - name: OTHER',
        '          value: org/other',
        '      - name: local',
        '        image: ghcr.io/huggingface/text-generation-inference:2.4.0',
        '        args: ["--model-id=$(MODEL)"]',
        '        env:',
        '        - name: MODEL',
        '          value: /data/models/llama',
        '      - name: jetstream',
        '        image: natsio/jetstream-controller:0.1',
        '      - name: serving',
        '        image: myorg/serving:1.0',
        '      - name: sax',
        '        image: sax-parser:1.0',
      ]),
    });
    assert.deepEqual(refs(bom), ['service:text-generation-inference'], entries(bom).join('\n'));
  });

  it('reads Hub repositories a build step clones, through ARG and ENV values', async () => {
    const bom = await inventoryOf({
      Dockerfile: [
        'FROM alpine/git',
        'ARG MODEL_NAME=t5-small',
        `ARG MODEL_REPO=https://huggingface.co/${shellVar('MODEL_NAME')}`,
        `RUN git clone "${shellVar('MODEL_REPO')}" /model`,
        'RUN git clone --depth 1 https://huggingface.co/datasets/openai/gsm8k /data',
      ].join('\n'),
      'fetch.sh': [
        'git clone https://huggingface.co/BAAI/bge-small-en-v1.5.git',
        'git clone https://huggingface.co/spaces/org/demo-app',
        'git clone https://huggingface.co/my-private-model',
        'git clone https://github.com/huggingface/transformers',
        'git clone https://huggingface.co/$REPO',
      ].join('\n'),
    });
    assert.deepEqual(entries(bom), [
      'dataset openai/gsm8k (huggingface) Dockerfile:5',
      'model BAAI/bge-small-en-v1.5 (huggingface) fetch.sh:1',
      'model t5-small (huggingface) Dockerfile:4',
    ]);
  });
});

describe('inventory: Kaggle Models handles', () => {
  it('reads handles in jobs, kagglehub calls and Keras presets, with the Kaggle service', async () => {
    const bom = await inventoryOf({
      'job.yaml': [
        'data:',
        '  fetch_model.sh: |-',
        `    kaggle models instances versions download ${shellVar('MODEL_PATH')} --untar -p /data`,
        '---',
        'spec:',
        '  containers:',
        '  - env:',
        '    - name: MODEL_PATH',
        '      value: "google/gemma/pax/2b-it/2"',
      ].join('\n'),
      'load.py': [
        'import kagglehub',
        'path = kagglehub.model_download("google/gemma/transformers/2b-it")',
        'preset = "kaggle://keras/gemma/keras/gemma_2b_en/2"',
        'config = "data/models/pytorch/model.json"',
      ].join('\n'),
      'other.py': 'PATH = "google/gemma/pax/2b-it/2"  # no Kaggle here\n',
    });
    assert.deepEqual(entries(bom), [
      'model google/gemma/pax/2b-it/2 (kaggle) job.yaml:9',
      'model google/gemma/transformers/2b-it (kaggle) load.py:2',
      'model keras/gemma/keras/gemma_2b_en/2 (kaggle) load.py:3',
      'service Kaggle (models and datasets) (kaggle) job.yaml:9,load.py:2,load.py:3',
    ]);
  });
});

describe('inventory: SageMaker and AWS AI services', () => {
  it('reads the Hub ids and JumpStart models of the CDK generative-AI constructs', async () => {
    const bom = await inventoryOf({
      'lib/models.ts': [
        'import { HuggingFaceSageMakerEndpoint, JumpStartSageMakerEndpoint, JumpStartModel } from "@cdklabs/generative-ai-cdk-constructs";',
        'const FALCON_MODEL_ID = "amazon/FalconLite";',
        'new HuggingFaceSageMakerEndpoint(this, "FalconLite", { modelId: FALCON_MODEL_ID, instanceType: "ml.g5.12xlarge" });',
        'new JumpStartSageMakerEndpoint(this, "Llama", { model: JumpStartModel.META_TEXTGENERATION_LLAMA_2_13B_F_2_0_2 });',
      ].join('\n'),
    });
    assert.deepEqual(entries(bom), [
      'model amazon/FalconLite (huggingface) lib/models.ts:2,lib/models.ts:3',
      'model meta-textgeneration-llama-2-13b-f (aws) lib/models.ts:4',
      'service Amazon SageMaker (aws) lib/models.ts:3,lib/models.ts:4,lib/models.ts:4',
    ]);
  });

  it('tells AWS AI services apart by the boto3 client’s service name', async () => {
    const bom = await inventoryOf({
      'clients.py': [
        'import boto3',
        'runtime = boto3.client("bedrock-runtime")',
        'agents = boto3.client("bedrock-agent-runtime")',
        'agentcore = boto3.client(service_name="bedrock-agentcore")',
        'sm = boto3.client("sagemaker-runtime")',
        'kendra = boto3.client("kendra")',
        // An OpenSearch Serverless client alone may serve search or logs: a vector collection says AI (`VECTORSEARCH`).
        'aoss = boto3.client("opensearchserverless")',
        'comprehend = boto3.client("comprehend")',
        's3 = boto3.client("s3")',
      ].join('\n'),
      'agent.py': 'from bedrock_agentcore.runtime import BedrockAgentCoreApp\napp = BedrockAgentCoreApp()\n',
      'kb.ts': [
        'import { BedrockAgentRuntimeClient, RetrieveCommand } from "@aws-sdk/client-bedrock-agent-runtime";',
        'const client = new BedrockAgentRuntimeClient({ region: "us-east-1" });',
        'const out = await client.send(new RetrieveCommand({ knowledgeBaseId: id, retrievalQuery: { text } }));',
      ].join('\n'),
    });
    assert.deepEqual(
      refs(bom).sort(),
      [
        'service:aws-bedrock',
        'service:aws-bedrock-agentcore',
        'service:aws-bedrock-agents',
        'service:aws-bedrock-knowledge-bases',
        'service:aws-comprehend',
        'service:aws-kendra',
        'service:aws-sagemaker',
      ],
      entries(bom).join('\n'),
    );
  });
});

describe('inventory: AWS AI services a CDK app provisions', () => {
  it('reads Kendra, OpenSearch Serverless vector collections, SageMaker and Bedrock constructs by their module', async () => {
    const bom = await inventoryOf({
      'lib/rag.ts': [
        'import * as kendra from "aws-cdk-lib/aws-kendra";',
        'import * as oss from "aws-cdk-lib/aws-opensearchserverless";',
        'import { CfnEndpoint } from "aws-cdk-lib/aws-sagemaker";',
        'const index = new kendra.CfnIndex(this, "Index", { edition: "DEVELOPER_EDITION" });',
        'const collection = new oss.CfnCollection(this, "Vectors", { name: "rag", type: "VECTORSEARCH" });',
        'new CfnEndpoint(this, "Endpoint", { endpointConfigName: config.attrEndpointConfigName });',
      ].join('\n'),
      'stack.py': ['from aws_cdk import Stack, aws_bedrock as bedrock', 'kb = bedrock.CfnKnowledgeBase(self, "KB", name="docs")'].join(
        '\n',
      ),
    });
    assert.deepEqual(entries(bom), [
      'service Amazon Bedrock Knowledge Bases (aws-bedrock) stack.py:2',
      'service Amazon Kendra (aws) lib/rag.ts:4',
      'service Amazon OpenSearch Serverless (vector store) (aws) lib/rag.ts:5',
      'service Amazon SageMaker (aws) lib/rag.ts:6',
    ]);
  });

  it('names no service for other modules’ constructs or search collections', async () => {
    const bom = await inventoryOf({
      'lib/search.ts': [
        'import * as oss from "aws-cdk-lib/aws-opensearchserverless";',
        'import * as glue from "aws-cdk-lib/aws-glue";',
        'new oss.CfnCollection(this, "Logs", { name: "logs", type: "TIMESERIES" });',
        'new glue.CfnIndex(this, "Index", {});',
        'new kendra.CfnIndex(this, "NotImported", {});',
      ].join('\n'),
    });
    assert.deepEqual(entries(bom), []);
  });
});

describe('inventory: Triton model repositories', () => {
  it('lists the models of `config.pbtxt` files whose platform loads weights, not Python or ensemble steps', async () => {
    const bom = await inventoryOf({
      'models/mnist/config.pbtxt': 'name: "mnist"\nplatform: "tensorflow_savedmodel"\nmax_batch_size: 8\n',
      'models/preprocessing/config.pbtxt': 'name: "preprocessing"\nbackend: "python"\n',
      'models/ensemble/config.pbtxt': 'name: "ensemble"\nplatform: "ensemble"\n',
      'models/notes/other.pbtxt': 'name: "other"\nplatform: "onnxruntime_onnx"\n',
    });
    assert.deepEqual(entries(bom), [
      'model mnist models/mnist/config.pbtxt:1',
      'service NVIDIA Triton Inference Server (self-hosted) (triton) models/mnist/config.pbtxt:1',
    ]);
  });
});

describe('model files: TensorFlow SavedModels', () => {
  it('lists a SavedModel’s graph and weight shards by name, not every protocol buffer', () => {
    assert.ok(isModelFilePath('serving/mnist/1/saved_model.pb'));
    assert.ok(isModelFilePath('serving/mnist/1/variables/variables.data-00000-of-00001'));
    assert.ok(!isModelFilePath('proto/descriptor.pb'));
    assert.ok(!isModelFilePath('serving/mnist/1/variables/variables.index'));
    assert.ok(!isModelFilePath('data/variables.data-00000-of-00001'));
  });

  it('names the SavedModel formats, whose graph opens like an ONNX model', () => {
    const graph = Uint8Array.from([0x08, 0x01, 0x12, 0x04, 0x0a, 0x02, 0x08, 0x01]);
    assert.equal(scanModelBytes(graph, '.pb').format, 'tensorflow-savedmodel');
    assert.equal(scanModelBytes(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), '.data-00000-of-00001').format, 'tensorflow-variables');
    assert.equal(scanModelBytes(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), '.bin').format, 'unknown');
  });
});
