import { describe, expect, it } from 'vitest';
import { pipelineTags } from './support-steps';

const { mergeTags } = await pipelineTags();

describe('mergeTags', () => {
  const base = [
    { name: 'Models', description: 'The models.' },
    { name: 'API Keys', description: 'Our wording.' },
  ];

  it("keeps base.yaml's tags first, then adds the published description's other tags in its order (no empty description)", () => {
    const publishedTags = [
      { name: 'Embeddings', description: 'Vectors.' },
      { name: 'Models', description: 'Their wording.' },
      { name: 'Rerank' },
    ];
    expect(mergeTags(base, publishedTags, {})).toStrictEqual([
      ...base,
      { name: 'Embeddings', description: 'Vectors.' },
      { name: 'Rerank' },
    ]);
  });

  it('renames published tags like the operations’ tags, so a renamed tag base.yaml has is not repeated', () => {
    const publishedTags = [
      { name: 'subpackage_apiKeys', description: 'Their wording.' },
      { name: 'subpackage_oAuth', description: 'PKCE.' },
    ];
    expect(mergeTags(base, publishedTags, { subpackage_apiKeys: 'API Keys', subpackage_oAuth: 'OAuth' })).toEqual([
      ...base,
      { name: 'OAuth', description: 'PKCE.' },
    ]);
  });

  it('adds a published tag once when two of its names map to one', () => {
    const publishedTags = [{ name: 'Chat' }, { name: 'subpackage_chat', description: 'later' }];
    expect(mergeTags([], publishedTags, { subpackage_chat: 'Chat' })).toEqual([{ name: 'Chat' }]);
  });

  it('does not change the lists it is given', () => {
    const baseTags = [{ name: 'Models' }];
    const publishedTags = [{ name: 'Rerank' }];
    mergeTags(baseTags, publishedTags, {});
    expect(baseTags).toEqual([{ name: 'Models' }]);
    expect(publishedTags).toEqual([{ name: 'Rerank' }]);
  });
});
