// Types of runtimes.mjs, for the TypeScript matrix test.
export const RUNTIMES_DIR: string;
export const RUNTIME_PACKAGES: readonly { id: string; package: string; version: string; binary: string }[];
