import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { defaultConfig } from '../../../server/src/engine/config/config';
import { inForeground } from '../../../server/src/engine/scan/foreground';
import { WorkerPool } from '../../../server/src/engine/scan/pool';

/** The nice value of every thread of this process (Linux: field 19 of /proc/self/task/TID/stat). */
function threadNiceValues(): number[] {
  return fs.readdirSync('/proc/self/task').map((tid) => {
    const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

describe('background scan workers', function () {
  // Starting worker threads (bundle, grammars) takes seconds on a loaded machine; the checks poll up to 10 s.
  this.timeout(30_000);
  before(function () {
    if (process.platform !== 'linux') this.skip();
  });

  for (const background of [true, false]) {
    it(`${background ? 'run at the lowest priority, leaving the calling thread at its own' : 'keep the normal priority when not in the background'}`, async () => {
      const settings = { config: defaultConfig(), today: '2026-01-01', inventory: false, hashContents: false };
      const pool = new WorkerPool(2, settings, background);
      try {
        const text = 'import torch\nmodel = torch.load("m.pt")\n';
        const outcomes = await pool.run([
          { seq: 0, relativePath: 'm.py', absolutePath: '/nonexistent/m.py', kind: 'python', overlay: text },
        ]);
        assert.equal(outcomes.length, 1);
        assert.equal(os.getPriority(), 0, 'the calling thread keeps its priority');
        // A worker lowers its priority as it starts; the second may still be starting on a busy machine.
        const lowered = () => threadNiceValues().filter((nice) => nice === os.constants.priority.PRIORITY_LOW).length;
        const expected = background ? 2 : 0;
        for (let waited = 0; lowered() !== expected && waited < 10_000; waited += 50)
          await new Promise((resolve) => setTimeout(resolve, 50));
        assert.equal(lowered(), expected);
      } finally {
        await pool.close();
      }
    });
  }

  for (const background of [true, false]) {
    it(`${background ? 'wait before their next file while foreground work is held' : 'do not wait for foreground work when not in the background'}`, async () => {
      const settings = { config: defaultConfig(), today: '2026-01-01', inventory: false, hashContents: false };
      const pool = new WorkerPool(1, settings, background);
      const task = (seq: number) => ({
        seq,
        relativePath: 'm.py',
        absolutePath: '/nonexistent/m.py',
        kind: 'python' as const,
        overlay: 'x = 1\n',
      });
      try {
        await pool.run([task(0)]); // started and warm: a file now takes milliseconds
        let done = false;
        let running: Promise<unknown> = Promise.resolve();
        await inForeground(async () => {
          running = pool.run([task(1)]).then(() => {
            done = true;
          });
          if (!background) await running;
          else await new Promise((resolve) => setTimeout(resolve, 300));
          assert.equal(done, !background);
        });
        await running;
        assert.equal(done, true, 'released: the file runs');
      } finally {
        await pool.close();
      }
    });
  }
});
