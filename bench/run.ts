// `npm run bench [-- --duration 10 --warmup 2 --connections 50 --label name]`
//
// Starts the real API (child process, free loopback port) against DATABASE_URL or an embedded
// PostgreSQL of its own (.data/pg-bench, port 54330, never the demo's), a bare baseline server on
// the same database, loads each endpoint in turn with autocannon, checks the catalogue's query
// plans, and writes bench/results/<date>.json and .md (issue 7). The dossier loads (issue 6) use a
// receiving officer and API token the bench creates (bench/dossiers.ts) and deletes at the end.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../apps/api/src/config.js';
import { freePort, startChild, waitForHttp, type Child } from './children.js';
import {
  DOSSIER_PROCEDURE,
  fileDossiers,
  intakeRequest,
  loadRequiredComponents,
  onlineRequests,
  prepareDossierBench,
  signInCitizens,
  type CitizenSession,
  RECEIVING_AGENCY,
  type DossierBench,
} from './dossiers.js';
import {
  startSimulators,
  type RunningSimulators,
} from '../apps/api/src/integrations/simulators.js';
import { explainCatalog } from './plans.js';
import { preparePaymentCallbacks } from './payment-callbacks.js';
import { measureSync, type SyncBenchResult } from './sync.js';
import { measureWebBundle } from './web-bundle.js';
import {
  toMarkdown,
  type BaselineName,
  type BenchReport,
  type EndpointResult,
  type Goal,
} from './report.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    label: { type: 'string' },
    // Loads only the endpoints whose name contains this text (e.g. --only lookup, for profiling).
    only: { type: 'string' },
  },
});
const durationSeconds = Number(args.duration);
const warmupSeconds = Number(args.warmup);
const connections = Number(args.connections);
for (const [name, value] of [
  ['--duration', durationSeconds],
  ['--warmup', warmupSeconds],
  ['--connections', connections],
] as const) {
  if (!Number.isFinite(value) || value < 0 || (name !== '--warmup' && value < 1)) {
    console.error(`bench: ${name} must be a positive number`);
    process.exit(2);
  }
}

const SEARCH_QUERIES = [
  'khai sinh',
  'dang ky kinh doanh',
  'giay phep xay dung',
  'cấp bản sao',
  'dang ki khai sin', // typos: no accents, "ki" for "ký", "sin" for "sinh"
];
// The product caches search results (citizens repeat the same few searches), so the 5 queries
// above measure cache hits. These distinct queries, two or three words out of real procedure
// names, half without diacritics, measure the search engine itself: a 10 s run rarely repeats one.
const COLD_QUERY_COUNT = 3_000;
function coldQueries(): string[] {
  const dir = path.join(repoRoot, 'data/procedures');
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) =>
      (JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Array<{ ten_thu_tuc: string }>).map(
        (r) => r.ten_thu_tuc,
      ),
    );
  const fold = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd');
  const out = new Set<string>();
  for (let i = 0; out.size < COLD_QUERY_COUNT && i < names.length * 4; i += 1) {
    const words = (names[i % names.length] ?? '').replace(/^Thủ tục\s+/i, '').split(/\s+/);
    const start = Math.floor(i / names.length) * 2;
    const picked = words
      .slice(start, start + 2 + (i % 2))
      .join(' ')
      .toLowerCase();
    if (picked.length >= 4) out.add(i % 2 === 0 ? fold(picked) : picked);
  }
  return [...out];
}
const PROCEDURE_CODE = '1.001193';
const BENCH_ROWS = 10_000;

interface Target {
  name: string;
  kind: 'baseline' | 'real';
  server: 'api' | 'baseline';
  baseline?: BaselineName;
  requests: autocannon.Request[];
}

const get = (p: string): autocannon.Request => ({ method: 'GET', path: p });

