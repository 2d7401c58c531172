import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The answers the live API was seen to send (../shared/realdata) must still validate against the new
// openapi/openapi.yaml: a new required field, a narrower type or a closed enum that a recorded answer
// contradicts is a decision (an overlay saying what the API really sends). The check is the
// project's own test, test/spec/realdata.test.ts, run with vitest's JSON reporter.

const TEST = 'test/spec/realdata.test.ts';

/** @returns {{ problems: object[], notes: string[] }} */
export function checkRecordedAnswers({ root }) {
  if (!existsSync(join(root, TEST)))
    return { problems: [], notes: [`${TEST} is absent: recorded answers not checked`] };
  if (!existsSync(join(root, '..', 'shared', 'realdata'))) {
    return {
      problems: [],
      notes: ['../shared/realdata is absent: the new description was not checked against recorded answers'],
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'regenerate-realdata-'));
  const outputFile = join(dir, 'result.json');
  try {
    const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
    spawnSync(
      process.execPath,
      [vitest, 'run', '--project', 'unit', TEST, '--reporter=json', `--outputFile=${outputFile}`],
      {
        cwd: root,
        stdio: ['ignore', 'ignore', 'ignore'],
      },
    );
    if (!existsSync(outputFile)) {
      return {
        problems: [{ what: `${TEST} did not run (run it to see why)`, where: 'recorded answers', file: TEST }],
        notes: [],
      };
    }
    const result = JSON.parse(readFileSync(outputFile, 'utf8'));
    const problems = [];
    for (const file of result.testResults ?? []) {
      for (const test of file.assertionResults ?? []) {
        if (test.status !== 'failed') continue;
        const why = String(test.failureMessages?.[0] ?? '')
          .split('\n')[0]
          .slice(0, 300);
        problems.push({
          what: `a recorded answer contradicts the new description: ${test.title}: ${why} (say what the live API sends in an overlay)`,
          where: 'recorded answers (../shared/realdata)',
          file: 'openapi/overlays/ (10-live-api-types.yaml, 20-live-api-optional-fields.yaml, ...)',
        });
      }
    }
    return { problems, notes: [`recorded answers: ${result.numPassedTests ?? 0} checked against the new description`] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
