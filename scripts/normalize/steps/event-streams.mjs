import { operations } from '../walk.mjs';

const SCHEMA_REF = '#/components/schemas/';
const EVENT_STREAM = 'text/event-stream';

/**
 * Defect (published description): a stream is described as `text/event-stream` with an object
 * schema `{ event?, data: <Event> }`, which no generator or mock can use (hey-api keeps one media
 * type per status and drops the stream; Prism answers 500 for an object stream schema). Each
 * becomes what this document uses for every stream: a string schema with an SSE example (what
 * Prism serves), and the event's JSON schema linked by `x-sse-data` (what the SDK types).
 * A stream the description itself says is "not used" (a plain string schema, e.g. embeddings) is
 * removed: those operations do not stream.
 */
export function describeEventStreams(doc) {
  const schemas = doc.components?.schemas ?? {};
  for (const { op } of operations(doc)) {
    for (const response of Object.values(op.responses ?? {})) {
      const media = response.content?.[EVENT_STREAM];
      if (!media?.schema || media['x-sse-data']) continue;
      const wrapper = resolve(schemas, media.schema);
      const data = wrapper?.properties?.data;
      if (!data) {
        delete response.content[EVENT_STREAM];
        continue;
      }
      const name = typeof data.$ref === 'string' ? data.$ref.slice(SCHEMA_REF.length) : 'event';
      const sentinel = media['x-speakeasy-sse-sentinel'];
      const example = media.example ?? wrapper.example;
      response.content[EVENT_STREAM] = {
        'x-sse-data': data,
        schema: {
          type: 'string',
          description: `Server-Sent Events: each \`data:\` line is a ${name} as JSON${wrapper.properties.event ? ', after an `event:` line naming its type' : ''}; \`:\` lines are keep-alive comments${sentinel ? `; \`data: ${sentinel}\` ends the stream` : ''}.`,
        },
        ...(example?.data ? { example: sseExample(example, sentinel) } : {}),
      };
    }
  }
  return doc;
}

function resolve(schemas, schema) {
  return typeof schema?.$ref === 'string' ? schemas[schema.$ref.slice(SCHEMA_REF.length)] : schema;
}

/** `event: x\ndata: {...}\n\ndata: [DONE]\n\n` from an example `{ event?, data }`. */
export function sseExample(example, sentinel) {
  const event = example.event ? `event: ${example.event}\n` : '';
  return `${event}data: ${JSON.stringify(example.data)}\n\n${sentinel ? `data: ${sentinel}\n\n` : ''}`;
}
