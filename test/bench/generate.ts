/**
 * Deterministic synthetic workspaces for the benchmark. The same seed and size always give the same
 * bytes, so runs on different days and machines measure the same input.
 *
 * - `mixed`: an ordinary monorepo (per 10,000 files: 4,000 Python, 3,000 TypeScript, 1,000 JSON,
 *   900 Markdown, 540 Terraform, 450 YAML, plus notebooks, a few large files and vendored folders)
 *   where about 1% of the files use AI. Ordinary code is full of near-miss words (`json.loads`,
 *   Django `models.Model`, CI `pipeline`, `token`), as real code is.
 * - `ai-dense`: a model library's source, where nearly every file imports torch and calls loaders.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type Profile = 'mixed' | 'ai-dense';

export interface GeneratedTree {
  files: number;
  bytes: number;
  /** Files that use AI on purpose (the rest may still contain near-miss words). */
  aiFiles: number;
}

/** A small, fast, seeded PRNG (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  'order',
  'invoice',
  'customer',
  'session',
  'record',
  'payload',
  'config',
  'report',
  'account',
  'ledger',
  'schedule',
  'payment',
  'profile',
  'message',
  'cache',
  'shipment',
  'billing',
  'tenant',
  'audit',
  'metric',
  'token',
  'pipeline',
  'model',
  'handler',
  'loader',
  'buffer',
  'queue',
  'worker',
  'event',
  'result',
];

class Writer {
  constructor(readonly next: () => number) {}
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  name(): string {
    return `${this.pick(WORDS)}_${this.pick(WORDS)}`;
  }
  camel(): string {
    const [a, b] = [this.pick(WORDS), this.pick(WORDS)];
    return a + b[0].toUpperCase() + b.slice(1);
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---------------------------------------------------------------------------------------------
// Ordinary (non-AI) files, with the near-miss words real code has.

function pythonFile(w: Writer, targetBytes: number): string {
  const head = [
    'import json',
    'import os',
    'import logging',
    'from dataclasses import dataclass',
    'from typing import Any, Optional',
    w.pick(['from django.db import models', 'import requests', 'import yaml', 'from flask import Flask, request', 'import re']),
    '',
    'logger = logging.getLogger(__name__)',
    '',
  ].join('\n');
  let body = '';
  while (body.length < targetBytes) {
    const fn = w.name();
    switch (w.int(4)) {
      case 0:
        body += `\ndef ${fn}(path: str) -> dict:\n    """Load the ${w.pick(WORDS)} settings from disk and validate them."""\n    with open(path, encoding="utf-8") as handle:\n        data = json.load(handle)\n    if "${w.pick(WORDS)}" not in data:\n        raise ValueError("missing ${w.pick(WORDS)} in " + path)\n    return data\n`;
        break;
      case 1:
        body += `\n@dataclass\nclass ${w.camel()[0].toUpperCase()}${w.camel().slice(1)}:\n    ${w.name()}: int = ${w.int(100)}\n    ${w.name()}: Optional[str] = None\n\n    def to_json(self) -> str:\n        return json.dumps(self.__dict__, sort_keys=True)\n`;
        break;
      case 2:
        body += `\ndef ${fn}(items: list[Any]) -> list[Any]:\n    total = 0\n    for index, item in enumerate(items):\n        if index % ${w.int(9) + 2} == 0:\n            logger.debug("skipping %s", item)\n            continue\n        total += len(str(item))\n    return [json.loads(json.dumps(x)) for x in items if x]\n`;
        break;
      default:
        body += `\ndef ${fn}(env=os.environ) -> str:\n    token = env.get("${w.pick(WORDS).toUpperCase()}_TOKEN", "")\n    pipeline = [step.strip() for step in env.get("STEPS", "").split(",")]\n    return f"{token[:4]}:{len(pipeline)}"\n`;
    }
  }
  return head + body;
}

function typescriptFile(w: Writer, targetBytes: number): string {
  const head = [
    "import { readFile } from 'node:fs/promises';",
    w.pick([
      "import express from 'express';",
      "import { z } from 'zod';",
      "import axios from 'axios';",
      "import * as path from 'node:path';",
    ]),
    '',
  ].join('\n');
  let body = '';
  while (body.length < targetBytes) {
    const fn = w.camel();
    switch (w.int(3)) {
      case 0:
        body += `\nexport async function ${fn}(file: string): Promise<Record<string, unknown>> {\n  const text = await readFile(file, 'utf8');\n  const data = JSON.parse(text) as Record<string, unknown>;\n  if (!('${w.pick(WORDS)}' in data)) throw new Error(\`missing ${w.pick(WORDS)} in \${file}\`);\n  return data;\n}\n`;
        break;
      case 1:
        body += `\nexport interface ${fn[0].toUpperCase()}${fn.slice(1)} {\n  id: string;\n  ${w.camel()}: number;\n  ${w.camel()}?: string[];\n  createdAt: Date;\n}\n`;
        break;
      default:
        body += `\nexport function ${fn}(items: readonly number[]): number {\n  let total = 0;\n  for (const [index, item] of items.entries()) {\n    if (index % ${w.int(9) + 2} === 0) continue;\n    total += item * ${w.int(50)};\n  }\n  return total;\n}\n`;
    }
  }
  return head + body;
}

function jsonFile(w: Writer, index: number): string {
  const dependencies: Record<string, string> = { lodash: '^4.17.21', express: '^4.19.2', zod: '^3.23.8' };
  const scripts: Record<string, string> = { build: 'tsc -p .', test: 'mocha', lint: 'eslint .' };
  const config = Object.fromEntries(Array.from({ length: 40 }, () => [w.name(), w.pick([w.int(1000), w.name(), w.chance(0.5)])]));
  return `${JSON.stringify({ name: `@corp/pkg-${index}`, version: `1.${w.int(20)}.0`, scripts, dependencies, config }, null, 2)}\n`;
}

function markdownFile(w: Writer, targetBytes: number): string {
  let text = `# ${w.camel()}\n`;
  while (text.length < targetBytes) {
    text += `\n## ${w.pick(WORDS)}\n\nThe ${w.pick(WORDS)} service keeps the ${w.pick(WORDS)} ${w.pick(WORDS)} in step with the ${w.pick(WORDS)} store. Run the ${w.pick(WORDS)} pipeline after each deploy; the model of the ${w.pick(WORDS)} table is described below.\n\n\`\`\`bash\nmake ${w.pick(WORDS)} && ./scripts/${w.name()}.sh --env staging\n\`\`\`\n`;
  }
  return text;
}

function terraformFile(w: Writer, targetBytes: number): string {
  let text = '';
  while (text.length < targetBytes) {
    const name = w.name();
    text += w.pick([
      `resource "aws_s3_bucket" "${name}" {\n  bucket = "corp-${name.replace(/_/g, '-')}"\n  tags = {\n    team = "${w.pick(WORDS)}"\n  }\n}\n\n`,
      `resource "azurerm_storage_account" "${name}" {\n  name                     = "st${w.int(99999)}"\n  resource_group_name      = var.resource_group\n  location                 = var.location\n  account_tier             = "Standard"\n  account_replication_type = "LRS"\n}\n\n`,
      `variable "${name}" {\n  type    = string\n  default = "${w.pick(WORDS)}"\n}\n\n`,
    ]);
  }
  return text;
}

function yamlFile(w: Writer, targetBytes: number): string {
  let text = 'name: build\non:\n  push:\n    branches: [main]\njobs:\n';
  while (text.length < targetBytes) {
    text += `  ${w.name()}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm test -- --grep ${w.pick(WORDS)}\n      - run: echo "deploying the ${w.pick(WORDS)} pipeline"\n`;
  }
  return text;
}

function notebookFile(w: Writer, ai: boolean): string {
  const cells = [
    ['import pandas as pd', 'import json'],
    ai
      ? [
          'import torch',
          'from transformers import AutoModel',
          'model = AutoModel.from_pretrained("org/model")',
          'state = torch.load("w.pt")',
        ]
      : ['df = pd.read_csv("data.csv")', 'df.head()'],
    [`summary = df.groupby("${w.pick(WORDS)}").size()`, 'print(json.dumps(summary.to_dict()))'],
  ];
  return `${JSON.stringify(
    {
      cells: cells.map((lines) => ({
        cell_type: 'code',
        metadata: {},
        execution_count: null,
        outputs: [],
        source: lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l)),
      })),
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  )}\n`;
}

// ---------------------------------------------------------------------------------------------
// AI files.

const AI_PYTHON = [
  (w: Writer) =>
    `from openai import OpenAI\n\nclient = OpenAI()\n\ndef ${w.name()}(question: str) -> str:\n    reply = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": question}])\n    return reply.choices[0].message.content\n`,
  (w: Writer) =>
    `import torch\nfrom transformers import AutoModelForCausalLM\n\nmodel = AutoModelForCausalLM.from_pretrained("org/${w.name()}", trust_remote_code=True)\nweights = torch.load("checkpoints/${w.name()}.pt")\n`,
  (w: Writer) =>
    `import pickle\nfrom langchain_openai import ChatOpenAI\n\nllm = ChatOpenAI(model="gpt-4o")\n\ndef ${w.name()}(path):\n    with open(path, "rb") as handle:\n        return pickle.load(handle)\n`,
  (w: Writer) =>
    `import anthropic\n\nclient = anthropic.Anthropic()\nmessage = client.messages.create(model="claude-sonnet-4-5", max_tokens=512, messages=[{"role": "user", "content": "${w.pick(WORDS)}"}])\n`,
];

const AI_TYPESCRIPT = [
  (w: Writer) =>
    `import OpenAI from 'openai';\n\nconst client = new OpenAI({ dangerouslyAllowBrowser: true });\nexport async function ${w.camel()}(q: string) {\n  const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] });\n  return r.choices[0].message.content;\n}\n`,
  (w: Writer) =>
    `import { generateText } from 'ai';\nimport { anthropic } from '@ai-sdk/anthropic';\n\nexport async function ${w.camel()}(prompt: string) {\n  const { text } = await generateText({ model: anthropic('claude-3-5-haiku-latest'), prompt });\n  return text;\n}\n`,
];

/** A model library module: torch everywhere, loaders in many files (the AI-dense profile). */
function denseModule(w: Writer, targetBytes: number): string {
  const head = [
    'import math',
    'from typing import Optional',
    '',
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    w.pick([
      'from transformers import AutoConfig, PreTrainedModel',
      'from huggingface_hub import hf_hub_download',
      'from safetensors.torch import load_file',
      'import numpy as np',
    ]),
    '',
  ].join('\n');
  let body = '';
  while (body.length < targetBytes) {
    const cls = `${w.camel()[0].toUpperCase()}${w.camel().slice(1)}Block`;
    switch (w.int(5)) {
      case 0:
        body += `\ndef load_${w.name()}(path: str, device: str = "cpu"):\n    """Load weights saved by an earlier training run."""\n    state = torch.load(path, map_location=device, weights_only=True)\n    return {k.replace("module.", ""): v for k, v in state.items()}\n`;
        break;
      case 1:
        body += `\ndef from_hub_${w.name()}(repo_id: str, revision: Optional[str] = None):\n    config = AutoConfig.from_pretrained(repo_id, revision=revision)\n    return config\n`;
        break;
      default:
        body += `\nclass ${cls}(nn.Module):\n    def __init__(self, dim: int, heads: int = ${w.int(16) + 1}, dropout: float = 0.${w.int(9)}):\n        super().__init__()\n        self.norm = nn.LayerNorm(dim)\n        self.proj = nn.Linear(dim, dim * 3)\n        self.out = nn.Linear(dim, dim)\n        self.heads = heads\n        self.dropout = nn.Dropout(dropout)\n\n    def forward(self, x: torch.Tensor, mask: Optional[torch.Tensor] = None) -> torch.Tensor:\n        q, k, v = self.proj(self.norm(x)).chunk(3, dim=-1)\n        scores = torch.einsum("bhqd,bhkd->bhqk", q, k) / math.sqrt(q.shape[-1])\n        if mask is not None:\n            scores = scores.masked_fill(mask == 0, float("-inf"))\n        attn = self.dropout(F.softmax(scores, dim=-1))\n        return x + self.out(torch.einsum("bhqk,bhkd->bhqd", attn, v))\n`;
    }
  }
  return head + body;
}

