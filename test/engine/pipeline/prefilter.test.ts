import * as assert from 'node:assert/strict';
import { pythonCallsMayMatter } from '../../../server/src/engine/inventory/prefilter';
import { pythonCodeView } from '../../../server/src/engine/parse/pythonCodeView';
import { pythonImports } from '../../../server/src/engine/parse/pythonImports';
import { engineTriggers } from '../../../server/src/engine/prefilter/engineTriggers';
import { LiteralScanner } from '../../../server/src/engine/prefilter/literalScanner';
import { triggerOccurs, wordTrigger } from '../../../server/src/engine/prefilter/triggers';
import { aip401 } from '../../../server/src/engine/rules/aip401-llm-output-to-code-exec';
import { argumentText, callArguments, keywordArgumentText, mayCarryString } from '../../../server/src/engine/rules/quickChecks';

describe('literal scanner', () => {
  const literals = ['trust_remote_code', 'torch', 'dangerouslyAllowBrowser', "'ai'", 'azure'];
  const scanner = new LiteralScanner(literals.map((text) => ({ text, caseSensitive: text === 'dangerouslyAllowBrowser' })));
  const found = (text: string) => [...scanner.scanText(text)].map((id) => literals[id]).sort();

  it('finds every literal that occurs, at the start, in the middle and at the end of a text', () => {
    assert.deepEqual(found("torch x = 1 trust_remote_code 'ai'"), ["'ai'", 'torch', 'trust_remote_code']);
    assert.deepEqual(found('xx azure'), ['azure']);
  });

  it('matches case-insensitive literals in any case and case-sensitive ones only as written', () => {
    assert.deepEqual(found('TORCH AZURE'), ['azure', 'torch']);
    assert.deepEqual(found('dangerouslyallowbrowser'), []);
    assert.deepEqual(found('dangerouslyAllowBrowser: true'), ['dangerouslyAllowBrowser']);
  });

  it('finds nothing in text that only shares prefixes or pieces with the literals', () => {
    assert.deepEqual(found('torc trust_remote azur ai'), []);
  });

  it('reads UTF-8 bytes with non-ASCII text around the literals', () => {
    assert.deepEqual(
      [...scanner.scanBytes(Buffer.from('é torch ü', 'utf8'))].map((id) => literals[id]),
      ['torch'],
    );
  });

  it('finds in a string what it finds in the string’s UTF-8 bytes, with non-ASCII text anywhere', () => {
    const index = engineTriggers();
    const scanner = new LiteralScanner(index.literals().map((text) => ({ text, caseSensitive: true })));
    const texts = [
      'é torch ü',
      'ü\u00e9from openai import OpenAI # 日本語 trust_remote_code=True',
      '😀😀 import anthropic\nclient = anthropic.Anthropic()  # ключ',
      `x = "${'\u00ff'.repeat(5)}torch.load(${'\u0100'}weights.pt)"`,
      'make_pipeline(x) é pipeline("task")',
    ];
    for (const text of texts) {
      assert.deepEqual([...scanner.scanText(text)].sort(), [...scanner.scanBytes(Buffer.from(text, 'utf8'))].sort(), text);
      assert.ok(scanner.scanText(text).size > 0, text);
    }
  });

  it('agrees with a plain substring search on generated text', () => {
    let seed = 3;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pieces = ['tor', 'ch', 'azu', 're', ' ', 'trust_', 'remote_code', "'a", "i'", 'x', 'TORCH', '\n'];
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: 30 }, () => pieces[Math.floor(next() * pieces.length)]).join('');
      const expected = literals.filter((literal, index) =>
        index === 2 ? text.includes(literal) : text.toLowerCase().includes(literal.toLowerCase()),
      );
      assert.deepEqual(found(text), expected.sort(), text);
    }
  });

  it('keeps looking for the other literals of a slot after one of them is found', () => {
    const shared = new LiteralScanner([
      { text: 'qzxj_one', caseSensitive: false },
      { text: 'qzxj_two', caseSensitive: false },
    ]);
    assert.deepEqual([...shared.scanText('qzxj_one qzxj_one qzxj_two')].sort(), [0, 1]);
    assert.deepEqual([...shared.scanText('qzxj_two and then qzxj_one')].sort(), [0, 1]);
    assert.deepEqual([...shared.scanText('qzxj_two qzxj_two')], [1]);
    assert.deepEqual([...shared.scanText('qzxj_one')], [0], 'a slot settled in one text is open again in the next');
  });

  it('finds a word-start literal only where no identifier character precedes it', () => {
    const words = new LiteralScanner([{ text: 'pipeline', caseSensitive: true, wordStart: true }]);
    assert.equal(words.scanText('make_pipeline(x)').size, 0);
    assert.equal(words.scanText('token_pipeline = 1; xpipeline').size, 0);
    assert.equal(words.scanText('pipeline("task")').size, 1);
    assert.equal(words.scanText('transformers.pipeline(m)').size, 1);
    assert.equal(words.scanText('pipeline').size, 1);
    assert.equal(triggerOccurs(wordTrigger('pipeline'), 'make_pipeline(x)'), false);
    assert.equal(triggerOccurs(wordTrigger('pipeline'), 'x = pipeline(m)'), true);
    assert.equal(triggerOccurs('pipeline', 'make_pipeline(x)'), true);
  });

  it('refuses literals too short to be selective', () => {
    assert.throws(() => new LiteralScanner([{ text: 'ai', caseSensitive: false }]), /at least 4 characters/);
  });
});

