// Types of toolchain.mjs, for toolchain.test.ts.
export const TOOLCHAIN_DIR: string;
export const TOOLCHAIN_PACKAGES: { id: string; packages: string[] }[];
