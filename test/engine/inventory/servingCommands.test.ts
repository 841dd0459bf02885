import * as assert from 'node:assert/strict';
import type { AiBom } from '../../../server/src/engine/inventory/types';
import { find, inventoryOf, propertyValues } from './helpers';

/** `kind name (provider) path:line` of every model and service, for compact comparisons. */
function entries(bom: AiBom): string[] {
  return bom.components
    .filter((component) => component.kind === 'model' || component.kind === 'service')
    .map(
      (component) =>
        `${component.kind} ${component.name}${component.provider ? ` (${component.provider})` : ''} ${component.occurrences
          .map((occurrence) => `${occurrence.path}:${occurrence.line}`)
          .join(',')}`,
    );
}

describe('inventory: model-serving command lines', () => {
  it('reads vLLM, TGI, SGLang, LMDeploy and MLX servers in scripts, with the model each serves', async () => {
    const bom = await inventoryOf({
      'scripts/serve.sh': [
        '#!/usr/bin/env bash',
        'set -euo pipefail',
        'vllm serve Qwen/Qwen2.5-7B-Instruct --port 8000 --max-model-len 8192 &',
        'python -m vllm.entrypoints.openai.api_server \\',
        '  --model meta-llama/Llama-3.1-8B-Instruct --tensor-parallel-size 2',
        'uv run python -m sglang.launch_server --model-path deepseek-ai/DeepSeek-R1-Distill-Qwen-7B --port 30000',
        'lmdeploy serve api_server internlm/internlm2_5-7b-chat --server-port 23333',
        'mlx_lm.server --model mlx-community/Mistral-7B-Instruct-v0.3-4bit',
        'text-generation-launcher --model-id bigscience/bloom-560m --num-shard 1',
      ].join('\n'),
    });
    assert.deepEqual(entries(bom).sort(), [
      'model Qwen/Qwen2.5-7B-Instruct (huggingface) scripts/serve.sh:3',
      'model bigscience/bloom-560m (huggingface) scripts/serve.sh:9',
      'model deepseek-ai/DeepSeek-R1-Distill-Qwen-7B (huggingface) scripts/serve.sh:6',
      'model internlm/internlm2_5-7b-chat (huggingface) scripts/serve.sh:7',
      'model meta-llama/Llama-3.1-8B-Instruct (huggingface) scripts/serve.sh:5',
      'model mlx-community/Mistral-7B-Instruct-v0.3-4bit (huggingface) scripts/serve.sh:8',
      'service LMDeploy server (self-hosted) (lmdeploy) scripts/serve.sh:7',
      'service MLX LM server (self-hosted) (mlx) scripts/serve.sh:8',
      'service SGLang server (self-hosted) (sglang) scripts/serve.sh:6',
      'service Text Generation Inference (self-hosted) (huggingface) scripts/serve.sh:9',
      'service vLLM server (local) (vllm) scripts/serve.sh:3,scripts/serve.sh:4',
    ]);
    const vllm = find(bom, 'service', 'vLLM server (local)');
    assert.ok(vllm.dependsOn.includes('model:huggingface/Qwen/Qwen2.5-7B-Instruct'));
    const model = find(bom, 'model', 'Qwen/Qwen2.5-7B-Instruct');
    assert.equal(model.occurrences[0].symbol, 'vllm serve');
    assert.deepEqual(propertyValues(model, 'model:served-by'), ['vllm']);
  });

  it('reads compose commands and Kubernetes args given to a serving image, and Dockerfile CMDs', async () => {
    const bom = await inventoryOf({
      'docker-compose.yml': [
        'services:',
        '  tgi:',
        '    image: ghcr.io/huggingface/text-generation-inference:2.4.0',
        '    command: --model-id HuggingFaceH4/zephyr-7b-beta --max-input-length 4096',
        '  vllm:',
        '    image: vllm/vllm-openai:v0.6.3',
        '    command: ["--model", "mistralai/Mistral-7B-Instruct-v0.3", "--served-model-name", "mistral"]',
        '  ollama:',
        '    image: ollama/ollama:latest',
        '    entrypoint: ["/bin/sh", "-c", "ollama serve & sleep 5 && ollama pull llama3.1:8b && wait"]',
      ].join('\n'),
      'k8s/deployment.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: server',
        '          image: lmsysorg/sglang:latest',
        '          command: ["python3", "-m", "sglang.launch_server"]',
        '          args:',
        '            - --model-path',
        '            - Qwen/Qwen2.5-0.5B-Instruct',
      ].join('\n'),
      Dockerfile: [
        'FROM ghcr.io/ggml-org/llama.cpp:server',
        'COPY models/tiny.gguf /models/tiny.gguf',
        'CMD ["llama-server", "-m", "/models/tiny.gguf", "--host", "0.0.0.0"]',
      ].join('\n'),
      'scripts/pull.sh': 'ollama pull nomic-embed-text\nollama run hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M\n',
    });
    const names = entries(bom);
    for (const expected of [
      'model HuggingFaceH4/zephyr-7b-beta (huggingface) docker-compose.yml:4',
      'model mistralai/Mistral-7B-Instruct-v0.3 (huggingface) docker-compose.yml:7',
      'model llama3.1:8b (ollama) docker-compose.yml:10',
      'model Qwen/Qwen2.5-0.5B-Instruct (huggingface) k8s/deployment.yaml:12',
      'model tiny.gguf Dockerfile:3',
      'model nomic-embed-text (ollama) scripts/pull.sh:1',
      'model bartowski/Llama-3.2-1B-Instruct-GGUF (huggingface) scripts/pull.sh:2',
    ]) {
      assert.ok(names.includes(expected), `${expected} in\n${names.join('\n')}`);
    }
    assert.ok(names.some((entry) => entry.startsWith('service llama.cpp server (self-hosted) (llamacpp) Dockerfile:1')));
  });

  it('follows the literal variables a script passes (`model=…; --model-id $model`) and `docker exec`', async () => {
    const bom = await inventoryOf({
      'serve_tgi.sh': [
        'model=HuggingFaceH4/zephyr-7b-beta',
        'volume=$PWD/data',
        'docker run --gpus all --shm-size 1g -p 8080:80 -v $volume:/data \\',
        '  ghcr.io/huggingface/text-generation-inference:2.0.4 --model-id $model --num-shard 1',
      ].join('\n'),
      'scripts/vllm.sh': [
        `MODEL=${'$'}{MODEL:-Qwen/Qwen2.5-1.5B-Instruct}`,
        `vllm serve "${'$'}{MODEL}" --port 8000`,
        'OTHER=a/b',
        'OTHER=c/d',
        'vllm serve $OTHER',
      ].join('\n'),
      'scripts/pull.sh': 'docker exec -it ollama ollama pull llama3.2:1b\nkubectl exec -n ai deploy/ollama -- ollama pull qwen2.5:7b\n',
    });
    const names = entries(bom);
    for (const expected of [
      'model HuggingFaceH4/zephyr-7b-beta (huggingface) serve_tgi.sh:4',
      'model Qwen/Qwen2.5-1.5B-Instruct (huggingface) scripts/vllm.sh:2',
      'model llama3.2:1b (ollama) scripts/pull.sh:1',
      'model qwen2.5:7b (ollama) scripts/pull.sh:2',
    ]) {
      assert.ok(names.includes(expected), `${expected} in\n${names.join('\n')}`);
    }
    // A variable set to two values names no model.
    assert.ok(!names.some((entry) => entry.includes('a/b') || entry.includes('c/d')));
  });

  it('lists no model for local folders, variables, placeholders or commands that are not serving', async () => {
    const bom = await inventoryOf({
      'scripts/serve.sh': [
        'vllm serve ./outputs/merged --port 8000',
        'vllm serve "$MODEL_NAME"',
        'python -m vllm.entrypoints.openai.api_server --model /models/llama',
        `text-generation-launcher --model-id ${'$'}{MODEL_ID}`,
        'ollama create mymodel -f Modelfile',
        'ollama pull <model>',
        'pip install vllm ollama',
        'echo "run vllm serve org/model later"',
        'python train.py --model meta-llama/Llama-3.1-8B',
        'docker run -p 7860:7860 atinoda/text-generation-webui:default --model TheBloke/Llama-2-7B-GGUF',
      ].join('\n'),
    });
    // The training script's model is a launch argument (`launchArguments.ts`), served by nothing.
    const models = bom.components.filter((component) => component.kind === 'model');
    assert.deepEqual(
      models.map((model) => `${model.name} ${propertyValues(model, 'model:served-by').join(',')}`),
      ['meta-llama/Llama-3.1-8B '],
    );
    assert.deepEqual(
      bom.components.filter((component) => component.kind === 'service').map((service) => service.name),
      ['vLLM server (local)', 'Text Generation Inference (self-hosted)', 'Ollama (local)'].sort(),
    );
  });
});
