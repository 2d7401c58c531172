import { describe, expect, it } from 'vitest';

const { enumVarNames } = (await import(
  /* @vite-ignore */ new URL('../../scripts/normalize/steps/enum-names.mjs', import.meta.url).href
)) as { enumVarNames(values: (string | number)[]): string[] };

describe('enumVarNames (x-enum-varnames of open enums)', () => {
  it('names values in PascalCase from their letters and digits', () => {
    expect(enumVarNames(['in_progress', 'openai/gpt-4o', 'response.output_text.delta', 'GPT'])).toEqual([
      'InProgress',
      'OpenaiGpt4o',
      'ResponseOutputTextDelta',
      'GPT',
    ]);
  });

  it('keeps digits apart and never starts a name with a digit (aspect ratios, numbers)', () => {
    expect(enumVarNames(['1:1', '16:9', '9:19.5', '1:69', 0, -2])).toEqual([
      'Value1_1',
      'Value16_9',
      'Value9_19_5',
      'Value1_69',
      'Value0',
      'Minus2',
    ]);
  });

  it('gives each value its own name, also ignoring case', () => {
    expect(enumVarNames(['a-b', 'a_b', 'OpenAI', 'openai', '', '!'])).toEqual([
      'AB',
      'AB_2',
      'OpenAI',
      'Openai_2',
      'Empty',
      'Empty_2',
    ]);
  });
});
