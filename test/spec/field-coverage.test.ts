import { describe, expect, it } from 'vitest';
import { FieldCoverage, formatFindings } from '../support/field-coverage';
import { hasRealdata, realdataSamples } from '../support/realdata';
import { locateResponseSchema, SpecValidator, specPath } from '../support/spec-validator';

// Completeness: the document describes, by name, every field the live API was seen to send, at
// the right JSON type. Each realdata body and each stream event is walked beside the schema of
// its operation (found by method, path, status, media type and `x-sse-data`, as the validation
// test does); a field admitted only by an open object counts as undescribed, and a value of a
// type (or outside a closed enum) the schema does not admit is a mismatch. Both lists, grouped
// by schema with file and JSON pointer, must be empty; the coverage figure is printed.

describe.skipIf(!hasRealdata)(`realdata field coverage of ${specPath}`, () => {
  const validator = new SpecValidator();
  const coverage = new FieldCoverage(validator.spec, validator);
  const unlocated = new Map<string, string[]>();
  const samples = realdataSamples();
  for (const sample of samples) {
    const location = locateResponseSchema(validator.spec, sample);
    if ('missing' in location)
      unlocated.set(location.missing, [...(unlocated.get(location.missing) ?? []), sample.label]);
    else coverage.walk(location.pointer, sample.value, sample.label);
  }
  const { seen, described, undescribed, mismatches } = coverage.report;
  const percent = seen === 0 ? 0 : (100 * described) / seen;
  console.log(
    `[field coverage] ${described} of ${seen} fields described (${percent.toFixed(2)}%) in ${samples.length - [...unlocated.values()].flat().length} of ${samples.length} values; ${undescribed.length} undescribed, ${mismatches.length} type mismatches, ${unlocated.size} operations without a schema`,
  );

  it('walks the recorded values', () => {
    expect(samples.length).toBeGreaterThan(0);
    expect(seen).toBeGreaterThan(0);
  });

  it('finds a schema for every recorded value', () => {
    const list = [...unlocated].map(([why, labels]) => `${why}  (${labels.length} values, e.g. ${labels[0]})`);
    expect(unlocated.size, `values whose operation has no schema:\n${list.join('\n')}`).toBe(0);
  });

  it('describes every field by name', () => {
    expect(undescribed.length, `fields the schema does not name:\n${formatFindings(undescribed)}`).toBe(0);
  });

  it('admits the JSON type of every value', () => {
    expect(mismatches.length, `values of a type the schema does not admit:\n${formatFindings(mismatches)}`).toBe(0);
  });
});