const TARGETS: Target[] = [
  { name: 'bare const', kind: 'baseline', server: 'baseline', requests: [get('/bare/const')] },
  {
    name: 'bare insert',
    kind: 'baseline',
    server: 'baseline',
    requests: [
      {
        method: 'POST',
        path: '/bare/insert',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          hoTen: 'Nguyễn Văn An',
          thuTuc: PROCEDURE_CODE,
          kenh: 'truc_tuyen',
        }),
      },
    ],
  },
  {
    name: 'bare select',
    kind: 'baseline',
    server: 'baseline',
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({
          ...request,
          path: `/bare/select/${1 + Math.floor(Math.random() * BENCH_ROWS)}`,
        }),
      },
    ],
  },
  {
    name: 'catalogue search (5 queries)',
    kind: 'real',
    server: 'api',
    baseline: 'bare select',
    requests: SEARCH_QUERIES.map((q) => get(`/api/procedures?q=${encodeURIComponent(q)}`)),
  },
  {
    name: `catalogue search, ${COLD_QUERY_COUNT.toLocaleString('en')} distinct queries (cache misses)`,
    kind: 'real',
    server: 'api',
    baseline: 'bare select',
    requests: coldQueries().map((q) => get(`/api/procedures?q=${encodeURIComponent(q)}`)),
  },
  {
    name: `procedure page ${PROCEDURE_CODE}`,
    kind: 'real',
    server: 'api',
    baseline: 'bare select',
    requests: [get(`/api/procedures/${PROCEDURE_CODE}`)],
  },
  {
    name: 'procedure facets',
    kind: 'real',
    server: 'api',
    baseline: 'bare select',
    requests: [get('/api/procedures/facets')],
  },
  {
    name: 'admin units province=75',
    kind: 'real',
    server: 'api',
    baseline: 'bare select',
    requests: [get('/api/admin-units?province=75')],
  },
  {
    name: 'working-day deadline (3 variants)',
    kind: 'real',
    server: 'api',
    baseline: 'bare select',
    requests: [
      get(
        `/api/calendar/deadline?from=${encodeURIComponent('2025-09-15T09:30:00+07:00')}&amount=15&unit=working_days`,
      ),
      get(
        `/api/calendar/deadline?from=${encodeURIComponent('2026-02-13T16:10:00+07:00')}&amount=8&unit=working_hours&cutoffAfter=15:00`,
      ),
      get(
        `/api/calendar/deadline?from=${encodeURIComponent('2025-12-30T10:00:00+07:00')}&amount=30&unit=calendar_days&cutoffBeforeCloseMinutes=60`,
      ),
    ],
  },
  // Health reads the database (SELECT 1 and the job-queue count), so it compares with a select.
  {
    name: 'health',
    kind: 'real',
    server: 'api',
    baseline: 'bare select',
    requests: [get('/api/health')],
  },
];

/** Dossiers filed before the loads, whose codes the lookup load cycles over. */
const LOOKUP_CODES = 300;
/** Codes of dossiers already in the table (e.g. from seed:load) added to the lookup and page loads. */
const SAMPLED_CODES = 1_000;
const INTAKE_NAME = `dossier intake (counter, API token), procedure ${DOSSIER_PROCEDURE}`;
const ONLINE_NAME = `online filing (each required file uploaded to the draft, then the submission; citizen VNeID session), procedure ${DOSSIER_PROCEDURE}`;
/** Citizens signed in through the simulated VNeID; the online load files as each in turn. */
const CITIZENS = Math.max(50, connections);
const LOOKUP_NAME = 'public dossier lookup';
const QUEUE_NAME = 'officer queue (my agency, open, by urgency, page 1)';
const QUEUE_VIEWS_NAME = 'officer queue views (overdue, waiting supplement, page 2)';
const PAGE_NAME = 'dossier page (officer)';
/** Payments waiting for the platform's CONFIRM, one per dossier filed by the loads (each credits once). */
const PAYMENT_CALLBACKS = 30_000;
const PAYMENT_NAME = 'payment platform CONFIRM callbacks (signed; 1 in 5 a repeat)';

interface PaymentLoad {
  result: EndpointResult;
  duplicates: number;
  paid: number;
  initiated: number;
  credited: number;
  events: number;
}

/** Issue 17: callbacks handled at what rate, and each payment paid once however often it is told. */
function paymentGoals(payments: PaymentLoad | undefined): Goal[] {
  if (!payments) return [];
  const { result } = payments;
  const base = result.ratioToBaseline ?? 0;
  return [
    {
      goal: 'payment callbacks with repeats: throughput and p99 beside bare insert; each payment credited once',
      measured: `${Math.round(result.reqPerSec).toLocaleString('en')} req/s = ${(base * 100).toFixed(0)} % of bare insert, p99 ${result.latencyMs.p99.toFixed(1)} ms; ${payments.paid} payments paid, ${payments.credited} credited to their dossier, ${result.non2xx} non-2xx`,
      status: payments.paid === payments.credited && result.non2xx === 0 ? 'PASS' : 'MISS',
      note: 'the requests cycle: once every payment was confirmed, the rest of the run is repeats',
    },
  ];
}
const INTAKE_SYNC_NAME = `${INTAKE_NAME}, with the sync worker draining to DVCQG`;

