// Binary answers resolve to the Response with its body unread (content type kept, errors still typed);
// uploads are sent as multipart/form-data built from Blob/File/Uint8Array fields, with the boundary
// fetch chose, or as JSON where the description also takes JSON.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotFoundError, OpenRouterError } from '../../src';
import { clearClientEnv, clientWith, failureOf, onlyRequest, rejectionOf, retryNow } from './support/client';
import { json } from './support/scripted-fetch';

beforeEach(clearClientEnv);
afterEach(() => {
  vi.unstubAllEnvs();
});

const audioBytes = new Uint8Array([0x49, 0x44, 0x33, 0x04, 0x00]);
const audio = () => new Response(audioBytes, { headers: { 'content-type': 'audio/mpeg' } });

describe('binary answers', () => {
  it('audio.speech.create resolves to the Response, body unread, content type kept', async () => {
    const { client, requests } = clientWith({}, audio());
    const response = await client.audio.speech.create({
      input: 'Hello',
      model: 'openai/gpt-4o-mini-tts',
      voice: 'alloy',
    });
    expect(response).toBeInstanceOf(Response);
    expect(response.bodyUsed).toBe(false);
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(audioBytes);
    const request = onlyRequest(requests);
    expect(request.method).toBe('POST');
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(await request.json()).toEqual({ input: 'Hello', model: 'openai/gpt-4o-mini-tts', voice: 'alloy' });
  });

  it('the body can be streamed chunk by chunk', async () => {
    const { client } = clientWith({}, audio());
    const response = await client.files.content('file-1');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const chunks: number[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(...read.value);
    expect(chunks).toEqual([...audioBytes]);
  });

  it('files.content and videos.content put their ids (and query) into the URL', async () => {
    const { client, requests } = clientWith({}, audio(), audio());
    await client.files.content('file/1', { workspace_id: 'ws' });
    await client.videos.content('job-9', { index: 2 });
    expect(requests.map((r) => `${new URL(r.url).pathname}${new URL(r.url).search}`)).toEqual([
      '/api/v1/files/file%2F1/content?workspace_id=ws',
      '/api/v1/videos/job-9/content?index=2',
    ]);
  });

  it('a JSON error answer still rejects with its typed APIError', async () => {
    const { client } = clientWith({ maxRetries: 0 }, json({ error: { code: 404, message: 'no such file' } }, 404));
    const error = await rejectionOf(client.files.content('missing'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toContain('no such file');
  });

  it('.withResponse() gives the same Response as data and response', async () => {
    const { client } = clientWith({}, audio());
    const { data, response } = await client.videos.content('job-1').withResponse();
    expect(data).toBe(response);
  });

  it('a bad id is refused before any request', async () => {
    const { client, requests } = clientWith({});
    const error = await failureOf(() => client.files.content(''));
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as Error).message).toBe('files.content: `file_id` must be a non-empty string, got "".');
    expect(requests).toHaveLength(0);
  });
});

describe('multipart uploads', () => {
  const uploaded = { id: 'file-1', filename: 'notes.pdf' };

  it('files.create sends multipart/form-data with the file part, its name and the boundary fetch chose', async () => {
    const { client, requests } = clientWith({}, json(uploaded));
    const file = new File(['%PDF-1.7'], 'notes.pdf', { type: 'application/pdf' });
    expect(await client.files.create({ file }, { workspace_id: 'ws-1' })).toEqual(uploaded);
    const request = onlyRequest(requests);
    expect(request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(new URL(request.url).search).toBe('?workspace_id=ws-1');
    const form = await request.formData();
    const part = form.get('file') as File;
    expect(part.name).toBe('notes.pdf');
    expect(part.type).toBe('application/pdf');
    expect(await part.text()).toBe('%PDF-1.7');
  });

  it('takes bytes (Uint8Array, ArrayBuffer) as well as a Blob', async () => {
    const { client, requests } = clientWith({}, json(uploaded), json(uploaded));
    await client.files.create({ file: new Uint8Array([1, 2, 3]) });
    await client.files.create({ file: new Uint8Array([4, 5]).buffer });
    const sizes = await Promise.all(requests.map(async (r) => ((await r.formData()).get('file') as Blob).size));
    expect(sizes).toEqual([3, 2]);
  });

  it('a retried upload sends the same multipart body again', async () => {
    const { client, requests } = clientWith({ maxRetries: 1 }, retryNow(503), json(uploaded));
    await client.files.create({ file: new File(['abc'], 'a.txt') });
    expect(requests).toHaveLength(2);
    const texts = await Promise.all(requests.map(async (r) => ((await r.formData()).get('file') as File).text()));
    expect(texts).toEqual(['abc', 'abc']);
  });

  it('a missing or wrong file is refused before any request, naming the field', async () => {
    const { client, requests } = clientWith({});
    const error = await failureOf(() => client.files.create({ file: 'notes.pdf' as unknown as Blob }));
    expect(error).toBeInstanceOf(OpenRouterError);
    expect((error as Error).message).toBe(
      'files.create: `file` must be a Blob, a File, a Uint8Array or an ArrayBuffer (toFile(bytes, name) gives bytes a file name), got string.',
    );
    expect(requests).toHaveLength(0);
  });

  it('audio.transcriptions.create: multipart when `file` holds bytes, fields as text, arrays repeated', async () => {
    const { client, requests } = clientWith({}, json({ text: 'hello' }));
    await client.audio.transcriptions.create({
      file: new File([audioBytes], 'speech.mp3', { type: 'audio/mpeg' }),
      model: 'openai/whisper-large-v3',
      temperature: 0,
      'timestamp_granularities[]': ['word', 'segment'],
    });
    const request = onlyRequest(requests);
    expect(request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    const form = await request.formData();
    expect((form.get('file') as File).name).toBe('speech.mp3');
    expect(form.get('model')).toBe('openai/whisper-large-v3');
    expect(form.get('temperature')).toBe('0');
    expect(form.getAll('timestamp_granularities[]')).toEqual(['word', 'segment']);
  });

  it('audio.transcriptions.create: JSON for base64 audio (input_audio)', async () => {
    const { client, requests } = clientWith({}, json({ text: 'hello' }));
    const body = { input_audio: { data: 'UklGRiQA', format: 'wav' }, model: 'openai/whisper-large-v3' } as const;
    await client.audio.transcriptions.create(body);
    const request = onlyRequest(requests);
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(await request.json()).toEqual(body);
  });
});
