import { describe, expect, it } from 'vitest';
import { hasRealdata, listAllRealdata, realdataOperation, realdataSamples } from '../support/realdata';
import { locateResponseSchema, SpecValidator, specPath } from '../support/spec-validator';

// Truthfulness: every answer the live API was seen to send (../shared/realdata) validates against
// the schema the document gives its operation: each JSON body (success or error) against the
// response schema of the status in its file name, and each `data:` event of each stream against
// the `x-sse-data` schema of the operation's text/event-stream response. The schema is found by
// operation (method, path, status, media type), never by a component's name; a recording that
// the table in test/support/realdata.ts does not map fails, so a new one cannot be ignored.

describe.skipIf(!hasRealdata)(`realdata answers validate against ${specPath}`, () => {
  const files = listAllRealdata();
  const validator = new SpecValidator();

  it('finds recordings, and maps every one to an operation', () => {
    expect(files.length).toBeGreaterThan(0);
    const unmapped = files.filter((file) => !realdataOperation(file));
    expect(unmapped, `no row of the table in test/support/realdata.ts maps:\n${unmapped.join('\n')}`).toEqual([]);
  });

  it.each(files.filter((file) => realdataOperation(file)))('%s', (file) => {
    const samples = realdataSamples([file]);
    const first = samples[0];
    if (!first) expect.fail(`${file} holds no JSON value`);
    const location = locateResponseSchema(validator.spec, first);
    if ('missing' in location) expect.fail(location.missing);
    const validate = validator.at(location.pointer);
    const problems = new Map<string, string[]>();
    for (const sample of samples) {
      if (validate(sample.value)) continue;
      const message = SpecValidator.describe(validate, 5);
      problems.set(message, [...(problems.get(message) ?? []), sample.label.slice(file.length).trim() || 'body']);
    }
    const report = [...problems].map(([message, where]) => {
      const places = `${where.slice(0, 5).join(', ')}${where.length > 5 ? ` (+${where.length - 5})` : ''}`;
      return `${places}:\n${message}`;
    });
    const failed = [...problems.values()].reduce((n, where) => n + where.length, 0);
    const operation = `${first.method.toUpperCase()} ${first.path} ${first.status} #${location.pointer}`;
    expect(failed, `${failed} of ${samples.length} values invalid against ${operation}\n${report.join('\n')}`).toBe(0);
  });
});
