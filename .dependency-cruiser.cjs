// The module arrows of src/, checked in `npm run lint` (and so in `npm test`). Each folder may import
// only the folders listed for it: a new arrow is a design decision, made here, in review. The graph is
// acyclic by construction (docs/ARCHITECTURE.md draws it). Specs and test helpers are exempt.

const SHARED = ['kernel', 'common', 'config', 'logging'];

/** folder → the folders it may import (besides itself and SHARED). */
const ARROWS = {
  metrics: [],
  audit: ['metrics'],
  officers: ['audit'],
  auth: ['audit', 'officers'],
  identity: ['audit'],
  envelope: ['audit', 'identity', 'metrics'],
  transport: ['identity'],
  alerts: [],
  identifiers: [],
  cases: ['alerts', 'audit', 'identifiers'],
  policy: ['audit', 'cases', 'identifiers'],
  federation: ['audit', 'envelope', 'identity', 'metrics', 'transport'],
  watchlist: ['alerts', 'audit', 'cases', 'identifiers', 'identity', 'metrics', 'policy', 'transport'],
  inbound: ['alerts', 'audit', 'envelope', 'federation', 'identifiers', 'policy'],
  screening: ['cases', 'identifiers', 'metrics', 'watchlist'],
  stix: ['audit', 'cases', 'identifiers', 'policy', 'watchlist'],
  sharing: ['audit', 'cases', 'envelope', 'federation', 'inbound', 'policy'],
  'hit-check': ['cases', 'identifiers', 'identity', 'policy', 'screening', 'transport', 'watchlist'],
  taxii: ['audit', 'identity', 'officers', 'stix', 'watchlist'],
  misp: ['audit', 'cases', 'identifiers', 'policy', 'sharing', 'stix', 'taxii', 'watchlist'],
  retention: ['inbound', 'transport', 'watchlist'],
  graphql: ['auth'],
  health: [],
  peers: ['federation', 'identity', 'watchlist'],
  console: [],
  // Exchanges as nodes (#18): the freeze protocol's bodies (pure), the agency side, the exchange side.
  'freeze-wire': ['cases', 'identifiers'],
  'freeze-requests': [
    'alerts',
    'audit',
    'cases',
    'envelope',
    'federation',
    'freeze-wire',
    'identifiers',
    'metrics',
    'policy',
    'transport',
  ],
  compliance: ['audit', 'cases', 'envelope', 'federation', 'freeze-wire', 'policy'],
  'wallet-screening': ['alerts', 'audit', 'envelope', 'federation', 'freeze-wire', 'identifiers', 'identity', 'policy'],
  // The conformance kit plays a node's side against a partner: our identity, the envelope, the wire schemas.
  conformance: ['envelope', 'federation', 'identity', 'transport'],
};

/** The kernel depends on nothing but itself; common only on the kernel. */
const BASE = {
  kernel: [],
  common: ['kernel'],
  config: ['kernel', 'common'],
  logging: ['kernel', 'common', 'config'],
};

/** Folders whose code never touches the database: pure cores and wiring. */
const SQL_FREE = [
  'kernel',
  'identifiers',
  'config',
  'logging',
  'graphql',
  'console',
  'policy/(policy-evaluation|case-redaction)',
  'freeze-wire',
  'stix/stix-(case|watchlist|import|observables|common|ids|vocabulary)',
];

const EXEMPT = '(\\.spec\\.ts|\\.test-helpers\\.ts)$';
const folders = (list) => `^src/(${list.join('|')})/`;

const arrowRules = Object.entries({
  ...BASE,
  ...Object.fromEntries(Object.entries(ARROWS).map(([k, v]) => [k, [...SHARED, ...v]])),
}).map(([from, allowed]) => ({
  name: `arrows-from-${from}`,
  comment: `src/${from}/ may import only ${allowed.length ? allowed.join(', ') : 'itself'}`,
  severity: 'error',
  from: { path: `^src/${from}/`, pathNot: EXEMPT },
  to: { path: '^src/', pathNot: folders([from, ...allowed]) },
}));

module.exports = {
  forbidden: [
    ...arrowRules,
    {
      name: 'no-circular',
      comment: 'No import cycles between files either.',
      severity: 'error',
      from: { path: '^src/', pathNot: EXEMPT },
      to: { circular: true },
    },
    {
      name: 'sql-free',
      comment: 'Pure cores and wiring never reach the database.',
      severity: 'error',
      from: { path: folders(SQL_FREE), pathNot: EXEMPT },
      to: { path: '^node_modules/(typeorm|pg|pg-boss|pg-copy-streams|@nestjs/typeorm)/' },
    },
    {
      name: 'one-sodium-loader',
      comment: 'libsodium is loaded in one place (kernel/crypto/sodium.ts): its WebAssembly must be ready first.',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/kernel/crypto/|${EXEMPT}` },
      to: { path: '^node_modules/libsodium-wrappers(-sumo)?/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'src-not-to-tests',
      severity: 'error',
      from: { path: '^src/', pathNot: EXEMPT },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'src-not-to-test-helpers',
      severity: 'error',
      from: { path: '^src/', pathNot: EXEMPT },
      to: { path: EXEMPT },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|dist-bench|console/dist)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
