import * as assert from 'node:assert/strict';
import { find, inventoryOf, propertyValues, summary } from './helpers';

const prompts = (bom: Awaited<ReturnType<typeof inventoryOf>>) => summary(bom).filter((line) => line.startsWith('prompt '));

describe('inventory: context that Claude Code hook scripts add', () => {
  it('a hook script printing additionalContext in its hook output: shell heredoc and Python', async () => {
    const bom = await inventoryOf({
      'plugins/style/hooks-handlers/session-start.sh': [
        '#!/usr/bin/env bash',
        "cat << 'EOF'",
        '{',
        '  "hookSpecificOutput": {',
        '    "hookEventName": "SessionStart",',
        '    "additionalContext": "You are in \'explanatory\' output style mode: explain your implementation choices as you write code.\\n\\nKeep the insights short."',
        '  }',
        '}',
        'EOF',
      ].join('\n'),
      '.claude/hooks/rules.py': [
        'import json',
        'print(json.dumps({"hookSpecificOutput": {"hookEventName": "UserPromptSubmit",',
        '    "additionalContext": "Always run the unit tests before you say that a change is done."}}))',
      ].join('\n'),
    });
    assert.deepEqual(prompts(bom), [
      'prompt .claude/hooks/rules.py#additionalContext',
      'prompt plugins/style/hooks-handlers/session-start.sh#additionalContext',
    ]);
    const style = find(bom, 'prompt', 'plugins/style/hooks-handlers/session-start.sh#additionalContext');
    assert.equal(style.occurrences[0]?.line, 6);
    assert.deepEqual(propertyValues(style, 'prompt:type'), ['hook-context']);
  });

  it('near miss: the key outside a hook output, a short or empty value, a value built at run time', async () => {
    const bom = await inventoryOf({
      'src/api.ts': 'export const payload = { additionalContext: "Extra details shown to the support agent in the ticket view" };\n',
      'hooks/empty.sh': 'echo \'{"hookSpecificOutput": {"hookEventName": "SessionStart", "additionalContext": ""}}\'\n',
      'hooks/dynamic.sh': 'echo "{\\"hookSpecificOutput\\": {\\"additionalContext\\": \\"$CONTEXT\\"}}"\n',
    });
    assert.deepEqual(prompts(bom), []);
  });
});
