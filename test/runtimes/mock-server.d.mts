// Types of mock-server.mjs, for the TypeScript matrix test.
export type Files = Record<string, [string, string | Uint8Array]>;
export interface MockServer {
  origin: string;
  baseURL: string;
  requests: { method: string; path: string }[];
  setFiles(files: Files): void;
  close(): Promise<void>;
}
export function startMockServer(options?: { files?: Files }): Promise<MockServer>;
