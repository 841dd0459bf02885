import * as assert from 'node:assert/strict';
import { countsLine, idleView, shownFindings, startingView, stoppedView, summaryView } from '../../client/src/statusText';

const counts = (error: number, warning: number, information: number, hint: number) => ({ error, warning, information, hint });

describe('status bar text', () => {
  it('counts what the Problems panel lists (no hints)', () => {
    assert.equal(shownFindings(counts(1, 2, 3, 4)), 6);
    assert.equal(summaryView({ counts: counts(1, 2, 3, 4), scanning: false }).text, '$(shield) AI Posture: 6');
  });

  it('uses the error background when there are errors, the warning one for warnings only', () => {
    assert.equal(summaryView({ counts: counts(1, 5, 0, 0), scanning: false }).tone, 'error');
    assert.equal(summaryView({ counts: counts(0, 5, 0, 0), scanning: false }).tone, 'warning');
    assert.equal(summaryView({ counts: counts(0, 0, 2, 9), scanning: false }).tone, 'none');
  });

  it('spins while the workspace is being scanned and keeps the count', () => {
    const view = summaryView({ counts: counts(0, 1, 0, 0), scanning: true });
    assert.equal(view.text, '$(sync~spin) AI Posture: 1');
    assert.match(view.tooltip, /scanning/);
  });

  it('lists every severity in the tooltip, in words', () => {
    assert.equal(countsLine(counts(1, 2, 1, 0)), '1 error, 2 warnings, 1 information, 0 hints');
    assert.match(summaryView({ counts: counts(1, 0, 0, 0), scanning: false }).tooltip, /^AI Posture: 1 finding in the workspace\n1 error,/);
  });

  it('opens the Problems panel for findings and the output when the server is not up', () => {
    assert.equal(summaryView({ counts: counts(0, 0, 0, 0), scanning: false }).target, 'problems');
    assert.equal(idleView().target, 'problems');
    assert.equal(startingView().target, 'output');
    assert.equal(stoppedView().target, 'output');
    assert.match(stoppedView().text, /circle-slash/);
  });
});
