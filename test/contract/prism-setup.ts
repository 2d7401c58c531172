// Vitest globalSetup of the `contract` project: starts a Prism mock of openapi/openapi.yaml on a
// free port (scripts/prism.mjs), hands its URL to the tests (`inject('prismUrl')`), stops it after.
import type { TestProject } from 'vitest/node';
import { startPrism } from '../../scripts/prism.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const prism = await startPrism();
  project.provide('prismUrl', prism.url);
  return () => prism.stop();
}