/** Built once the officer's token and the dossiers to look up exist. */
function dossierTargets(
  bench: DossierBench,
  codes: { lookup: string[]; page: string[] },
  citizens: CitizenSession[],
): Target[] {
  const authorized = (p: string): autocannon.Request => ({
    method: 'GET',
    path: p,
    headers: { authorization: bench.authorization },
  });
  return [
    {
      name: LOOKUP_NAME,
      kind: 'real',
      server: 'api',
      baseline: 'bare select',
      requests: codes.lookup.map((code) =>
        get(`/api/dossiers/lookup?code=${encodeURIComponent(code)}`),
      ),
    },
    {
      name: QUEUE_NAME,
      kind: 'real',
      server: 'api',
      baseline: 'bare select',
      requests: [authorized('/api/officer/dossiers')],
    },
    {
      name: QUEUE_VIEWS_NAME,
      kind: 'real',
      server: 'api',
      baseline: 'bare select',
      requests: [
        authorized('/api/officer/dossiers?view=overdue'),
        authorized('/api/officer/dossiers?view=waiting_supplement'),
        authorized('/api/officer/dossiers?page=2'),
      ],
    },
    {
      name: PAGE_NAME,
      kind: 'real',
      server: 'api',
      baseline: 'bare select',
      requests: codes.page.map((code) => authorized(`/api/dossiers/${encodeURIComponent(code)}`)),
    },
    // Filings last: their thousands of new open dossiers at the officer's agency would otherwise
    // swell that officer's queue beyond what the loaded history has.
    // Online: citizens signed in through the simulated VNeID (session cookie + CSRF token).
    {
      name: ONLINE_NAME,
      kind: 'real',
      server: 'api',
      baseline: 'bare insert',
      requests: onlineRequests(bench, citizens),
    },
    // Counter intake runs the same filing code (file()) behind an officer's API token.
    {
      name: INTAKE_NAME,
      kind: 'real',
      server: 'api',
      baseline: 'bare insert',
      requests: [intakeRequest(bench)],
    },
  ];
}

const NOT_MEASURED: Array<{ endpoint: string; reason: string }> = [];

/** The sync's goals (issue 16): drain rate and lag, each beside its bare baseline. */
function syncGoals(
  sync: SyncBenchResult | undefined,
  intake: EndpointResult,
  whileDraining: EndpointResult | undefined,
): Goal[] {
  if (!sync) {
    return [
      {
        goal: 'outbox drain ≥ 1,000 events/s',
        measured: 'not run (--only)',
        status: 'NOT MEASURED',
      },
    ];
  }
  const rate = (n: number) => `${Math.round(n).toLocaleString('en')} events/s`;
  return [
    {
      goal: 'outbox drain to the simulated DVCQG + coordination system ≥ 1,000 events/s',
      measured: `${rate(sync.drain.eventsPerSec)} (${sync.drain.events.toLocaleString('en')} events in ${sync.drain.seconds.toFixed(1)} s); ${((sync.drain.eventsPerSec / sync.bare.eventsPerSec) * 100).toFixed(0)} % of the bare client's ${rate(sync.bare.eventsPerSec)}`,
      status: sync.drain.eventsPerSec >= 1_000 ? 'PASS' : 'MISS',
    },
    {
      goal: 'sync lag (action → acknowledged) p95 < 60 s under the intake load',
      measured: `p95 ${sync.lag.p95Seconds.toFixed(2)} s, p50 ${sync.lag.p50Seconds.toFixed(2)} s, max ${sync.lag.maxSeconds.toFixed(2)} s over ${sync.lag.events.toLocaleString('en')} events; ${Math.round((sync.lag.p95Seconds * 1000) / Math.max(sync.lag.bareSendP95Ms, 0.001))}× a bare single send's p95 of ${sync.lag.bareSendP95Ms.toFixed(1)} ms`,
      status: sync.lag.p95Seconds < 60 ? 'PASS' : 'MISS',
      note: `counter intake ${Math.round(whileDraining?.reqPerSec ?? 0)} req/s while the worker drains, ${Math.round(intake.reqPerSec)} req/s without`,
    },
  ];
}

