import { describe, expect, it } from 'vitest';
import { atPointer, locateResponseSchema, SpecValidator } from '../support/spec-validator';

// Answers of kinds no recording holds yet, built by hand from what providers are known to send:
// the description must accept them (the API grows; a client must not reject what it sends) and
// still reject what is wrong. Each value is checked against its operation's schema, found by
// operation like the realdata test does.

const validator = new SpecValidator();

function validatorFor(
  method: string,
  path: string,
  status: string,
  mediaType: 'application/json' | 'text/event-stream',
) {
  const location = locateResponseSchema(validator.spec, { method, path, status, mediaType });
  if ('missing' in location) throw new Error(location.missing);
  const validate = validator.at(location.pointer);
  return (value: unknown) => ({ ok: validate(value), why: validate(value) ? '' : SpecValidator.describe(validate, 3) });
}

const chunkOf = (choice: Record<string, unknown>) => ({
  id: 'gen-1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index: 0, ...choice }],
});
const chunk = validatorFor('post', '/chat/completions', '200', 'text/event-stream');

describe('chat stream chunks as providers send them', () => {
  it.each([
    [
      'a tool-call delta with an empty type',
      { delta: { tool_calls: [{ index: 0, type: '', function: { arguments: '{"a"' } }] } },
    ],
    [
      'a final tool-call delta without arguments',
      { delta: { tool_calls: [{ index: 0, id: 'c1', type: 'function', function: { name: 'f' } }] } },
    ],
    ['a tool-call delta with nulls', { delta: { tool_calls: [{ index: 1, id: null, type: null, function: null }] } }],
    [
      'a delta of nulls and empties',
      { delta: { role: '', content: '', reasoning: null, tool_calls: null, annotations: null } },
    ],
    ['an empty delta', { delta: {} }],
    ['logprobs as a bare number', { delta: { content: 'a' }, logprobs: -0.5 }],
    [
      'logprobs without top_logprobs or bytes',
      { delta: { content: 'a' }, logprobs: { content: [{ token: 'a', logprob: -0.1 }] } },
    ],
    ['logprobs with only refusal', { delta: {}, logprobs: { refusal: [] } }],
    [
      'logprobs in the legacy completions shape',
      { delta: { content: 'a' }, logprobs: { tokens: ['a'], token_logprobs: [-0.1] } },
    ],
    ['an annotation of a new type', { delta: { annotations: [{ type: 'zz_new_note', where: 3 }] } }],
  ])('accepts %s', (_, choice) => {
    const result = chunk(chunkOf(choice));
    expect(result.ok, result.why).toBe(true);
  });

  it.each([
    ['a tool-call delta whose index is a string', { delta: { tool_calls: [{ index: '0' }] } }],
    ['content as a number', { delta: { content: 5 } }],
    ['a url_citation annotation without its url_citation', { delta: { annotations: [{ type: 'url_citation' }] } }],
  ])('rejects %s', (_, choice) => {
    expect(chunk(chunkOf(choice)).ok).toBe(false);
  });
});

describe('chat completions', () => {
  const completion = validatorFor('post', '/chat/completions', '200', 'application/json');
  const withMessage = (message: Record<string, unknown>) => ({
    id: 'gen-1',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', ...message } }],
  });

  it('accepts an annotation of a new type, and rejects an array content (never recorded in an answer)', () => {
    const ok = completion(withMessage({ content: 'x', annotations: [{ type: 'zz_new_note', text: 'y' }] }));
    expect(ok.ok, ok.why).toBe(true);
    expect(completion(withMessage({ content: [{ type: 'text', text: 'x' }] })).ok).toBe(false);
    expect(completion(withMessage({})).ok).toBe(false);
  });
});

describe('Responses answers', () => {
  const body = validatorFor('post', '/responses', '200', 'application/json');
  const event = validatorFor('post', '/responses', '200', 'text/event-stream');
  const example = structuredClone(atPointer(validator.spec, '/components/schemas/OpenResponsesResult/example')) as {
    output: unknown[];
  };

  it('the base example is valid (so the probes below test the item alone)', () => {
    const result = body(example);
    expect(result.ok, result.why).toBe(true);
  });

  it('accepts an output item of a type the description does not list', () => {
    const result = body({ ...example, output: [...example.output, { type: 'zz_new_item', id: 'x', extra: { a: 1 } }] });
    expect(result.ok, result.why).toBe(true);
  });

  it('still rejects a known item with a wrong shape', () => {
    expect(body({ ...example, output: [{ type: 'function_call', name: 5 }] }).ok).toBe(false);
  });

  it.each([
    [
      'an output_item.added with an item of a new type',
      {
        type: 'response.output_item.added',
        output_index: 0,
        sequence_number: 1,
        item: { type: 'zz_new_item', id: 'x' },
      },
    ],
    ['an event of a new type', { type: 'response.zz_new_event', sequence_number: 2, anything: true }],
  ])('accepts %s', (_, value) => {
    const result = event(value);
    expect(result.ok, result.why).toBe(true);
  });
});
