// Helpers for code that users of the OpenRouter API keep writing: model ids, PKCE sign-in,
// prices and costs, and choosing a provider endpoint. decimal.ts and price-reading.ts stay internal.
export * from './endpoint-choice';
export * from './endpoint-support';
export * from './model-id';
export * from './pkce';
export * from './pricing';