/** 1-minute load average: the machine is shared, every number depends on it. */
function load1m(): number {
  return Math.round(os.loadavg()[0]! * 100) / 100;
}

function log(message: string) {
  process.stderr.write(`bench: ${message}\n`);
}

function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

function runAutocannon(
  url: string,
  requests: autocannon.Request[],
  seconds: number,
  onResponse?: (status: number, ms: number) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: seconds, timeout: 10, requests },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    if (onResponse)
      instance.on('response', (_client, status, _bytes, ms) => onResponse(status, ms));
  });
}

async function measure(url: string, target: Target): Promise<EndpointResult> {
  if (warmupSeconds > 0) await runAutocannon(url, target.requests, warmupSeconds);
  let samples = new Float64Array(1 << 16);
  let count = 0;
  const result = await runAutocannon(url, target.requests, durationSeconds, (status, ms) => {
    if (status < 200 || status >= 300) return; // like autocannon: latency of 2xx only
    if (count === samples.length) {
      const bigger = new Float64Array(samples.length * 2);
      bigger.set(samples);
      samples = bigger;
    }
    samples[count++] = ms;
  });
  const sorted = samples.subarray(0, count).sort();
  const mean = count === 0 ? 0 : sorted.reduce((a, b) => a + b, 0) / count;
  return {
    name: target.name,
    kind: target.kind,
    ...(target.baseline ? { baseline: target.baseline } : {}),
    requests: target.requests.map((r) => `${r.method ?? 'GET'} ${r.path ?? '(generated)'}`),
    reqPerSec: result.requests.average,
    totalRequests: result.requests.total,
    bytesPerResponse:
      result.requests.total > 0 ? Math.round(result.throughput.total / result.requests.total) : 0,
    latencyMs: {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: count === 0 ? 0 : sorted[count - 1]!,
      mean,
    },
    autocannonLatencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]),
    ),
  };
}

