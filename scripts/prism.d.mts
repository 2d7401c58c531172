// Types of scripts/prism.mjs, for the TypeScript tests that start Prism.
export interface Prism {
  url: string;
  port: number;
  stop(): Promise<void>;
}
export function freePort(): Promise<number>;
export function startPrism(options?: { proxy?: string }): Promise<Prism>;