describe('python code view', () => {
  it('blanks comments and triple-quoted strings, keeping offsets, lines and ordinary strings', () => {
    const text = 'x = "a # not a comment"  # comment\n"""doc\nstring"""\ny = \'\'\'x\'\'\' + "k"\n';
    const view = pythonCodeView(text);
    assert.equal(view.length, text.length);
    assert.equal(view.split('\n').length, text.split('\n').length);
    assert.ok(view.includes('"a # not a comment"'));
    assert.ok(!view.includes('comment\n'));
    assert.ok(!view.includes('doc') && !view.includes('string"""'));
    assert.ok(view.includes('"k"'));
  });

  it('gives the same view as a character-by-character lexer on mixed quotes, escapes and comments', () => {
    const text = "a = 'it''s' # x\nb = \"q\\\"#\" # y\nc = '''t\n# not a comment\n''' + \"\"\"u\"\"\"\n# last";
    const view = pythonCodeView(text);
    assert.equal(view.length, text.length);
    assert.ok(view.startsWith("a = 'it''s'    \n"));
    assert.ok(view.includes('b = "q\\"#"    \n'));
    assert.ok(!view.includes('not a comment') && !view.includes('last') && !view.includes('"""u'));
  });

  it('re-lexes only around an edit and gives the view a whole lex gives, whatever the edit', () => {
    let seed = 11;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor((seed / 2 ** 31) * n);
    };
    const pieces = ['x = 1', ' ', '\n', '#', '"', "'", '"""', "'''", '\\', 'def f():', '"s"', "'t'", 'abc'];
    const piece = () => pieces[next(pieces.length)];
    const whole = (text: string) => {
      pythonCodeView('forget the last text');
      return pythonCodeView(text);
    };
    for (let round = 0; round < 20; round++) {
      let text = Array.from({ length: 1500 }, piece).join('');
      pythonCodeView(text);
      for (let edit = 0; edit < 40; edit++) {
        const at = next(text.length);
        const removed = next(3) === 0 ? next(12) : 0;
        text = text.slice(0, at) + (next(4) === 0 ? '' : piece()) + text.slice(at + removed);
        const incremental = pythonCodeView(text);
        assert.equal(incremental, whole(text), `round ${round}, edit ${edit} at ${at}`);
        pythonCodeView(text);
      }
    }
  });

  it('does not resume where the old lexing was inside a string the edit has closed', () => {
    const filler = 'y = 2\n'.repeat(1000);
    const before = `${filler}s = "a # b"\n${filler}`;
    const after = `${filler}s = ""a # b"\n${filler}`;
    pythonCodeView(before);
    const view = pythonCodeView(after);
    assert.ok(!view.includes('# b'), 'the # now starts a comment');
    pythonCodeView('forget the last text');
    assert.equal(view, pythonCodeView(after));
  });

  it('keeps a typed comment line’s view in step with the document', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `def f${i}():\n    """Doc ${i}."""\n    return "x" # done`);
    let typed = '';
    for (const key of 'abc"d\'e"""f#g') {
      typed += key;
      const text = [...lines.slice(0, 200), `# ${typed}`, ...lines.slice(200)].join('\n');
      const view = pythonCodeView(text);
      pythonCodeView('forget the last text');
      assert.equal(view, pythonCodeView(text));
    }
  });

  it('handles escaped quotes and unterminated strings without losing the rest of the file', () => {
    const text = 's = "a\\"b"\nt = "open\nu = 1  # c\n';
    const view = pythonCodeView(text);
    assert.ok(view.includes('u = 1'));
    assert.ok(!view.includes('# c'));
  });
});