// ---------------------------------------------------------------------------------------------

interface Plan {
  extension: string;
  make: (w: Writer, ai: boolean) => string;
}

function mixedPlan(count: number): Plan[] {
  const size = (w: Writer) => 3000 + w.int(6000);
  const share: [number, Plan][] = [
    [4000, { extension: 'py', make: (w, ai) => (ai ? w.pick(AI_PYTHON)(w) + pythonFile(w, 1500) : pythonFile(w, size(w))) }],
    [3000, { extension: 'ts', make: (w, ai) => (ai ? w.pick(AI_TYPESCRIPT)(w) + typescriptFile(w, 1500) : typescriptFile(w, size(w))) }],
    [1000, { extension: 'json', make: (w, _ai) => jsonFile(w, w.int(1e6)) }],
    [900, { extension: 'md', make: (w) => markdownFile(w, size(w)) }],
    [540, { extension: 'tf', make: (w) => terraformFile(w, size(w)) }],
    [450, { extension: 'yaml', make: (w) => yamlFile(w, size(w)) }],
    [100, { extension: 'ipynb', make: (w, ai) => notebookFile(w, ai) }],
    [10, { extension: 'py', make: (w) => pythonFile(w, 400_000) }],
  ];
  const total = share.reduce((sum, [n]) => sum + n, 0);
  const plans: Plan[] = [];
  for (const [n, plan] of share) for (let i = 0; i < Math.round((n * count) / total); i++) plans.push(plan);
  return plans;
}

