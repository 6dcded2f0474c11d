import { WATCHED_TABLES, type PlanReport } from './plans.js';
import type { SyncBenchResult } from './sync.js';
import { describeWebBundle, type WebBundleReport } from './web-bundle.js';

export type BaselineName = 'bare const' | 'bare insert' | 'bare select';

export interface EndpointResult {
  name: string;
  kind: 'baseline' | 'real';
  /** For real endpoints: the baseline its throughput is compared with. */
  baseline?: BaselineName;
  requests: string[];
  reqPerSec: number;
  totalRequests: number;
  /** Mean bytes per response, headers included (autocannon throughput total / responses). */
  bytesPerResponse: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** autocannon's own histogram (integer ms; it has no p95). */
  autocannonLatencyMs: { p50: number; p90: number; p97_5: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** reqPerSec / baseline reqPerSec. */
  ratioToBaseline?: number;
  /** 1-minute load average of the machine when this endpoint's load ended. */
  loadAverage1m?: number;
}

export interface Goal {
  goal: string;
  measured: string;
  status: 'PASS' | 'MISS' | 'NOT MEASURED';
  note?: string;
}

export interface BenchReport {
  date: string;
  startedAt: string;
  finishedAt: string;
  machine: {
    cores: number;
    cpuModel: string;
    memoryGiB: number;
    platform: string;
    kernel: string;
    /** 1-minute load average just before the bench started its servers. */
    loadAverageBefore?: number;
    /** 1-minute load average when the loads ended. */
    loadAverageAfter?: number;
  };
  node: string;
  postgres: string;
  database: { mode: 'embedded' | 'DATABASE_URL'; where: string };
  settings: {
    connections: number;
    durationSeconds: number;
    warmupSeconds: number;
    apiProcess: Record<string, string>;
    latencySource: string;
  };
  catalogue: { procedures: number };
  /** The dossier loads: what is filed where, and the table's size when the loads ended. */
  dossiers: {
    procedure: string;
    receivingAgency: string;
    lookupCodes: number;
    /** Codes the dossier-page load cycles over (filed ones and the officer's agency's). */
    pageCodes?: number;
    /** Dossiers in the table when the bench started (seed:load). */
    rowsBeforeRun?: number;
    rowsAfterRun: number;
  };
  endpoints: EndpointResult[];
  goals: Goal[];
  notMeasured: Array<{ endpoint: string; reason: string }>;
  plans: PlanReport;
  /** Gzip size of the built web's public entry vs the whole app; null when not built. */
  webBundle?: WebBundleReport | null;
  /** The national sync's drain rate and lag (bench/sync.ts). */
  sync?: SyncBenchResult;
}

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
const percent = (r: number) => `${r < 0.1 ? (r * 100).toFixed(1) : (r * 100).toFixed(0)} %`;
const int = (v: number) => Math.round(v).toLocaleString('en-US');

export function toMarkdown(report: BenchReport): string {
  const lines: string[] = [];
  const { machine, settings } = report;
  lines.push(`# motcua benchmark — ${report.date}`, '');
  lines.push(
    `- Machine: ${machine.cores} cores, ${machine.cpuModel}, ${machine.memoryGiB} GiB RAM, ${machine.platform} ${machine.kernel}${machine.loadAverageBefore === undefined ? '' : `; 1-min load before the run ${machine.loadAverageBefore}`}${machine.loadAverageAfter === undefined ? '' : `, after ${machine.loadAverageAfter}`}`,
    `- Node ${report.node}; PostgreSQL ${report.postgres} (${report.database.mode}: ${report.database.where})`,
    `- Load: autocannon, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up then ${settings.durationSeconds} s per endpoint, one endpoint at a time; load generator, API, baseline server and PostgreSQL share the machine`,
    `- API: one process (${Object.entries(settings.apiProcess)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}); catalogue of ${int(report.catalogue.procedures)} procedures`,
    `- Dossiers: ${report.dossiers.rowsBeforeRun === undefined ? '' : `**${int(report.dossiers.rowsBeforeRun)} in the table at the start** (seed:load); `}intake of procedure ${report.dossiers.procedure} at ${report.dossiers.receivingAgency} by a receiving officer's API token (a new Idempotency-Key and applicant per request); the lookup cycles over ${int(report.dossiers.lookupCodes)} codes (filed before the loads, and sampled from the table); the officer queue and dossier page are that officer's (agency scope)${report.dossiers.pageCodes === undefined ? '' : `, the page cycling over ${int(report.dossiers.pageCodes)} of the agency's codes`}; ${int(report.dossiers.rowsAfterRun)} dossiers in the table at the end`,
    `- Latency: ${settings.latencySource}`,
    '',
  );
  lines.push(
    '| endpoint | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx | KiB/resp | vs baseline (req/s) | load 1m |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
  );
  for (const e of report.endpoints) {
    const vs =
      e.kind === 'baseline'
        ? '(baseline)'
        : e.ratioToBaseline === undefined
          ? '—'
          : `${percent(e.ratioToBaseline)} of ${e.baseline}`;
    lines.push(
      `| ${e.name} | ${int(e.reqPerSec)} | ${ms(e.latencyMs.p50)} | ${ms(e.latencyMs.p95)} | ${ms(e.latencyMs.p99)} | ${e.errors + e.timeouts} | ${e.non2xx} | ${(e.bytesPerResponse / 1024).toFixed(1)} | ${vs} | ${e.loadAverage1m ?? '—'} |`,
    );
  }
  lines.push(
    '',
    `Web bundle: ${report.webBundle ? describeWebBundle(report.webBundle) : 'not measured (run npm run build:web first)'}.`,
  );
  if (report.sync) {
    const { drain, bare, lag } = report.sync;
    lines.push(
      '',
      `National sync (${report.sync.targets.join(' + ')}): the filing loads' backlog drained at ${int(drain.eventsPerSec)} events/s (${int(drain.events)} events in ${drain.seconds.toFixed(1)} s), ${percent(drain.eventsPerSec / bare.eventsPerSec)} of the bare client sending as many events straight to the simulators (${int(bare.eventsPerSec)} events/s); under the intake load, action → acknowledged p50 ${lag.p50Seconds.toFixed(2)} s, p95 ${lag.p95Seconds.toFixed(2)} s, max ${lag.maxSeconds.toFixed(2)} s over ${int(lag.events)} events (a bare single send: p95 ${ms(lag.bareSendP95Ms)} ms).`,
    );
  }
  lines.push('', '## Goals (issue 7; reported, never asserted)', '');
  lines.push('| goal | measured | status |', '| --- | --- | --- |');
  for (const g of report.goals) {
    lines.push(`| ${g.goal} | ${g.measured} | ${g.status}${g.note ? ` — ${g.note}` : ''} |`);
  }
  if (report.notMeasured.length > 0) {
    lines.push('', '## Not measured', '');
    for (const n of report.notMeasured) lines.push(`- ${n.endpoint}: ${n.reason}`);
  }
  lines.push('', '## Query plans (EXPLAIN ANALYZE, BUFFERS; full plans in the JSON)', '');
  lines.push(
    Object.entries(report.plans.tables)
      .map(([t, v]) => `${t}: ${int(v.rows)} rows, ${(v.sizeBytes / 1024 / 1024).toFixed(1)} MiB`)
      .join('; ') + '.',
    '',
  );
  lines.push(
    `| query | statements | execution ms (each) | Seq Scan on ${WATCHED_TABLES.join(' / ')} |`,
    '| --- | ---: | --- | --- |',
  );
  for (const c of report.plans.cases) {
    lines.push(
      `| ${c.name.replaceAll('|', '\\|')} | ${c.statements.length} | ${c.statements
        .map((s) => (s.executionMs === null ? '?' : s.executionMs.toFixed(2)))
        .join(
          ', ',
        )} | ${c.watchedSeqScans.length > 0 ? `YES (${c.watchedSeqScans.join(', ')})` : 'no'} |`,
    );
  }
  lines.push('');
  return lines.join('\n');
}
