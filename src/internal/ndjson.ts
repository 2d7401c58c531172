// Reads newline-delimited JSON (what `Stream.toReadableStream()` writes) as the same event batches
// the SSE decoder gives, so a stream rebuilt from it behaves like the original: each line is one
// event's data.

import type { ServerSentEvent } from './sse';

export async function* readJsonLineBatches(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let partial = '';
  let finished = false;
  try {
    while (!finished) {
      const { done, value } = await reader.read();
      let text: string;
      if (done) {
        text = `${partial}${decoder.decode()}\n`;
        finished = true;
      } else {
        text = partial + decoder.decode(value, { stream: true });
      }
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      const batch: ServerSentEvent[] = [];
      for (const line of lines) {
        const data = line.endsWith('\r') ? line.slice(0, -1) : line;
        if (data !== '') batch.push({ event: undefined, data, id: undefined });
      }
      if (batch.length > 0) yield batch;
    }
  } finally {
    if (!finished) reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