/** Writes a workspace under `root` (which must be empty or missing). */
export function generateWorkspace(root: string, count: number, profile: Profile, seed = 7): GeneratedTree {
  const w = new Writer(random(seed));
  const tree: GeneratedTree = { files: 0, bytes: 0, aiFiles: 0 };
  const write = (relative: string, text: string) => {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    tree.files++;
    tree.bytes += Buffer.byteLength(text);
  };
  if (profile === 'ai-dense') {
    for (let i = 0; i < count; i++) write(`src/lib/models/m${Math.floor(i / 40)}/module_${i}.py`, denseModule(w, 8000 + w.int(24000)));
    tree.aiFiles = count;
    return tree;
  }
  const plans = mixedPlan(count);
  // Interleave kinds deterministically so folders hold a realistic mix.
  const order = plans.map((plan) => ({ plan, key: w.next() })).sort((a, b) => a.key - b.key);
  order.forEach(({ plan }, i) => {
    const ai = i % 99 === 0;
    if (ai) tree.aiFiles++;
    const dir = `services/svc${Math.floor(i / 250)}/pkg${Math.floor(i / 25) % 10}`;
    write(`${dir}/${plan.extension === 'md' ? 'README_' : 'file_'}${i}.${plan.extension}`, plan.make(w, ai));
  });
  // Vendored folders that discovery skips (and ripgrep -uuu still reads): about 3% of the files.
  for (let i = 0; i < Math.ceil(count * 0.03); i++) {
    write(`web/node_modules/lib${i % 20}/index_${i}.js`, typescriptFile(w, 2000));
  }
  write('.gitignore', 'node_modules/\n.venv/\n');
  return tree;
}
