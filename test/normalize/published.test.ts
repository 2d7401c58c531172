import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { published } from './support-steps';

const { loadPublished } = await published();

const SOURCE =
  'version: 2026-08-22\ndate: 2026-08-22\norigin: { repository: example }\nlicense: { spdx: Apache-2.0 }\n';
const DESCRIPTION = 'openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths:\n  /models: { get: { responses: {} } }\n';

let openapiDir: string;
let publishedDir: string;

/** An openapi/ folder whose sources/published/ holds the given files (absent when undefined). */
function write(files: { description?: string; source?: string }) {
  if (files.description !== undefined) writeFileSync(join(publishedDir, 'openrouter-openapi.yaml'), files.description);
  if (files.source !== undefined) writeFileSync(join(publishedDir, 'SOURCE.yaml'), files.source);
}

beforeEach(() => {
  openapiDir = mkdtempSync(join(tmpdir(), 'published-'));
  publishedDir = join(openapiDir, 'sources', 'published');
  mkdirSync(publishedDir, { recursive: true });
});
afterEach(() => rmSync(openapiDir, { recursive: true, force: true }));

describe('loadPublished', () => {
  it('reads the description and SOURCE.yaml, labelled by its version', () => {
    write({ description: DESCRIPTION, source: SOURCE });
    const { document, source, label } = loadPublished(openapiDir);
    expect(document.paths['/models'].get).toEqual({ responses: {} });
    expect(source).toMatchObject({ version: '2026-08-22', license: { spdx: 'Apache-2.0' } });
    expect(label).toBe('published 2026-08-22');
  });

  it('refuses a missing description, naming the file', () => {
    write({ source: SOURCE });
    expect(() => loadPublished(openapiDir)).toThrow(
      /openapi\/sources\/published\/openrouter-openapi\.yaml is missing \(the published description\)/,
    );
  });

  it('refuses a missing SOURCE.yaml, naming it', () => {
    write({ description: DESCRIPTION });
    expect(() => loadPublished(openapiDir)).toThrow(/openapi\/sources\/published\/SOURCE\.yaml is missing/);
  });

  it.each(['version', 'date', 'origin', 'license'])('refuses a SOURCE.yaml without "%s"', (key) => {
    const source = SOURCE.split('\n')
      .filter((line) => !line.startsWith(`${key}:`))
      .join('\n');
    write({ description: DESCRIPTION, source });
    expect(() => loadPublished(openapiDir)).toThrow(
      new RegExp(`openapi/sources/published/SOURCE\\.yaml: needs "${key}"`),
    );
  });

  it('refuses a description that is not YAML, naming the file', () => {
    write({ description: 'openapi: [3.1.0\n', source: SOURCE });
    expect(() => loadPublished(openapiDir)).toThrow(
      /openapi\/sources\/published\/openrouter-openapi\.yaml is not YAML\/JSON: /,
    );
  });

  it.each([
    ['3.0.3', 'openapi: 3.0.3\npaths: {}\n', /OpenAPI 3\.1 expected, found "3\.0\.3"/],
    ['no version', 'paths: {}\n', /OpenAPI 3\.1 expected, found "undefined"/],
  ])('refuses a description that is not OpenAPI 3.1 (%s), naming the file', (_, description, message) => {
    write({ description, source: SOURCE });
    expect(() => loadPublished(openapiDir)).toThrow(message);
    expect(() => loadPublished(openapiDir)).toThrow(/^openapi\/sources\/published\/openrouter-openapi\.yaml: /);
  });

  it('refuses a description without paths, naming the file', () => {
    write({ description: 'openapi: 3.1.0\ninfo: { title: t, version: "1" }\n', source: SOURCE });
    expect(() => loadPublished(openapiDir)).toThrow(
      /^openapi\/sources\/published\/openrouter-openapi\.yaml: has no paths/,
    );
  });
});
