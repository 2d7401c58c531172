// Types of check-names.mjs, for the TypeScript matrix test.
export const CHECK_NAMES: readonly string[];
