// npm run build: src/ -> dist/, ESM (.js) and CommonJS (.cjs) with their declarations (.d.ts, .d.cts).
// Three entry points, the client, the tree-shakable functions (standalone) and the helpers; code both use (the error classes) goes into a shared
// chunk in each format, so `instanceof OpenRouterError` holds across them. `./paths` is types only:
// scripts/build-types-entries.mjs copies it (and `./schemas`) after this build (tsup's declaration step empties *.d.ts here).
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'helpers/index': 'src/helpers/index.ts', standalone: 'src/standalone.ts' },
  format: ['esm', 'cjs'],
  target: 'es2022',
  platform: 'neutral',
  dts: true,
  splitting: true,
  treeshake: false,
  sourcemap: false,
  minify: false,
  clean: true,
  outDir: 'dist',
  tsconfig: 'tsconfig.build.json',
});
