import OpenRouter from '../../../src';

const client = new OpenRouter();

export async function cite(question: string): Promise<string[]> {
  const completion = await client.chat.completions.create({
    model: 'openai/gpt-4o:online',
    messages: [{ role: 'user', content: question }],
    plugins: [{ id: 'web' }],
  });
  const urls: string[] = [];
  for (const annotation of completion.choices[0]?.message.annotations ?? []) {
    if (annotation.type === 'url_citation') {
      urls.push(annotation.url_citation.url);
      console.log(annotation.url_citation.title ?? annotation.url_citation.url);
    }
  }
  return urls;
}

export async function describeAnnotations(): Promise<string[]> {
  const completion = await client.chat.completions.create({
    model: 'x/y',
    messages: [{ role: 'user', content: 'hi' }],
  });
  return (completion.choices[0]?.message.annotations ?? []).map((annotation) => {
    switch (annotation.type) {
      case 'url_citation':
        return `link: ${annotation.url_citation.url}`;
      case 'file':
        return `file: ${annotation.file.name ?? annotation.file.hash ?? '?'}`;
      default:
        return `other: ${annotation.type}`;
    }
  });
}