describe('python imports without a parse', () => {
  it('reads every import form, with the row of its statement', () => {
    const code = pythonCodeView(
      [
        'import os, torch.nn as nn',
        'from transformers import (AutoModel,',
        '    AutoTokenizer as T)',
        'from . import local',
        'from __future__ import annotations',
        'import a; from b.c import *',
        '"""',
        'import inside_docstring',
        '"""',
        'if x:',
        '    from openai import OpenAI',
      ].join('\n'),
    );
    assert.deepEqual(
      pythonImports(code).map((entry) => `${entry.row}:${entry.module}`),
      ['0:os', '0:torch.nn', '1:transformers.AutoModel', '1:transformers.AutoTokenizer', '5:a', '5:b.c', '10:openai.OpenAI'],
    );
  });
});

describe('quick checks', () => {
  const code =
    'REPO = "org/model"\nload(path, weights_only=True)\nf = from_pretrained(REPO, subfolder="unet")\ng = from_pretrained(name)\n';

  it('finds the argument text of each call, following import aliases', () => {
    assert.deepEqual(callArguments(code, 'load'), ['path, weights_only=True']);
    assert.deepEqual(callArguments('from torch import load as tl\ntl(x)\n', 'load'), ['x']);
    assert.deepEqual(callArguments('download(a)\nloader(b)\nload (c)\nx.load(\n d)\n', 'load'), ['c', '\n d']);
  });

  it('picks positional and keyword arguments', () => {
    assert.equal(argumentText('REPO, subfolder="unet"', 0, ['pretrained_model_name_or_path']), 'REPO');
    assert.equal(argumentText('x, pretrained_model_name_or_path=y', 0, ['pretrained_model_name_or_path']), 'y');
    assert.equal(argumentText('*args', 0, []), undefined);
    assert.equal(keywordArgumentText('p, weights_only = False', 'weights_only'), 'False');
    assert.equal(keywordArgumentText('p', 'weights_only'), undefined);
  });

  it('says an argument may carry a string when it is a literal or a name assigned one, and not otherwise', () => {
    assert.equal(mayCarryString('REPO', code), true);
    assert.equal(mayCarryString('"x"', code), true);
    assert.equal(mayCarryString('name', code), false);
    assert.equal(mayCarryString('repo_id', 'def f(repo_id: Optional[str] = "org/x"): pass'), true);
    assert.equal(mayCarryString('path', 'def f(path: str, device: str = "cpu"): pass'), false);
    assert.equal(mayCarryString(undefined, code), true);
  });
});

describe('AI-BOM call gate of a Python module', () => {
  it('reads a model keyword argument of a call, not a class attribute of the same name', () => {
    assert.equal(pythonCallsMayMatter('class Block:\n    model_name = "flux2"\n', ['torch']), false);
    assert.equal(pythonCallsMayMatter('name = "org/m"\nrun(x,\n    model_name=name)\n', ['torch']), true);
  });

  it('skips the callee names the one pass did not find, and searches those it did', () => {
    const code = 'import transformers\nm = AutoModel.from_pretrained("org/model")\n';
    assert.equal(pythonCallsMayMatter(code, ['transformers'], engineTriggers().scan(code)), true);
    const without = engineTriggers().scan('import transformers\n');
    assert.equal(pythonCallsMayMatter(code, ['transformers'], without), false, 'the one pass says from_pretrained is absent');
  });
});

describe('data-flow rules second look', () => {
  const source = (text: string) => ({
    text,
    kind: 'python' as const,
    codeView: () => pythonCodeView(text),
    mentions: (literals: readonly string[]) => literals.some((literal) => text.includes(literal)),
  });

  it('passes Python that imports an LLM SDK or calls an SDK surface, not a model id that names a provider', () => {
    const modelLibrary = 'import torch\nrepo = "openai/clip-vit-large-patch14"\nimages = pipe.run(repo)\nexec(images)\n';
    assert.equal(aip401.mayMatch?.(source(modelLibrary)), false);
    assert.equal(aip401.mayMatch?.(source(`from openai import OpenAI\n${modelLibrary}`)), true);
    assert.equal(aip401.mayMatch?.(source(`${modelLibrary}r = client.chat.completions.create(model="m")\n`)), true);
  });
});
