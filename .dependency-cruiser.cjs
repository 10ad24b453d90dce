/**
 * The import directions of DESIGN.md, as checks: `npm run lint` (and so CI) fails on any
 * violation, and `npm run deps:graph` draws the same graph as docs/dependency-graph.svg.
 * test/architecture/dependency-rules.test.ts shows that each rule fails a deliberate violation.
 *
 * Paths are relative to the folder depcruise runs in, so the rules read the same in the
 * real tree and in the test's throw-away trees.
 */

/**
 * npm packages core/ may use: each parses or normalises values in memory and does no I/O.
 * A new one is a deliberate choice, made here.
 */
const PURE_PACKAGES = ['@sinclair/typebox', 'email-addresses', 'ipaddr.js', 'libmime', 'tr46'];
/** Single modules of larger packages that are pure functions of a string. */
const PURE_MODULES = ['nodemailer/dist/(cjs|esm)/addressparser/'];
const PURE = [...PURE_PACKAGES.map((p) => `${p.replace(/[.]/g, '\\.')}/`), ...PURE_MODULES];

/** Packages that talk to Office or Outlook: only addin/office may import them. */
const OFFICE_PACKAGES = '^node_modules/(@microsoft/office-js|@types/office-js|office-addin-)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-io-module',
      comment: 'core/ is pure: no Node built-in, and only the parsing packages and modules listed in PURE.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: {
        dependencyTypesNot: ['local', 'type-only'],
        pathNot: [`^node_modules/(${PURE.join('|')})`],
      },
    },
    {
      name: 'core-imports-no-node-builtin',
      comment: 'core/ is pure: not even a type from a Node built-in module.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-imports-only-core-contracts-i18n',
      comment: 'core/ knows nothing of the server, the add-in, the portal or the CLI.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/(core|contracts|i18n|types)/' },
    },
    {
      name: 'routes-call-services',
      comment: 'Routes are thin: schema, authorize, call a service. They never reach store/ or mail/.',
      severity: 'error',
      from: { path: '^src/server/routes/' },
      to: { path: '^src/server/(store|mail)/' },
    },
    {
      name: 'only-services-reach-store-and-mail',
      comment: 'store/ and mail/ are used by services/ and wired up by the composition roots (app.ts, main.ts, the CLI).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(server/(services|store|mail)/|server/(app|main)\\.ts$|cli/|cli\\.ts$)' },
      to: { path: '^src/server/(store|mail)/' },
    },
    {
      name: 'store-knows-no-domain-rules',
      comment: 'store/ keeps rows: values the domain computes (an expiry, a verdict) are passed in by services.',
      severity: 'error',
      from: { path: '^src/server/store/' },
      to: { path: '^src/core/' },
    },
    {
      name: 'services-write-no-sql',
      comment: 'Services call repositories in store/; no Kysely query is written inline in a service.',
      severity: 'error',
      from: { path: '^src/server/services/' },
      to: { path: '^node_modules/kysely/' },
    },
    {
      name: 'only-addin-office-touches-office',
      comment: 'Office.js is reached only through addin/office (its promise wrappers); eslint forbids the Office global elsewhere.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/addin/office/' },
      to: { path: OFFICE_PACKAGES },
    },
    {
      name: 'pages-share-only-contracts-and-i18n',
      comment: 'The add-in and the portal run in the browser and share with the server only contracts/ and i18n/.',
      severity: 'error',
      from: { path: '^src/(addin|admin)/' },
      to: { path: '^src/(server|core|cli)/|^src/cli\\.ts$' },
    },
    {
      name: 'server-imports-no-pages',
      comment: 'The server never imports browser code (the add-in, the portal, or the browser code they share in web/).',
      severity: 'error',
      from: { path: '^src/(server|core|cli|contracts|i18n)/|^src/cli\\.ts$' },
      to: { path: '^src/(addin|admin|web)/' },
    },
    {
      name: 'web-shares-only-contracts-and-i18n',
      comment: 'web/ is browser code the add-in and the portal share: it imports only contracts/, i18n/ and itself, never either page.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/', pathNot: '^src/(contracts|i18n|web)/' },
    },
    {
      name: 'contracts-stand-alone',
      comment: 'contracts/ is the shared truth of the wire: it imports only other contracts and TypeBox.',
      severity: 'error',
      from: { path: '^src/contracts/' },
      to: { path: '^src/', pathNot: '^src/contracts/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes load order matter and layers blur.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Packages are named by where npm put them (node_modules/...), also when a folder links
    // to its node_modules as the rules' test does.
    preserveSymlinks: true,
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    reporterOptions: {
      dot: {
        collapsePattern: '^(node_modules/(@[^/]+/)?[^/]+|src/[^/]+/[^/]+)',
      },
    },
  },
};
