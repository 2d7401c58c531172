import { describe, expect, it } from 'vitest';
import { extractSources } from './support';

// Synthetic pages shaped like the docs seeds (not read here): a `# ` heading per API page, a
// `Reference:` line under it, an `## OpenAPI Specification` with a fenced YAML block, then code
// samples in other languages.
const { findYamlBlocks } = await extractSources();

const fence = '```';
const fence4 = '````';

const bundlePage = [
  '**Navigation:** [← Previous](./03-tool-calling.md) | [Index](./index.md)',
  '',
  '---',
  '',
  '# List all models and their properties',
  '',
  'GET https://openrouter.ai/api/v1/models',
  '',
  'Reference: https://openrouter.ai/docs/api-reference/models/get-models',
  '',
  '## OpenAPI Specification',
  '',
  `${fence}yaml`,
  'openapi: 3.1.1',
  'paths:',
  '  /models:',
  '    get:',
  '      operationId: get-models',
  fence,
  '',
  '## SDK Code Examples',
  '',
  `${fence}python`,
  'import requests',
  fence,
  '',
  `${fence}javascript`,
  "const url = 'https://openrouter.ai/api/v1/models';",
  fence,
  '',
  '# List all embeddings models',
  '',
  'Reference: https://openrouter.ai/docs/api-reference/models/list-models-embeddings',
  '',
  '## OpenAPI Specification',
  '',
  `${fence}yaml`,
  'openapi: 3.1.1',
  'paths:',
  '  /models/embeddings: {}',
  fence,
  '',
  '# A page without a Reference line',
  '',
  `${fence}yaml`,
  'openapi: 3.1.1',
  `${fence}   `,
  '',
].join('\n');

describe('findYamlBlocks', () => {
  it('finds each YAML block with its page heading and Reference URL, and skips other languages', () => {
    expect(findYamlBlocks(bundlePage)).toEqual([
      {
        heading: 'List all models and their properties',
        reference: 'https://openrouter.ai/docs/api-reference/models/get-models',
        yaml: 'openapi: 3.1.1\npaths:\n  /models:\n    get:\n      operationId: get-models\n',
      },
      {
        heading: 'List all embeddings models',
        reference: 'https://openrouter.ai/docs/api-reference/models/list-models-embeddings',
        yaml: 'openapi: 3.1.1\npaths:\n  /models/embeddings: {}\n',
      },
      { heading: 'A page without a Reference line', reference: null, yaml: 'openapi: 3.1.1\n' },
    ]);
  });

  it('reads a four-backtick block whole, with three-backtick fences inside, and an info string after `yaml`', () => {
    const page = [
      '# List endpoints',
      '',
      `${fence4}yaml /openapi/openapi.yaml get /models/{author}/{slug}/endpoints`,
      'openapi: 3.1.0',
      'info:',
      '  description: |',
      `    ${fence}json`,
      '    {"a": 1}',
      `    ${fence}`,
      fence,
      'servers: []',
      fence4,
      '',
      `${fence}yaml`,
      'second: true',
      fence,
    ].join('\n');
    const blocks = findYamlBlocks(page);
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toEqual({
      heading: 'List endpoints',
      reference: null,
      yaml: `openapi: 3.1.0\ninfo:\n  description: |\n    ${fence}json\n    {"a": 1}\n    ${fence}\n${fence}\nservers: []\n`,
    });
    expect(blocks[1]?.yaml).toBe('second: true\n');
  });

  it('takes only `# ` headings, not `## ` ones, and no heading before the first', () => {
    const page = ['Intro', `${fence}yaml`, 'a: 1', fence, '# Page', '## Section', `${fence}yaml`, 'b: 2', fence].join(
      '\n',
    );
    expect(findYamlBlocks(page).map((b) => b.heading)).toEqual([null, 'Page']);
  });

  it('does not give a block the Reference URL of an earlier page', () => {
    const page = ['# First', 'Reference: https://example.com/first', '# Second', `${fence}yaml`, 'x: 1', fence].join(
      '\n',
    );
    expect(findYamlBlocks(page)).toEqual([{ heading: 'Second', reference: null, yaml: 'x: 1\n' }]);
  });

  it('needs `yaml` right after the fence, and a closing fence of the same length on its own line', () => {
    const page = [
      '# P',
      `${fence}yml`,
      'not: yaml-tagged',
      fence,
      `${fence4}yaml`,
      'unclosed: true',
      `${fence}`,
      'still: inside',
    ].join('\n');
    expect(findYamlBlocks(page)).toEqual([]);
    expect(findYamlBlocks('')).toEqual([]);
  });
});
