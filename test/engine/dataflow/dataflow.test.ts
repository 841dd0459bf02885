import * as assert from 'node:assert/strict';
import { findTaintFlows, type SinkKind, type SourceKind } from '../../../server/src/engine/dataflow';
import { TaintEngine } from '../../../server/src/engine/dataflow/engine';
import { PythonTaint } from '../../../server/src/engine/dataflow/python';
import { withFacts } from '../../../server/src/engine/facts';
import type { FileKind } from '../../../server/src/engine/types';

/** Each flow as `sink line <- source line: source description` (1-based lines). */
async function flows(kind: FileKind, text: string, sources: SourceKind, sink: SinkKind): Promise<string[]> {
  const result = await withFacts(kind, text, (facts) =>
    findTaintFlows(facts, sources, sink).map(
      (flow) => `${flow.site.value.startPosition.row + 1} <- ${flow.source.node.startPosition.row + 1}: ${flow.source.description}`,
    ),
  );
  return result ?? [];
}

const PY_LLM = 'from openai import OpenAI\nclient = OpenAI()\n';

describe('data-flow engine', () => {
  describe('Python propagation', () => {
    const cases: [string, string][] = [
      [
        'assignment and attribute/index access',
        'r = client.chat.completions.create(model="m", messages=[])\ncode = r.choices[0].message.content\nexec(code)',
      ],
      ['f-string', 'r = client.responses.create(model="m", input="x")\nexec(f"x = {r.output_text}")'],
      ['format', 'r = client.responses.create(model="m", input="x")\nexec("x = {}".format(r.output_text))'],
      ['percent', 'r = client.responses.create(model="m", input="x")\nexec("x = %s" % r.output_text)'],
      ['plus', 'r = client.responses.create(model="m", input="x")\nexec("x = " + r.output_text)'],
      ['join', 'r = client.responses.create(model="m", input="x")\nexec("\\n".join([r.output_text, "y"]))'],
      [
        'augmented assignment',
        'r = client.responses.create(model="m", input="x")\ncode = "import os\\n"\ncode += r.output_text\nexec(code)',
      ],
      [
        'json.loads of tool call arguments',
        'import json\nr = client.chat.completions.create(model="m", messages=[])\nargs = json.loads(r.choices[0].message.tool_calls[0].function.arguments)\nexec(args["code"])',
      ],
      ['await', 'async def f():\n    r = await client.responses.create(model="m", input="x")\n    exec(r.output_text)'],
      [
        'list building and append',
        'r = client.responses.create(model="m", input="x")\nparts = []\nparts.append(r.output_text)\nexec("".join(parts))',
      ],
      ['tuple unpacking', 'r = client.responses.create(model="m", input="x")\na, b = r.output_text, "y"\nexec(a)'],
    ];
    for (const [name, body] of cases) {
      it(`follows ${name}`, async () => {
        const found = await flows('python', PY_LLM + body, 'llm', 'code');
        assert.equal(found.length, 1, `${name}: ${JSON.stringify(found)}`);
      });
    }

    it('stops at sanitisers and constants', async () => {
      const text = `${PY_LLM}r = client.responses.create(model="m", input="x")\nexec(str(int(r.output_text)))\nexec("print(1)")\ncode = r.output_text\ncode = "pass"\nexec(code)`;
      assert.deepEqual(await flows('python', text, 'llm', 'code'), []);
    });

    it('uses summaries of same-file functions: parameter to return value, and source inside the helper', async () => {
      const text = `${PY_LLM}def strip(text):\n    return text.strip()\n\ndef ask(q):\n    return client.responses.create(model="m", input=q).output_text\n\ndef main(q):\n    exec(strip(ask(q)))`;
      assert.deepEqual(await flows('python', text, 'llm', 'code'), ['10 <- 7: LLM output (client.responses.create())']);
    });

    it('follows a parameter that reaches a sink out to the callers', async () => {
      const text = `${PY_LLM}def run(code):\n    exec(code)\n\ndef main():\n    r = client.responses.create(model="m", input="x")\n    run(r.output_text)\n\ndef other():\n    run("print(1)")`;
      assert.deepEqual(await flows('python', text, 'llm', 'code'), ['4 <- 7: LLM output (client.responses.create())']);
    });

    it('reads Flask, Django and FastAPI request data and route parameters', async () => {
      const text = [
        'from fastapi import FastAPI, Request',
        'from flask import request',
        'app = FastAPI()',
        '@app.get("/a/{name}")',
        'async def a(name: str, req: Request):',
        '    return [{"role": "system", "content": name}]',
        'def b():',
        '    return [{"role": "system", "content": request.args["q"]}]',
        'def c(request):',
        '    return [{"role": "system", "content": request.GET.get("q")}]',
        'def d():',
        '    return [{"role": "system", "content": input("> ")}]',
      ].join('\n');
      assert.deepEqual(await flows('python', text, 'user', 'system-prompt'), [
        '6 <- 5: route parameter `name`',
        '8 <- 8: request data (request.args)',
        '10 <- 10: request data (request.GET)',
        '12 <- 12: console input (input())',
      ]);
    });

    it('analyses only functions that hold a source trigger (or call one that does)', async () => {
      let visits = 0;
      const text = `${PY_LLM}def helper(code):\n    exec(code)\n\ndef unrelated(path):\n    exec(open(path).read())`;
      await withFacts('python', text, (facts) => {
        const language = new PythonTaint(facts);
        const classify = language.classify.bind(language);
        language.classify = (node, next, analysis) => {
          visits += 1;
          return classify(node, next, analysis);
        };
        assert.deepEqual(new TaintEngine(facts, language, 'llm', 'code').flows(), []);
      });
      assert.equal(visits, 0);
    });
  });

  describe('JavaScript/TypeScript propagation', () => {
    const JS_LLM = "import OpenAI from 'openai';\nconst openai = new OpenAI();\n";
    it('follows destructuring, template literals, await and same-file helpers', async () => {
      const text = `${JS_LLM}const clean = (s: string) => s.trim();\nexport async function run() {\n  const { choices } = await openai.chat.completions.create({ model: 'm', messages: [] });\n  const code = clean(choices[0].message.content ?? '');\n  eval(\`(\${code})\`);\n}`;
      assert.deepEqual(await flows('typescript', text, 'llm', 'code'), ['7 <- 5: LLM output (openai.chat.completions.create())']);
    });

    it('reads Express, Next.js, Koa and Hono request data', async () => {
      const text = [
        "import express from 'express';",
        'const app = express();',
        "app.post('/a', (req, res) => res.json([{ role: 'system', content: req.body.persona }]));",
        'export async function POST(request: Request) {',
        '  const { persona } = await request.json();',
        "  return [{ role: 'system', content: 'Be ' + persona }];",
        '}',
        "router.get('/k', (ctx) => { ctx.body = [{ role: 'system', content: ctx.request.body.x }]; });",
        "hono.get('/h', (c) => c.json([{ role: 'system', content: c.req.query('x') }]));",
      ].join('\n');
      assert.deepEqual(await flows('typescript', text, 'user', 'system-prompt'), [
        '3 <- 3: request data (req.body)',
        '6 <- 5: request data (request.json)',
        '8 <- 8: request data (ctx.request.body)',
        '9 <- 9: request data (c.req.query)',
      ]);
    });

    it('stops at DOMPurify and lengths for HTML sinks', async () => {
      const text = `import DOMPurify from 'dompurify';\nimport { generateText } from 'ai';\nexport async function f(el: HTMLElement) {\n  const { text } = await generateText({ model: 'm', prompt: 'p' });\n  el.innerHTML = DOMPurify.sanitize(text);\n  el.innerHTML = \`\${text.length}\`;\n  el.innerHTML = text;\n}`;
      assert.deepEqual(await flows('typescript', text, 'llm', 'html'), ['7 <- 4: LLM output (generateText())']);
    });
  });
});
