import * as assert from 'node:assert/strict';
import { goPackageName } from '../../../server/src/engine/facts/go';
import { find, inventoryOf, propertyValues, summary } from './helpers';

describe('inventory: SDK imports in code', () => {
  it('finds Python SDKs through plain, from and aliased imports, and flags them undeclared without a manifest', async () => {
    const bom = await inventoryOf({
      'agent.py': [
        'import os, json',
        'import requests',
        'import numpy as np',
        'from google import genai',
        'import anthropic as claude',
        'from langchain_community.vectorstores import Chroma',
        'from llama_index.llms.openai import OpenAI',
        'def later():',
        '    import torch.nn as nn',
        '',
      ].join('\n'),
    });
    assert.deepEqual(summary(bom), [
      'sdk anthropic',
      'sdk google-genai',
      'sdk langchain-community',
      'sdk llama-index-llms-openai',
      'sdk torch',
    ]);
    const genai = find(bom, 'sdk', 'google-genai');
    assert.deepEqual(genai.occurrences, [{ path: 'agent.py', line: 4, evidence: 'import', symbol: 'google.genai' }]);
    assert.deepEqual(propertyValues(genai, 'dependency'), ['undeclared']);
  });

  it('an import of a declared SDK adds a use site and keeps it declared', async () => {
    const bom = await inventoryOf({ 'requirements.txt': 'openai==1.51.0\n', 'app.py': 'from openai import OpenAI\n' });
    const openai = find(bom, 'sdk', 'openai');
    assert.deepEqual(
      openai.occurrences.map((entry) => `${entry.path}:${entry.line}:${entry.evidence}`),
      ['app.py:1:import', 'requirements.txt:1:manifest'],
    );
    assert.deepEqual(propertyValues(openai, 'dependency'), ['direct']);
  });

  it('finds JavaScript and TypeScript SDKs through import, require, dynamic import, re-export and subpaths', async () => {
    const bom = await inventoryOf({
      'src/a.ts':
        "import OpenAI from 'openai';\nimport { z } from 'zod';\nimport type { CoreMessage } from 'ai';\nexport { ChatAnthropic } from '@langchain/anthropic';\n",
      'src/b.js':
        "const { Pinecone } = require('@pinecone-database/pinecone');\nconst _ = require('lodash');\nconst sdk = await import('@ai-sdk/openai/internal');\nimport('./local.js');\n",
    });
    assert.deepEqual(summary(bom), [
      'sdk @ai-sdk/openai',
      'sdk @langchain/anthropic',
      'sdk @pinecone-database/pinecone',
      'sdk ai',
      'sdk openai',
      // Pinecone is only hosted: its SDK implies the service.
      'service Pinecone (pinecone)',
    ]);
  });

  it('finds C# namespaces, Java imports and Go import paths', async () => {
    const bom = await inventoryOf({
      'Bot.cs':
        'using System.Net.Http;\nusing Microsoft.SemanticKernel;\nusing Microsoft.SemanticKernel.Connectors.OpenAI;\nusing LLama.Common;\n',
      'Bot.java': 'import java.util.List;\nimport dev.langchain4j.model.ollama.OllamaChatModel;\nimport com.openai.client.*;\n',
      'main.go':
        'package main\n\nimport (\n\t"fmt"\n\tanthropic "github.com/anthropics/anthropic-sdk-go"\n\t"github.com/openai/openai-go/v2/option"\n)\n',
    });
    // Names sort by code unit (locale-independent), so upper case comes first.
    assert.deepEqual(summary(bom), [
      'sdk LLamaSharp',
      'sdk Microsoft.SemanticKernel',
      'sdk Microsoft.SemanticKernel.Connectors.OpenAI',
      'sdk com.openai:openai-java',
      'sdk dev.langchain4j:langchain4j-ollama',
      'sdk github.com/anthropics/anthropic-sdk-go',
      'sdk github.com/openai/openai-go/v2',
    ]);
  });

  it('derives Go package names from import paths', () => {
    assert.equal(goPackageName('github.com/anthropics/anthropic-sdk-go'), 'anthropic');
    assert.equal(goPackageName('github.com/sashabaranov/go-openai'), 'openai');
    assert.equal(goPackageName('github.com/openai/openai-go/v2'), 'openai');
    assert.equal(goPackageName('google.golang.org/genai'), 'genai');
  });

  it('finds SDKs in notebook code cells with the line of the .ipynb file', async () => {
    const notebook = JSON.stringify(
      {
        cells: [
          { cell_type: 'markdown', source: ['import openai is prose here\n'] },
          { cell_type: 'code', source: ['import pandas as pd\n', 'from transformers import pipeline\n'] },
        ],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    );
    const bom = await inventoryOf({ 'explore.ipynb': notebook });
    assert.deepEqual(summary(bom), ['sdk transformers']);
    const line = find(bom, 'sdk', 'transformers').occurrences[0].line as number;
    assert.match(notebook.split('\n')[line - 1], /from transformers import pipeline/);
  });

  it('finds nothing in code without AI imports', async () => {
    const bom = await inventoryOf({
      'util.py': 'import requests\nimport numpy as np\nmodel = "User"\nprint("gpt-4o")\n',
      'util.ts': "import _ from 'lodash';\nconst model = 'gpt-4o';\n",
    });
    assert.deepEqual(summary(bom), []);
  });
});
