import OpenRouter from '../../../src';

const client = new OpenRouter();

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! ** 2;
    nb += b[i]! ** 2;
  }
  return dot / Math.sqrt(na * nb);
}

export async function similarity(x: string, y: string): Promise<number> {
  const res = await client.embeddings.create({ model: 'openai/text-embedding-3-small', input: [x, y] });
  const [a, b] = res.data.map((item) => item.embedding);
  const v: number[] = res.data[0]!.embedding;
  console.log(v.length, res.usage?.prompt_tokens);
  return cosine(a!, b!);
}

export async function compact(text: string): Promise<string> {
  const res = await client.embeddings.create({
    model: 'openai/text-embedding-3-small',
    input: text,
    encoding_format: 'base64',
  });
  return res.data[0]!.embedding;
}
