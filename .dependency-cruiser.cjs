// The layer map of DESIGN.md and docs/ARCHITECTURE.md as rules; `npm run lint` fails on a break.
//   protocol ← domain ← store ← scenario ← server ← cli
//   client and export import protocol only; server may use export; cli wires everything;
//   src/ui talks HTTP only (type-only imports from protocol); src/index.ts is the SDK entry.
// A layer rule names what a layer MAY import (`pathNot`), so a new folder is forbidden until
// the map says where it sits. Tests (*.test.ts) may import anything, wherever they live.
const TEST = '\\.test\\.ts$';

/** A rule: files in `layer` may import only from `allowed` (folders under src/). */
function layer(name, from, allowed, comment) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: from, pathNot: TEST },
    to: { path: '^src/', pathNot: `^src/(${allowed.join('|')})/` },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle makes load order matter and the two files one unit in disguise.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    layer('protocol-imports-nothing', '^src/protocol/', ['protocol'], 'protocol is the wire contract; it imports nothing of ours.'),
    layer('domain-above-protocol', '^src/domain/', ['domain', 'protocol'], 'domain holds pure rules over the wire types.'),
    layer('store-above-domain', '^src/store/', ['store', 'domain', 'protocol'], 'store persists domain state; it knows no HTTP, scenario or CLI.'),
    layer('scenario-above-store', '^src/scenario/', ['scenario', 'store', 'domain', 'protocol'], 'a scenario seeds a store; it is not a server.'),
    layer('server-above-scenario', '^src/server/', ['server', 'scenario', 'store', 'domain', 'protocol', 'export'], 'server translates wire ⇄ domain ⇄ store, loads scenarios at run time (control API) and may write exports.'),
    layer('client-on-protocol', '^src/client/', ['client', 'protocol'], 'the SDK must work against the real WeCom, so it knows nothing of the server side.'),
    layer('export-on-protocol', '^src/export/', ['export', 'protocol'], 'exports turn wire viewers into files, for the CLI and the server alike.'),
    layer('sdk-entry', '^src/index\\.ts$', ['client', 'protocol', 'export'], 'the package entry exposes the SDK, its wire contract and the writers only.'),
    layer('ui-types-from-protocol', '^src/ui/', ['ui', 'protocol'], 'the page talks HTTP; at most it borrows the wire types.'),
    {
      name: 'ui-no-runtime-imports',
      comment: 'The page is bundled alone: even protocol may be imported for its types only.',
      severity: 'error',
      from: { path: '^src/ui/', pathNot: TEST },
      to: { path: '^src/(?!ui/)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'src-not-on-tests',
      comment: 'Shipped code never imports the test suite or the benchmarks.',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing would hide an edge from every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    // Type-only imports are edges too (a cycle of types is still a cycle), and the ui rule needs to see them.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
