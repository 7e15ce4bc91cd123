import { defineConfig } from 'tsup';

// What the package ships (dist/ is emptied first by `npm run build`, so the two builds below
// cannot delete each other's output):
// - the libraries `livestat` (the SDK), `livestat/server` and `livestat/testing`, as ESM and as
//   CommonJS (NestJS, Egg.js and older Express apps require() them), each with .d.ts / .d.cts;
// - the CLI, ESM only: only bin/livestat.js loads it.
const node = { target: 'node20', platform: 'node', sourcemap: true, clean: false } as const;

export default defineConfig([
  {
    ...node,
    entry: { index: 'src/index.ts', server: 'src/embed/index.ts', testing: 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    // One copy of each class per format: `livestat/testing`'s clients are `livestat`'s WeComClient.
    splitting: true,
    // import.meta.url (finding the package's demo scenario and dashboard) in the CommonJS build.
    shims: true,
    // typebox is ESM-only, and jest's require() cannot load an ES module: bundle it.
    noExternal: ['typebox'],
  },
  {
    ...node,
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    splitting: true,
    noExternal: ['typebox'],
  },
]);
