import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { decisions } from './support-steps';

const { renderDecisions, replaceSection, committedSection, listSteps } = await decisions();

const openapiDir = fileURLToPath(new URL('../../openapi/', import.meta.url));
const readme = readFileSync(`${openapiDir}README.md`, 'utf8');
const document = parse(readFileSync(`${openapiDir}openapi.yaml`, 'utf8'));
const rendered = renderDecisions(openapiDir, document);

const overlayFiles = readdirSync(`${openapiDir}overlays`).filter((file) => file.endsWith('.yaml'));
const actionCount = overlayFiles.reduce(
  (n, file) => n + parse(readFileSync(`${openapiDir}overlays/${file}`, 'utf8')).actions.length,
  0,
);

describe('openapi/README.md decisions section', () => {
  it('is what `npm run docs:decisions` renders (run it after changing an overlay, a step or openapi.yaml)', () => {
    expect(committedSection(readme), 'openapi/README.md is out of date: run `npm run docs:decisions`').toBe(rendered);
  });

  it('has one row per overlay action, naming its file and number', () => {
    const rows = rendered.split('\n').filter((line) => /^\| `\d+-[\w-]+\.yaml` \d+ \|/.test(line));
    expect(rows).toHaveLength(actionCount);
    expect(rows[0]).toMatch(
      /^\| `10-live-api-types\.yaml` 1 \| `\$\.components\.schemas\.EndpointStatus` \| update \| /,
    );
  });

  it('counts what openapi.yaml holds and what the overlays do', () => {
    const operations = Object.values(document.paths).flatMap((item) =>
      Object.keys(item as object).filter((key) => ['get', 'put', 'post', 'delete', 'patch'].includes(key)),
    );
    expect(rendered).toContain(`**${operations.length} operations**`);
    expect(rendered).toContain(`**${Object.keys(document.components.schemas).length} component schemas**`);
    expect(rendered).toContain(`**${overlayFiles.length} overlays** with **${actionCount} actions**`);
  });

  it('lists every step of the pipeline with the test file that describes it', () => {
    const steps = listSteps();
    expect(steps.map((step) => step.name)).toContain('hoistInlineSchemas');
    expect(steps.filter((step) => step.tests.length === 0).map((step) => step.name)).toEqual([]);
    expect(rendered).not.toContain('**no test**');
  });

  it('keeps a pipe inside a cell from ending it', () => {
    const row = rendered.split('\n').find((line) => line.startsWith('| `openEnums`'));
    expect(row).toContain("`'a' \\| 'b' \\| (string & {})`");
  });
});

describe('replaceSection', () => {
  it('replaces only what is between the markers', () => {
    const text = 'before\n<!-- decisions:start -->\nold\n<!-- decisions:end -->\nafter\n';
    expect(replaceSection(text, 'new\n')).toBe(
      'before\n<!-- decisions:start -->\nnew\n<!-- decisions:end -->\nafter\n',
    );
    expect(committedSection(replaceSection(text, 'new\n'))).toBe('new\n');
  });

  it.each([
    ['no markers', 'text\n'],
    ['no end marker', '<!-- decisions:start -->\n'],
    ['markers in the wrong order', '<!-- decisions:end -->\n<!-- decisions:start -->\n'],
  ])('refuses a README with %s, naming the markers', (_, text) => {
    expect(() => replaceSection(text, 'x')).toThrow(
      /^openapi\/README\.md: needs the markers <!-- decisions:start --> and <!-- decisions:end -->/,
    );
  });
});
