// Open enums: the known values stay in the type (autocompletion, narrowing) and new values still
// compile, because the API adds providers, finish reasons and modalities all the time.
import { describe, expectTypeOf, test } from 'vitest';
import type { FinishReason, InputModality, OpenRouter, ProviderName, Quantization, ReasoningEffort } from '../../src';

declare const client: OpenRouter;

describe('ProviderName', () => {
  test('known and new values compile', () => {
    const known: ProviderName = 'OpenAI';
    const added: ProviderName = 'SomeNewProvider';
    expectTypeOf(known).toExtend<ProviderName>();
    expectTypeOf(added).toExtend<ProviderName>();
    client.models.parameters('openai/gpt-4', { provider: 'Anthropic' });
    client.models.parameters('openai/gpt-4', { provider: 'Tomorrow Cloud' });
  });

  test('is not plain string: the literal union is still there', () => {
    expectTypeOf<'OpenAI'>().toExtend<ProviderName>();
    expectTypeOf<ProviderName>().not.toEqualTypeOf<string>();
    expectTypeOf<Extract<ProviderName, 'OpenAI'>>().toEqualTypeOf<'OpenAI'>();
    expectTypeOf<Extract<ProviderName, 'OpenAI' | 'Anthropic' | 'Not A Provider'>>().toEqualTypeOf<
      'OpenAI' | 'Anthropic'
    >();
  });

  test('the parameter type of models.parameters is ProviderName', () => {
    expectTypeOf<NonNullable<Parameters<OpenRouter['models']['parameters']>[1]>['provider']>().toEqualTypeOf<
      ProviderName | undefined
    >();
  });

  test('a number is still not a provider', () => {
    // @ts-expect-error a provider name is a string
    const wrong: ProviderName = 42;
    void wrong;
  });
});

describe('other open enums', () => {
  test('FinishReason, InputModality, Quantization, ReasoningEffort keep their literals and admit new ones', () => {
    expectTypeOf<Extract<FinishReason, 'stop'>>().toEqualTypeOf<'stop'>();
    expectTypeOf<Extract<InputModality, 'image'>>().toEqualTypeOf<'image'>();
    expectTypeOf<Extract<Quantization, 'fp8'>>().toEqualTypeOf<'fp8'>();
    expectTypeOf<Extract<ReasoningEffort, 'high'>>().toEqualTypeOf<'high'>();
    const reason: FinishReason = 'new_reason';
    const modality: InputModality = 'smell';
    const quantization: Quantization = 'fp2';
    const effort: ReasoningEffort = 'maximal';
    void [reason, modality, quantization, effort];
    expectTypeOf<FinishReason>().not.toEqualTypeOf<string>();
  });
});
