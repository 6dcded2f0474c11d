// Module boundaries of motcua (docs/architecture.md §3). Checked by `npm run boundaries`.
const api = '^apps/api/src';
// Upstream first: a module may import only modules listed before it.
const order = [
  ['geography', 'calendar'],
  ['organisation'],
  ['identity'],
  ['catalog'],
  ['workflow', 'fees'],
  ['dossiers'],
  ['payments', 'feedback', 'notifications', 'ministry-ingest'],
  ['sync', 'reports'],
];
const directionRules = order.flatMap((level, i) => {
  const downstream = order.slice(i + 1).flat();
  const siblings = (name) => level.filter((n) => n !== name);
  return level.map((name) => ({
    name: `module-direction-${name}`,
    comment: `${name} must not depend on modules downstream of it (or its siblings); they learn of it through events`,
    severity: 'error',
    from: { path: `${api}/modules/${name}/` },
    to: { path: `${api}/modules/(${[...downstream, ...siblings(name)].join('|') || '__none__'})/` },
  }));
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'module-one-door',
      comment: 'A module reaches another module only through its index.ts',
      severity: 'error',
      from: { path: `${api}/modules/([^/]+)/` },
      to: {
        path: `${api}/modules/[^/]+/.+`,
        pathNot: [`${api}/modules/$1/`, `${api}/modules/[^/]+/index\\.ts$`],
      },
    },
    {
      name: 'module-one-door-outside',
      comment:
        'Code outside modules/ (app, cli, http, integrations) uses a module only through its index.ts',
      severity: 'error',
      from: { path: `${api}/`, pathNot: [`${api}/modules/`, '\\.test\\.ts$'] },
      to: { path: `${api}/modules/[^/]+/.+`, pathNot: `${api}/modules/[^/]+/index\\.ts$` },
    },
    ...directionRules,
    {
      name: 'platform-is-a-kernel',
      comment: 'platform/ holds no business words: it never imports modules, http or integrations',
      severity: 'error',
      from: { path: `${api}/platform/`, pathNot: `${api}/platform/testing/` },
      to: { path: `${api}/(modules|http|integrations)/` },
    },
    {
      name: 'modules-do-not-import-http',
      severity: 'error',
      from: { path: `${api}/modules/` },
      to: { path: `${api}/http/` },
    },
    {
      name: 'only-routes-know-fastify',
      comment: 'Use cases and repositories stay framework-free; *.routes.ts is the glue',
      severity: 'error',
      from: { path: `${api}/modules/`, pathNot: '\\.routes\\.ts$|\\.test\\.ts$' },
      to: { path: 'node_modules/(fastify|@fastify)/' },
    },
    {
      name: 'no-simulators-in-production-code',
      comment: 'Production code talks to external systems through clients and config URLs only',
      severity: 'error',
      from: {
        path: `${api}/`,
        pathNot: [
          `${api}/cli/`,
          `${api}/integrations/(simulators|sim-host)\\.ts$`,
          `${api}/integrations/[^/]+/simulator/`,
          '\\.test\\.ts$',
        ],
      },
      to: {
        path: [
          `${api}/integrations/[^/]+/simulator/`,
          `${api}/integrations/[^/]+/fake\\.ts$`,
          `${api}/integrations/simulators\\.ts$`,
        ],
      },
    },
    {
      name: 'web-does-not-import-api',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^apps/api/' },
    },
    {
      name: 'contracts-are-leaves',
      severity: 'error',
      from: { path: '^packages/contracts/' },
      to: { path: '^apps/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    exclude: { path: ['dist'] },
  },
};
