import { describe, expect, it } from 'vitest';
import { hasRealdata, listRealdata, readRealdata } from '../support/realdata';
import { SpecValidator } from '../support/spec-validator';

// Truthfulness: every JSON body the live API was seen to send validates against the response
// schema of openapi.yaml, and every data line of the recorded streams against the chunk schema.

const bodies: [file: string, method: string, path: string, status: string][] = [
  ['models.2025-11.json', 'get', '/models', '200'],
  ['embeddings-models.2026-03.json', 'get', '/models/embeddings', '200'],
  ['endpoints/deepseek-chat-v3.1.2025-08.json', 'get', '/models/{author}/{slug}/endpoints', '200'],
  ['providers.2026-05.json', 'get', '/providers', '200'],
  ['key.2026-06.json', 'get', '/key', '200'],
  ...listRealdata('errors', '.json').map((file): [string, string, string, string] => {
    const status = file.match(/error\.(\d{3})\./)?.[1] ?? 'unknown';
    return [`errors/${file}`, 'get', '/models/{author}/{slug}/endpoints', status === '400' ? '404' : status];
  }),
  ...listRealdata('chat', '.json').map((file): [string, string, string, string] => {
    const status = file.match(/\.(\d{3})\.json$/)?.[1] ?? 'unknown';
    return [`chat/${file}`, 'post', '/chat/completions', status];
  }),
];

describe.skipIf(!hasRealdata)('realdata bodies validate against openapi.yaml', () => {
  const validator = new SpecValidator();
  it.each(bodies)('%s is a valid %s %s %s body', (file, method, path, status) => {
    const validate = validator.response(method, path, status);
    const valid = validate(JSON.parse(readRealdata(file)));
    expect(valid, SpecValidator.describe(validate)).toBe(true);
  });

  it.each(listRealdata('chat', '.sse'))('every data line of %s is a valid ChatCompletionChunk', (file) => {
    const validate = validator.component('ChatCompletionChunk');
    const data = readRealdata(`chat/${file}`)
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
      .map((line) => JSON.parse(line.slice(6)));
    expect(data.length).toBeGreaterThan(0);
    for (const chunk of data) expect(validate(chunk), SpecValidator.describe(validate)).toBe(true);
  });
});
