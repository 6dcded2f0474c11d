// The national sync under load (issue 16): how fast the worker drains the outbox to the simulated
// DVCQG and coordination system, and how long an action waits to be acknowledged while the counter
// keeps filing. Each figure is set against a bare baseline measured in the same run: the same
// volume sent straight to the same simulators by the client alone (no database, no outbox).
import pg from 'pg';
import {
  createDvcqgClient,
  formatNationalDate,
  type DossierRecordInput,
  type ProgressRecordInput,
} from '../apps/api/src/integrations/dvcqg/index.js';

export interface SyncBenchResult {
  targets: string[];
  /** The backlog the filing loads left (no worker ran), drained by a worker started afterwards. */
  drain: { events: number; seconds: number; eventsPerSec: number };
  /** The same number of events as records + steps sent straight by the client, in batches. */
  bare: { events: number; seconds: number; eventsPerSec: number };
  /** Action → acknowledged, for the events created during an intake load with the worker on. */
  lag: {
    events: number;
    p50Seconds: number;
    p95Seconds: number;
    maxSeconds: number;
    /** One record sent alone straight to the simulator: the floor of any lag. */
    bareSendP95Ms: number;
  };
}

export interface SyncBenchInput {
  databaseUrl: string;
  procedureCode: string;
  /** The simulators' base URLs by target name. */
  urls: Record<'dvcqg' | 'dieu-phoi', string>;
  /** Starts the worker process; resolves when it runs. */
  startWorker: () => Promise<void>;
  /** Runs the intake load (the worker draining meanwhile); resolves when it ends. */
  intakeLoad: () => Promise<void>;
  log: (message: string) => void;
}

const TARGETS = ['dvcqg', 'dieu-phoi'] as const;