/** One request per path before the load: a wrong URL must fail loudly, not as a fast 404. */
async function preflight(url: string, target: Target) {
  // One context for the target's sequence, as one autocannon connection has.
  const context: Record<string, unknown> = {};
  for (const request of target.requests) {
    const made = request.setupRequest ? request.setupRequest(request, context) : request;
    const response = await fetch(`${url}${made.path}`, {
      method: made.method ?? 'GET',
      ...(made.headers ? { headers: made.headers } : {}),
      ...(made.body
        ? { body: typeof made.body === 'string' ? made.body : new Uint8Array(made.body) }
        : {}),
    });
    if (!response.ok) {
      throw new Error(
        `${target.name}: ${made.method ?? 'GET'} ${made.path} answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
      );
    }
    await response.arrayBuffer();
  }
}

function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

async function main() {
  const startedAt = new Date();
  // Other work on the machine distorts every number; the 1-minute load before we start shows it.
  const loadBefore = load1m();
  const apiPort = await freePort();
  // The simulated VNeID (and the national catalogue simulator beside it), in this process, for
  // the citizens of the online-submission load to sign in through.
  // The payment platform signs its callbacks with the partner's key: the bench's own, shared by
  // the simulator, the API and the callbacks the payment load sends (bench/payment-callbacks.ts).
  const paymentSecret = `bench-${randomBytes(12).toString('hex')}`;
  process.env.PAYMENT_SECRET = paymentSecret;
  const simulators: RunningSimulators = await startSimulators({
    basePort: 0,
    payment: { partnerCode: 'MOTCUA', secret: paymentSecret },
  });
  const productEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    // Production refuses the public demo token; the bench never uses the admin routes.
    ADMIN_TOKEN: process.env.ADMIN_TOKEN ?? `bench-${randomBytes(12).toString('hex')}`,
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '1000000000',
    // The bench measures lookup throughput, not the per-IP guard against listing codes.
    LOOKUP_RATE_LIMIT_PER_MINUTE: '1000000000',
    VNEID_ISSUER_URL: simulators.urls['vneid-sso'],
    // Production layout: the API process runs no jobs (see README, Production).
    WORKER_MODE: 'external',
    SERVE_WEB: 'false',
    // The national sync to the bench's simulators. No worker runs during the endpoint loads, so
    // their filings leave a backlog in the outbox; the sync phase then drains it (bench/sync.ts).
    SYNC_TARGETS: 'dvcqg,dieu-phoi',
    DVCQG_URL: simulators.urls['dvcqg'],
    DIEU_PHOI_URL: simulators.urls['dieu-phoi'],
    MINISTRY_SYSTEMS: '',
    PAYMENT_ENABLED: 'true',
    PAYMENT_PLATFORM_URL: simulators.urls['payment-platform'],
    PAYMENT_SECRET: paymentSecret,
    // Never the demo's data directory or port.
    EMBEDDED_PG_DIR: process.env.BENCH_PG_DIR ?? '.data/pg-bench',
    EMBEDDED_PG_PORT: process.env.BENCH_PG_PORT ?? '54330',
  };
  const config = loadConfig(productEnv);
  const embedded = !config.database.url;
  const databaseUrl =
    config.database.url ??
    `postgres://postgres:${encodeURIComponent(config.database.embedded.password)}@127.0.0.1:${config.database.embedded.port}/${config.database.embedded.database}`;

  const children: Child[] = [];
  let pool: pg.Pool | undefined;
  let schemaCreated = false;
  let dossierBench: DossierBench | undefined;
  const cleanup = async () => {
    for (const child of children.reverse()) {
      if (child.name === 'api' && dossierBench) {
        await dossierBench
          .cleanup()
          .catch((error: unknown) =>
            log(`could not delete the bench's dossiers: ${String(error)}`),
          );
        dossierBench = undefined;
      }
      if (child.name === 'api' && schemaCreated && pool) {
        // Drop the bench schema while the (possibly embedded) server still runs.
        await pool.query('DROP SCHEMA IF EXISTS bench CASCADE').catch(() => undefined);
        schemaCreated = false;
      }
      if (child.name === 'api') await pool?.end().catch(() => undefined);
      await child.stop();
    }
    children.length = 0;
    await simulators.close().catch(() => undefined);
  };
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log('interrupted; stopping the servers');
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    log(
      `starting the API on 127.0.0.1:${apiPort} (${embedded ? `embedded PostgreSQL ${config.database.embedded.dir}, port ${config.database.embedded.port}` : `DATABASE_URL ${describeUrl(databaseUrl)}`})`,
    );
    // BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the API process.
    const nodeArgs = process.env.BENCH_API_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
    const api = startChild('api', 'apps/api/src/main.ts', {
      cwd: repoRoot,
      env: productEnv,
      nodeArgs,
    });
    children.push(api);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    // The first start on an empty database migrates and loads the catalogue and reference data.
    await waitForHttp(`${apiUrl}/api/health`, api, 600_000);
    log('API ready');

    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    pool.on('error', () => undefined);
    const postgres =
      (await pool.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]
        ?.v ?? '?';
    const procedures =
      (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cat_procedure')).rows[0]
        ?.n ?? 0;
    await pool.query(`CREATE SCHEMA IF NOT EXISTS bench`);
    schemaCreated = true;
    await pool.query(`DROP TABLE IF EXISTS bench.bench_row`);
    await pool.query(`CREATE TABLE bench.bench_row (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      payload text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await pool.query(
      `INSERT INTO bench.bench_row (payload)
       SELECT json_build_object('hoTen', 'Nguyễn Văn An', 'thuTuc', $1::text, 'n', g)::text
         FROM generate_series(1, $2::int) AS g`,
      [PROCEDURE_CODE, BENCH_ROWS],
    );
    await pool.query('ANALYZE bench.bench_row');

    const baselinePort = await freePort();
    const baseline = startChild('baseline', 'bench/baseline-server.ts', {
      cwd: repoRoot,
      env: {
        ...process.env,
        BENCH_DATABASE_URL: databaseUrl,
        BENCH_PORT: String(baselinePort),
        BENCH_POOL_MAX: String(config.database.poolMax),
      },
    });
    children.push(baseline);
    const baselineUrl = `http://127.0.0.1:${baselinePort}`;
    await waitForHttp(`${baselineUrl}/bare/const`, baseline, 60_000);
    log('baseline server ready');

    const dossiersBefore =
      (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM dos_dossier')).rows[0]?.n ??
      0;
    dossierBench = await prepareDossierBench(apiUrl, databaseUrl);
    await loadRequiredComponents(apiUrl, dossierBench);
    const lookupCodes = await fileDossiers(apiUrl, dossierBench, LOOKUP_CODES);
    // Dossiers already there (seed:load): any of the province's for the public lookup, the
    // officer's agency's for the dossier page, so both loads read cold rows with long logs.
    const sampledAll = (
      await pool.query<{ code: string }>(
        `SELECT code FROM dos_dossier TABLESAMPLE BERNOULLI (least(100, 100.0 * $1 / greatest($2, 1)))
          LIMIT $1`,
        [SAMPLED_CODES * 2, dossiersBefore],
      )
    ).rows.map((r) => r.code);
    const sampledMine = (
      await pool.query<{ code: string }>(
        `SELECT code FROM dos_dossier WHERE receiving_agency_id = $1 ORDER BY random() LIMIT $2`,
        [dossierBench.agencyId, SAMPLED_CODES],
      )
    ).rows.map((r) => r.code);
    const codes = {
      lookup: [...new Set([...lookupCodes, ...sampledAll])].slice(0, LOOKUP_CODES + SAMPLED_CODES),
      page: [...new Set([...lookupCodes, ...sampledMine])],
    };
    log(
      `receiving officer, API token and ${lookupCodes.length} dossiers filed; ${dossiersBefore.toLocaleString('en')} dossiers were in the table (${codes.lookup.length} codes for the lookup, ${codes.page.length} for the dossier page)`,
    );
    const citizens = await signInCitizens(apiUrl, dossierBench, CITIZENS);
    log(`${citizens.length} citizens signed in through the simulated VNeID`);
    const targets = [...TARGETS, ...dossierTargets(dossierBench, codes, citizens)].filter(
      (t) => !args.only || t.kind === 'baseline' || t.name.includes(args.only),
    );

    const urlOf = (t: Target) => (t.server === 'api' ? apiUrl : baselineUrl);
    for (const target of targets) await preflight(urlOf(target), target);

    const endpoints: EndpointResult[] = [];
    for (const target of targets) {
      log(`${target.name}: ${warmupSeconds} s warm-up + ${durationSeconds} s`);
      const result = await measure(urlOf(target), target);
      result.loadAverage1m = load1m();
      endpoints.push(result);
      log(
        `  ${Math.round(result.reqPerSec)} req/s, p50 ${result.latencyMs.p50.toFixed(1)} ms, p95 ${result.latencyMs.p95.toFixed(1)} ms, p99 ${result.latencyMs.p99.toFixed(1)} ms, errors ${result.errors + result.timeouts}, non-2xx ${result.non2xx}, load ${result.loadAverage1m}`,
      );
    }
    for (const e of endpoints) {
      const base = endpoints.find((b) => b.kind === 'baseline' && b.name === e.baseline);
      if (e.kind === 'real' && base && base.reqPerSec > 0) {
        e.ratioToBaseline = e.reqPerSec / base.reqPerSec;
      }
    }

    let sync: SyncBenchResult | undefined;
    const intakeTarget = targets.find((t) => t.name === INTAKE_NAME);
    if (intakeTarget) {
      sync = await measureSync({
        databaseUrl,
        procedureCode: DOSSIER_PROCEDURE,
        urls: { dvcqg: simulators.urls['dvcqg']!, 'dieu-phoi': simulators.urls['dieu-phoi']! },
        startWorker: async () => {
          children.push(
            startChild('worker', 'apps/api/src/worker.ts', { cwd: repoRoot, env: productEnv }),
          );
        },
        intakeLoad: async () => {
          const result = await measure(apiUrl, { ...intakeTarget, name: INTAKE_SYNC_NAME });
          result.loadAverage1m = load1m();
          const base = endpoints.find((b) => b.name === result.baseline);
          if (base && base.reqPerSec > 0)
            result.ratioToBaseline = result.reqPerSec / base.reqPerSec;
          endpoints.push(result);
        },
        log,
      });
    }

    let payments: PaymentLoad | undefined;
    if (!args.only || PAYMENT_NAME.includes(args.only)) {
      const callbacks = await preparePaymentCallbacks(apiUrl, databaseUrl, PAYMENT_CALLBACKS);
      let nextCallback = 0;
      try {
        const target: Target = {
          name: PAYMENT_NAME,
          kind: 'real',
          server: 'api',
          baseline: 'bare insert',
          // autocannon runs a request list from its start on every connection: 50 connections
          // would send the same callback 50 times. One request drawing from a shared queue sends
          // each once, in order, its repeats where the list puts them.
          requests: [
            {
              method: 'POST',
              setupRequest: (request) => ({
                ...request,
                ...callbacks.requests[nextCallback++ % callbacks.requests.length],
              }),
            },
          ],
        };
        log(`${target.name}: ${warmupSeconds} s warm-up + ${durationSeconds} s`);
        const result = await measure(apiUrl, target);
        result.loadAverage1m = load1m();
        const base = endpoints.find((b) => b.name === result.baseline);
        if (base && base.reqPerSec > 0) result.ratioToBaseline = result.reqPerSec / base.reqPerSec;
        endpoints.push(result);
        payments = { result, duplicates: callbacks.duplicates, ...(await callbacks.outcome()) };
        log(
          `  ${Math.round(result.reqPerSec)} req/s, p99 ${result.latencyMs.p99.toFixed(1)} ms; ${payments.paid} paid, ${payments.credited} credited`,
        );
      } finally {
        await callbacks
          .cleanup()
          .catch((error: unknown) => log(`payment cleanup: ${String(error)}`));
      }
    }

    log('query plans');
    const plans = await explainCatalog({
      databaseUrl,
      config,
      searchQueries: SEARCH_QUERIES,
      procedureCode: PROCEDURE_CODE,
      dossierCodes: lookupCodes.slice(0, 1),
      // A generated (older, longer-logged) dossier when there is one, else a filed one.
      pageCodes: [sampledMine[0] ?? lookupCodes[0]!],
      queueAgencyIds: [dossierBench.agencyId],
    });
    const dossierCount =
      (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM dos_dossier')).rows[0]?.n ??
      0;

    const search = endpoints.find((e) => e.name.startsWith('catalogue search ('))!;
    const coldSearch = endpoints.find((e) => e.name.includes('cache misses'))!;
    const intake = endpoints.find((e) => e.name === INTAKE_NAME)!;
    const online = endpoints.find((e) => e.name === ONLINE_NAME)!;
    const lookup = endpoints.find((e) => e.name === LOOKUP_NAME)!;
    const queue = endpoints.find((e) => e.name === QUEUE_NAME)!;
    const queueViews = endpoints.find((e) => e.name === QUEUE_VIEWS_NAME)!;
    const page = endpoints.find((e) => e.name === PAGE_NAME)!;
    const atScale = dossiersBefore >= 1_000_000;
    const ratio = (e: EndpointResult) =>
      `${((e.ratioToBaseline ?? 0) * 100).toFixed(0)} % (${Math.round(e.reqPerSec).toLocaleString('en')} vs ${Math.round(
        endpoints.find((b) => b.name === e.baseline)?.reqPerSec ?? 0,
      ).toLocaleString('en')} req/s; p99 ${e.latencyMs.p99.toFixed(1)} ms vs ${(
        endpoints.find((b) => b.name === e.baseline)?.latencyMs.p99 ?? 0
      ).toFixed(1)} ms)`;
    const failures = endpoints.reduce((n, e) => n + e.errors + e.timeouts + e.non2xx, 0);
    // --only loads a subset: the goals need every endpoint.
    const goals: Goal[] = args.only
      ? []
      : [
          {
            goal: 'catalogue search p95 < 30 ms (repeated queries, served from the cache)',
            measured: `p95 ${search.latencyMs.p95.toFixed(1)} ms`,
            status: search.latencyMs.p95 < 30 ? 'PASS' : 'MISS',
          },
          {
            goal: 'catalogue search p95 < 30 ms (distinct queries, the engine itself)',
            measured: `p95 ${coldSearch.latencyMs.p95.toFixed(1)} ms`,
            status: coldSearch.latencyMs.p95 < 30 ? 'PASS' : 'MISS',
          },
          {
            goal: `no errors at ${connections} connections`,
            measured: `${failures} errors/timeouts/non-2xx over ${endpoints.length} endpoints`,
            status: failures === 0 ? 'PASS' : 'MISS',
          },
          {
            goal: 'online submission ≥ 50 % of bare insert',
            measured: ratio(online),
            status: (online.ratioToBaseline ?? 0) >= 0.5 ? 'PASS' : 'MISS',
            note: `requests of ${CITIZENS} citizens signed in through the simulated VNeID: ${dossierBench.components.online.length} upload(s) to the draft and POST /api/dossiers per filing, i.e. ${Math.round(online.reqPerSec / (dossierBench.components.online.length + 1)).toLocaleString('en')} filings/s; counter intake (same file()): ${ratio(intake)}`,
          },
          {
            goal: 'public lookup ≥ 60 % of bare select',
            measured: ratio(lookup),
            status: (lookup.ratioToBaseline ?? 0) >= 0.6 ? 'PASS' : 'MISS',
          },
          ...paymentGoals(payments),
          ...syncGoals(
            sync,
            intake,
            endpoints.find((e) => e.name === INTAKE_SYNC_NAME),
          ),
          {
            goal: 'officer queue p95 < 100 ms with 1,000,000 dossiers',
            measured: `p95 ${queue.latencyMs.p95.toFixed(1)} ms (views: ${queueViews.latencyMs.p95.toFixed(1)} ms; dossier page ${page.latencyMs.p95.toFixed(1)} ms) with ${dossiersBefore.toLocaleString('en')} dossiers`,
            status: !atScale
              ? 'NOT MEASURED'
              : queue.latencyMs.p95 < 100 && queueViews.latencyMs.p95 < 100
                ? 'PASS'
                : 'MISS',
            ...(atScale
              ? {}
              : { note: 'fewer than 1,000,000 dossiers loaded (npm run seed:load, see README)' }),
          },
        ];

    const cpus = os.cpus();
    const report: BenchReport = {
      date: localDate(startedAt),
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: {
        cores: cpus.length,
        cpuModel: cpus[0]?.model.trim() ?? 'unknown',
        memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
        platform: `${os.platform()}-${os.arch()}`,
        kernel: os.release(),
        loadAverageBefore: loadBefore,
        loadAverageAfter: load1m(),
      },
      node: process.version,
      postgres,
      database: embedded
        ? {
            mode: 'embedded',
            where: `${path.relative(repoRoot, config.database.embedded.dir)}, port ${config.database.embedded.port}`,
          }
        : { mode: 'DATABASE_URL', where: describeUrl(databaseUrl) },
      settings: {
        connections,
        durationSeconds,
        warmupSeconds,
        apiProcess: {
          NODE_ENV: 'production',
          LOG_LEVEL: 'warn',
          WORKER_MODE: 'external',
          RATE_LIMIT_PER_MINUTE: productEnv.RATE_LIMIT_PER_MINUTE!,
          DATABASE_POOL_MAX: String(config.database.poolMax),
        },
        latencySource:
          "p50/p95/p99 are nearest-rank percentiles of every 2xx response time (autocannon 'response' events, sub-ms precision); autocannon's own histogram has no p95, its p97.5 is kept in the JSON",
      },
      catalogue: { procedures },
      dossiers: {
        procedure: DOSSIER_PROCEDURE,
        receivingAgency: RECEIVING_AGENCY,
        lookupCodes: codes.lookup.length,
        pageCodes: codes.page.length,
        rowsBeforeRun: dossiersBefore,
        rowsAfterRun: dossierCount,
      },
      endpoints,
      goals,
      notMeasured: NOT_MEASURED,
      plans,
      webBundle: measureWebBundle(),
      ...(sync ? { sync } : {}),
    };

    const name = `${report.date}${args.label ? `-${args.label}` : ''}`;
    const dir = path.join(repoRoot, 'bench/results');
    await mkdir(dir, { recursive: true });
    const markdown = toMarkdown(report);
    await writeFile(path.join(dir, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(path.join(dir, `${name}.md`), markdown);
    process.stdout.write(`\n${markdown}\n`);
    log(`wrote bench/results/${name}.json and .md`);
  } finally {
    if (!interrupted) await cleanup();
  }
}

try {
  await main();
  process.exit(0);
} catch (error) {
  console.error(error);
  process.exit(1);
}
