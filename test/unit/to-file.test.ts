// Issue 19, item 8: bytes uploaded as a file need a name and a type (the API tells the audio format
// from them); `toFile(bytes, name, { type })` gives them both. Bare bytes are sent as `blob`,
// `application/octet-stream` (documented on `Uploadable`).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OpenRouterError, toFile } from '../../src';
import { clearClientEnv, clientWith, onlyRequest, thrownBy } from './support/client';
import { json } from './support/scripted-fetch';

beforeEach(clearClientEnv);
afterEach(() => {
  vi.unstubAllEnvs();
});

const wav = new Uint8Array([0x52, 0x49, 0x46, 0x46, 0x24, 0x00]);

describe('toFile', () => {
  it('is exported from the package root', () => {
    expect(typeof toFile).toBe('function');
  });

  it('gives uploaded bytes their file name and content type (audio.transcriptions.create)', async () => {
    const { client, requests } = clientWith({}, json({ text: 'hello' }));
    await client.audio.transcriptions.create({
      file: toFile(wav, 'speech.wav', { type: 'audio/wav' }),
      model: 'openai/whisper-large-v3',
    });
    const part = (await onlyRequest(requests).formData()).get('file') as File;
    expect(part.name).toBe('speech.wav');
    expect(part.type).toBe('audio/wav');
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(wav);
  });

  it('and for files.create', async () => {
    const { client, requests } = clientWith({}, json({ id: 'file-1' }));
    await client.files.create({ file: toFile(wav.buffer, 'notes.txt', { type: 'text/plain' }) } as never);
    const part = (await onlyRequest(requests).formData()).get('file') as File;
    expect([part.name, part.type]).toEqual(['notes.txt', 'text/plain']);
  });

  it('takes a Uint8Array, an ArrayBuffer, any other view, or a Blob (whose type it keeps unless given one)', async () => {
    const view = new DataView(wav.buffer, 1, 3);
    for (const [bytes, expected] of [
      [wav, [...wav]],
      [wav.buffer, [...wav]],
      [view, [...wav.slice(1, 4)]],
      [new Blob([wav]), [...wav]],
    ] as const) {
      const file = toFile(bytes, 'a.wav');
      expect(file.name).toBe('a.wav');
      expect([...new Uint8Array(await file.arrayBuffer())]).toEqual(expected);
    }
    expect(toFile(new Blob([wav], { type: 'audio/wav' }), 'a.wav').type).toBe('audio/wav');
    expect(toFile(new Blob([wav], { type: 'audio/wav' }), 'a.mp3', { type: 'audio/mpeg' }).type).toBe('audio/mpeg');
  });

  it('without a name, or with something that is not bytes, says what is wrong', () => {
    const noName = thrownBy(() => toFile(wav, '' as string));
    expect(noName).toBeInstanceOf(OpenRouterError);
    expect((noName as Error).message).toMatch(/file name/);
    const notBytes = thrownBy(() => toFile('hello' as never, 'a.txt'));
    expect(notBytes).toBeInstanceOf(OpenRouterError);
    expect((notBytes as Error).message).toMatch(/Uint8Array/);
  });
});