function nearestRank(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

async function waitForEmptyOutbox(pool: pg.Pool, timeoutMs: number, log: SyncBenchInput['log']) {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  for (;;) {
    const { rows } = await pool.query<{ pending: number; retrying: number }>(
      `SELECT count(*)::int AS pending, count(*) FILTER (WHERE attempts > 0)::int AS retrying
         FROM sync_outbox WHERE status = 'pending'`,
    );
    const { pending, retrying } = rows[0]!;
    if (pending === 0) return;
    if (retrying > 0 && retrying === pending) {
      throw new Error(
        `${pending} sync events wait for a retry: the simulated portals refused them`,
      );
    }
    if (Date.now() > deadline) throw new Error(`the outbox still holds ${pending} events`);
    if (pending !== last && Math.random() < 0.1) log(`  outbox: ${pending} pending`);
    last = pending;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const clients = (urls: SyncBenchInput['urls']) =>
  TARGETS.map((target) =>
    createDvcqgClient({
      target,
      baseUrl: urls[target],
      username: 'motcua',
      password: target === 'dvcqg' ? 'dvcqg-sim' : 'dieu-phoi-sim',
    }),
  );

/** A dossier as the drain sends a just-received one: its record and its first step. */
function syntheticDossier(
  code: string,
  procedureCode: string,
): [DossierRecordInput, ProgressRecordInput] {
  const at = formatNationalDate(new Date());
  return [
    {
      MaHoSo: code,
      MaTTHC: procedureCode,
      TenTTHC: 'Thủ tục đo tải',
      TrangThaiHoSo: 2,
      KenhThucHien: 1,
      ChuHoSo: 'Nguyễn Văn An',
      NgayNopHoSo: at,
      NgayTiepNhan: at,
      HoSoCoThanhPhanSoHoa: 0,
      TaiKhoanDuocXacThucVoiVNeID: 0,
      DuocThanhToanTrucTuyen: 0,
    },
    {
      MaHoSo: code,
      TrangThai: 2,
      ThoiDiemXuLy: at,
      NguoiXuLy: 'Cán bộ',
      NoiDungXuLy: 'Tiếp nhận hồ sơ',
    },
  ];
}

/** `events` events split over the targets as records + one step each, in the client's batches. */
async function bareSend(input: SyncBenchInput, events: number, run: string) {
  const perTarget = Math.ceil(events / TARGETS.length);
  const started = performance.now();
  await Promise.all(
    clients(input.urls).map(async (client) => {
      const dossiers = Array.from({ length: perTarget }, (_, i) =>
        syntheticDossier(`BENCH-${run}-${i}`, input.procedureCode),
      );
      for (let from = 0; from < dossiers.length; from += client.syncBatchSize) {
        const batch = dossiers.slice(from, from + client.syncBatchSize);
        await client.upsertDossiers(batch.map(([record]) => record));
        await client.updateProgress(batch.map(([, step]) => step));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    events: perTarget * TARGETS.length,
    seconds,
    eventsPerSec: (perTarget * TARGETS.length) / seconds,
  };
}

/** p95 of one record sent alone, `n` times, to DVCQG. */
async function bareSingleSendP95(input: SyncBenchInput, n: number, run: string) {
  const [client] = clients(input.urls);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const [record, step] = syntheticDossier(`BENCH-${run}-one-${i}`, input.procedureCode);
    const started = performance.now();
    await client!.upsertDossiers([record]);
    await client!.updateProgress([step]);
    times.push(performance.now() - started);
  }
  return nearestRank(
    times.sort((a, b) => a - b),
    95,
  );
}

export async function measureSync(input: SyncBenchInput): Promise<SyncBenchResult> {
  const pool = new pg.Pool({ connectionString: input.databaseUrl, max: 2 });
  pool.on('error', () => undefined);
  const run = Date.now().toString(36);
  try {
    const { rows: backlog } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sync_outbox WHERE status = 'pending'`,
    );
    input.log(`sync: ${backlog[0]!.n.toLocaleString('en')} events waiting; starting the worker`);
    const phaseStart = new Date();
    await input.startWorker();
    await waitForEmptyOutbox(pool, 600_000, input.log);
    const { rows: drained } = await pool.query<{ n: number; seconds: number }>(
      `SELECT count(*)::int AS n,
              extract(epoch FROM max(acknowledged_at) - min(sent_at))::float AS seconds
         FROM sync_outbox WHERE status = 'acknowledged' AND acknowledged_at >= $1`,
      [phaseStart],
    );
    const drain = {
      events: drained[0]!.n,
      seconds: drained[0]!.seconds ?? 0,
      eventsPerSec: drained[0]!.seconds ? drained[0]!.n / drained[0]!.seconds : 0,
    };
    input.log(`  drained ${drain.events} events in ${drain.seconds.toFixed(2)} s`);
    const bare = await bareSend(input, Math.max(drain.events, 1_000), run);
    input.log(`  bare client: ${bare.events} events in ${bare.seconds.toFixed(2)} s`);

    input.log('sync lag: intake load with the worker draining');
    const loadStart = new Date();
    await input.intakeLoad();
    const loadEnd = new Date();
    await waitForEmptyOutbox(pool, 300_000, input.log);
    const { rows: lags } = await pool.query<{ s: number }>(
      `SELECT extract(epoch FROM acknowledged_at - created_at)::float AS s
         FROM sync_outbox
        WHERE status = 'acknowledged' AND created_at >= $1 AND created_at <= $2
        ORDER BY 1`,
      [loadStart, loadEnd],
    );
    const sorted = lags.map((r) => r.s);
    const bareSendP95Ms = await bareSingleSendP95(input, 200, run);
    return {
      targets: [...TARGETS],
      drain,
      bare,
      lag: {
        events: sorted.length,
        p50Seconds: nearestRank(sorted, 50),
        p95Seconds: nearestRank(sorted, 95),
        maxSeconds: sorted.at(-1) ?? 0,
        bareSendP95Ms,
      },
    };
  } finally {
    await pool.end();
  }
}
