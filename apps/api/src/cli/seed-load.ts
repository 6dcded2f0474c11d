// `npm run seed:load -- --dossiers <n> [--days <d>] [--seed <s>] [--batch <b>]`
// `npm run seed:load -- --clear`
//
// Writes realistic generated dossiers for load and scale tests (issue 7): over the real catalogue
// (commune- and province-level procedures, Zipf-weighted toward hộ tịch, chứng thực, hộ kinh
// doanh…), received at the province's ward one-stop centres and the provincial service centre,
// 97 % online, each with an action log timed on the working calendar, states cut at "now" so the
// mix looks like a live system (mostly returned; some received, processing, waiting for a
// supplement or a payment; a few overdue, withdrawn, stopped, refused). Codes take their numbers
// from dos_code_counter exactly as intake does (one upsert per agency and day, in bulk), so later
// live intake never collides. Bulk COPY, one transaction per batch. Every generated dossier has
// formData {"generated": true} and action idempotency keys `seed:…`; `--clear` removes them.
//
// With DATABASE_URL, or the embedded default (EMBEDDED_PG_DIR / EMBEDDED_PG_PORT select another,
// e.g. the bench's: EMBEDDED_PG_DIR=.data/pg-bench EMBEDDED_PG_PORT=54330).
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { ProcedureDetail } from '@motcua/contracts';
import { Presets, SingleBar } from 'cli-progress';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createModules } from '../app.js';
import {
  startClock,
  type DeadlinePeriod,
  type WorkingCalendar,
} from '../modules/calendar/index.js';
import { legalPeriodOf } from '../modules/catalog/index.js';
import {
  foldActions,
  STATUS_CODES,
  type LoggedAction,
  type PinnedRules,
} from '../modules/dossiers/index.js';
import { systemClock } from '../platform/clock.js';
import { migrateDatabase } from '../platform/db/migrate.js';
import { withDatabase } from './with-database.js';

const { values: args } = parseArgs({
  options: {
    dossiers: { type: 'string' },
    days: { type: 'string' },
    seed: { type: 'string', default: '7' },
    batch: { type: 'string', default: '20000' },
    clear: { type: 'boolean', default: false },
  },
});

const usage =
  'Cách dùng / usage: npm run seed:load -- --dossiers <n> [--days <d>] [--seed <s>] [--batch <b>] | --clear';
const total = args.dossiers === undefined ? 0 : Number(args.dossiers);
const batchSize = Number(args.batch);
if (
  (!args.clear && !(Number.isInteger(total) && total > 0)) ||
  !(Number.isInteger(batchSize) && batchSize > 0)
) {
  console.error(usage);
  process.exit(2);
}
/** Đồng Nai: ≈ 4,800 dossiers a day (730,000 in five months). */
const PER_DAY = 4_800;
const days = args.days === undefined ? Math.max(1, Math.ceil(total / PER_DAY)) : Number(args.days);
if (!(Number.isInteger(days) && days > 0)) {
  console.error(usage);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness (mulberry32), so a seed reproduces the same data set.
let rngState = Number(args.seed) >>> 0 || 7;
function rand(): number {
  rngState = (rngState + 0x6d2b79f5) >>> 0;
  let t = rngState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const between = (a: number, b: number) => a + (b - a) * rand();
const intBetween = (a: number, b: number) => Math.floor(between(a, b + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

/** Cumulative weights → an index sampler (binary search). */
function sampler(weights: number[]): () => number {
  const cumulative = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (cumulative[i] = sum += w));
  return () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

// ---------------------------------------------------------------------------------------------
// People.
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng'];
const FAMILY_WEIGHTS = [38, 11, 9.5, 7, 5.1, 5, 4.5, 3.9, 3.5, 2.1];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Hoàng', 'Ngọc', 'Thanh', 'Đức', 'Thu', 'Quốc', 'Hữu'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dung',
  'Hà',
  'Hải',
  'Hạnh',
  'Hiếu',
  'Hoa',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phúc',
  'Phương',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vy',
  'Yến',
];
const familyOf = sampler(FAMILY_WEIGHTS);
const personName = () => `${FAMILY[familyOf()]} ${pick(MIDDLE)} ${pick(GIVEN)}`;
const digits = (n: number) => {
  let s = '';
  for (let i = 0; i < n; i += 1) s += Math.floor(rand() * 10);
  return s;
};

// ---------------------------------------------------------------------------------------------
// COPY text format.
function esc(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value
        .replaceAll('\\', '\\\\')
        .replaceAll('\t', '\\t')
        .replaceAll('\n', '\\n')
        .replaceAll('\r', '\\r')
    : value;
}
const N = '\\N';
const ts = (d: Date | null) => (d === null ? N : d.toISOString());

/** Time-ordered UUIDs (v7 layout): index inserts stay near the right edge of the b-tree. */
let uuidCounter = 0;
function uuidAt(ms: number): string {
  const h = Math.floor(ms).toString(16).padStart(12, '0');
  const c = (uuidCounter++).toString(16).padStart(12, '0');
  const r = Math.floor(rand() * 0x1000000)
    .toString(16)
    .padStart(6, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${c.slice(0, 3)}-8${c.slice(3, 6)}-${c.slice(6, 12)}${r}`;
}

// ---------------------------------------------------------------------------------------------
// The catalogue and the places.
interface Proc {
  code: string;
  version: number;
  commune: boolean;
  online: boolean;
  periods: Record<'online' | 'direct' | 'postal', DeadlinePeriod | null>;
  handlingAgencyId: string | null;
}

/** The catalogue's own time (the seed ignores local confirmations it did not make). */
const periodFor = (detail: ProcedureDetail, channel: 'online' | 'direct' | 'postal') =>
  legalPeriodOf({ ...detail, local: { ...detail.local, processingTime: null } }, channel);

/** Central agencies' fields listed at commune level in the national catalogue: not one-stop work. */
const NOT_ONE_STOP = /^(Hải quan|Thuế|Kho bạc)/i;
/** The one-stop centres' daily bread (Đồng Nai's reports: hộ tịch and chứng thực lead). */
const COMMON = [/hộ tịch/i, /chứng thực/i, /hộ kinh doanh/i];
const FREQUENT = [/đất đai/i, /bảo trợ xã hội|người có công|BHXH/i, /xây dựng|nhà ở/i, /nuôi con/i];
/** Zipf exponent over the ranked procedures, and how many ranks carry weight. */
const ZIPF_S = 1.1;
const MAX_PROCEDURES = 400;

// ---------------------------------------------------------------------------------------------
// One dossier's life.
type Kind =
  | 'submit'
  | 'receive'
  | 'refuse'
  | 'forward'
  | 'request_supplement'
  | 'supplement'
  | 'request_payment'
  | 'record_payment'
  | 'withdraw'
  | 'stop'
  | 'complete'
  | 'return_result';
interface Event {
  kind: Kind;
  at: Date;
  actor: string; // JSON
  payload: string; // JSON
}
const OFFICER_ACTOR = JSON.stringify({
  kind: 'officer',
  id: 'seed-load',
  role: 'receiving_officer',
});
const HANDLER_ACTOR = JSON.stringify({ kind: 'officer', id: 'seed-load', role: 'specialist' });
const SYSTEM_ACTOR = JSON.stringify({ kind: 'system', id: 'seed-load' });

interface Row {
  id: string;
  code: string;
  codeAgency: string;
  codeDay: string;
  proc: Proc;
  channel: 'online' | 'direct' | 'postal';
  postalRef: string | null;
  receivingAgencyId: string;
  competentAgencyId: string | null;
  applicant: string;
  applicantAccountId: string | null;
  filedAt: Date;
  events: Event[];
}

function logged(e: Event): LoggedAction {
  const payload = JSON.parse(e.payload) as Record<string, unknown>;
  return {
    action: { ...payload, kind: e.kind } as LoggedAction['action'],
    actor: JSON.parse(e.actor),
    at: e.at,
  };
}

const SUPPLEMENT_ITEMS = [
  'Bản sao giấy tờ chứng minh nơi cư trú',
  'Bản chính Giấy chứng nhận kết hôn để đối chiếu',
  'Văn bản ủy quyền có chứng thực',
  'Bản vẽ sơ đồ vị trí',
  'Tờ khai theo mẫu còn thiếu chữ ký',
];
const minutes = (n: number) => n * 60_000;

/** Action log of a dossier from filing to its end, cut at `now`. */
function lifeOf(cal: WorkingCalendar, row: Row, now: Date): Event[] {
  const events: Event[] = [];
  const addW = (at: Date, m: number) => cal.addWorkingMinutes(at, Math.max(0, Math.round(m)));
  const period = row.proc.periods[row.channel];
  const applicantActor = JSON.stringify({ kind: 'applicant', id: row.applicantAccountId ?? '' });
  const add = (kind: Kind, at: Date, actor: string, payload: Record<string, unknown> = {}) => {
    events.push({ kind, at, actor, payload: JSON.stringify(payload) });
    return at;
  };
  let t = row.filedAt;
  if (row.channel === 'online') {
    add('submit', t, applicantActor);
    t = addW(cal.snapToWorkingTime(t), intBetween(5, 360));
    if (rand() < 0.012) {
      add('refuse', t, OFFICER_ACTOR, {
        reason: 'Hồ sơ không thuộc thẩm quyền giải quyết hoặc không đúng thành phần theo quy định',
      });
      return events.filter((e) => e.at <= now);
    }
    add('receive', t, OFFICER_ACTOR);
  } else {
    add('receive', t, OFFICER_ACTOR, row.postalRef ? { postalRef: row.postalRef } : {});
  }
  const receivedAt = t;
  const clock = period ? startClock(cal, { receivedAt, period }) : null;
  // Working minutes the handler has from receipt to the due time (or a few days without one).
  const span = clock
    ? Math.max(30, cal.remainingWorkingMinutes(clock.due, receivedAt))
    : cal.dayMinutes * intBetween(2, 10);
  t = add('forward', addW(t, intBetween(5, Math.min(120, span / 4))), OFFICER_ACTOR, {
    step: 'appraise',
  });
  const fate = rand();
  if (fate < 0.008) {
    add('withdraw', addW(t, span * between(0.05, 0.6)), applicantActor, {
      reason: 'Người nộp xin rút hồ sơ',
    });
    return events.filter((e) => e.at <= now);
  }
  if (fate < 0.011) {
    add('stop', addW(t, span * between(0.1, 0.7)), HANDLER_ACTOR, {
      reason: 'Hồ sơ có dấu hiệu giả mạo giấy tờ, chuyển cơ quan có thẩm quyền',
    });
    return events.filter((e) => e.at <= now);
  }
  let used = span * between(0.02, 0.3);
  if (fate < 0.081) {
    // A supplement is requested once; the clock stands still until the applicant brings it.
    t = add('request_supplement', addW(t, used), HANDLER_ACTOR, {
      items: [pick(SUPPLEMENT_ITEMS)],
      reason: 'Hồ sơ chưa đầy đủ thành phần theo quy định',
    });
    if (rand() < 0.15) {
      // Never supplemented: closed after 15 working days (domain.md §1.4, S9).
      add('stop', addW(t, cal.dayMinutes * 15), SYSTEM_ACTOR, {
        reason: 'Quá thời hạn bổ sung hồ sơ theo quy định',
      });
      return events.filter((e) => e.at <= now);
    }
    t = add('supplement', addW(t, cal.dayMinutes * between(0.2, 8)), applicantActor);
  } else if (fate < 0.131) {
    t = add('request_payment', addW(t, used), HANDLER_ACTOR, {
      amountVnd: pick([8_000, 15_000, 50_000, 100_000, 500_000]),
    });
    t = add('record_payment', addW(t, cal.dayMinutes * between(0.05, 2)), SYSTEM_ACTOR, {
      amountVnd: 50_000,
      receiptNo: `BL${digits(8)}`,
    });
  }
  // 99 % finish within the legal time (Đồng Nai's reports); the rest late, some well past it.
  const late = rand() < 0.012;
  const share = late ? between(1.03, 1.8) : Math.min(0.98, 0.25 + 0.7 * rand() ** 1.6);
  used = Math.max(used, span * share);
  const completeAt = clock ? addW(receivedAt, used) : addW(t, used);
  t = add('complete', completeAt < t ? addW(t, 10) : completeAt, HANDLER_ACTOR, {
    resultCode: `KQ.${digits(9)}`,
  });
  if (row.channel === 'online' && rand() < 0.6) {
    add('return_result', new Date(t.getTime() + minutes(intBetween(1, 90))), SYSTEM_ACTOR, {
      method: 'online',
    });
  } else {
    add('return_result', addW(t, cal.dayMinutes * between(0.05, 3)), OFFICER_ACTOR, {
      method: row.channel === 'postal' ? 'post' : 'counter',
    });
  }
  return events.filter((e) => e.at <= now);
}

// ---------------------------------------------------------------------------------------------
const DOSSIER_COLUMNS =
  'id, code, procedure_code, procedure_version, channel, postal_ref, status, status_code, receiving_agency_id, competent_agency_id, applicant, applicant_account_id, form_data, filed_at, received_at, due_at, completed_at, clock, supplement_requests, extended, step, actions, created_at, updated_at';
const ACTION_COLUMNS = 'dossier_id, seq, kind, actor, at, payload, idempotency_key';
const GENERATED = JSON.stringify({ generated: true });

function copy(client: pg.PoolClient, sql: string, chunks: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyFrom(sql));
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    let i = 0;
    const write = () => {
      while (i < chunks.length) {
        if (!stream.write(chunks[i++]!)) {
          stream.once('drain', write);
          return;
        }
      }
      stream.end();
    };
    write();
  });
}

async function clear(pool: pg.Pool) {
  const started = performance.now();
  // The action log refuses DELETE (migration 0011, append-only). Generated history in a bench
  // database is no one's record: the schema owner removes it with the log's triggers off for
  // this one transaction (session_replication_role needs a superuser, as bench databases have).
  const client = await pool.connect();
  let actions: pg.QueryResult;
  let dossiers: pg.QueryResult;
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    actions = await client.query(
      `DELETE FROM dos_action a USING dos_dossier d
        WHERE a.dossier_id = d.id AND d.form_data @> '{"generated": true}'`,
    );
    dossiers = await client.query(
      `DELETE FROM dos_dossier WHERE form_data @> '{"generated": true}'`,
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  await pool.query('VACUUM ANALYZE dos_dossier');
  await pool.query('VACUUM ANALYZE dos_action');
  process.stdout.write(
    `Đã xóa ${dossiers.rowCount ?? 0} hồ sơ sinh tự động và ${actions.rowCount ?? 0} thao tác (${((performance.now() - started) / 1000).toFixed(1)} s). Bộ đếm mã hồ sơ giữ nguyên (mã không bao giờ dùng lại).\n`,
  );
}

await withDatabase(
  'seed-load',
  async ({ config, log, database, url }) => {
    const pool = database.pool;
    await migrateDatabase(database);
    if (args.clear) {
      await clear(pool);
      return;
    }
    const modules = createModules({ config, databaseUrl: url, clock: systemClock, log }, database);
    const cal = await modules.calendar.getCalendar();
    const now = systemClock.now();

    // Places: the wards' one-stop centres (competent: their People's Committee) and the
    // provincial service centre with its branches.
    const agencies = (await modules.organisation.listAgencies({})).items;
    const wards = agencies.filter((a) => a.kind === 'commune_service_centre' && a.active);
    const province = agencies.filter(
      (a) => (a.kind === 'service_centre' || a.kind === 'service_centre_branch') && a.active,
    );
    if (wards.length === 0 || province.length === 0) {
      throw new Error('no one-stop centres: seed the organisation first (npm run migrate)');
    }
    // Wards differ in size (log-normal); the provincial capital's central ward is among the busiest.
    const wardWeights = wards.map((w) =>
      /Trấn Biên/.test(w.name)
        ? 3
        : Math.exp(0.6 * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand())),
    );
    const wardOf = sampler(wardWeights);
    const provinceOf = sampler(province.map((a) => (a.kind === 'service_centre' ? 3 : 1)));

    // Procedures: commune and province level, ranked common-first, Zipf weights.
    const { rows: candidates } = await pool.query<{
      code: string;
      name: string;
      field: string;
      commune: boolean;
    }>(
      `SELECT code, name, field, 'Cấp xã' = ANY(levels) AS commune FROM cat_procedure
        WHERE is_public AND levels && ARRAY['Cấp xã', 'Cấp tỉnh'] ORDER BY code`,
    );
    const tier = (c: (typeof candidates)[number]) =>
      COMMON.some((r) => r.test(c.field) || r.test(c.name))
        ? 0
        : FREQUENT.some((r) => r.test(c.field))
          ? c.commune
            ? 1
            : 2
          : c.commune
            ? 2
            : 3;
    const ranked = candidates
      .filter((c) => !NOT_ONE_STOP.test(c.field))
      .map((c) => ({ c, tier: tier(c), shuffle: rand() }))
      .sort((a, b) => a.tier - b.tier || a.shuffle - b.shuffle)
      .map((x) => x.c);
    const procs: Proc[] = [];
    for (const c of ranked) {
      if (procs.length >= MAX_PROCEDURES) break;
      const detail = await modules.catalog.getProcedure(c.code).catch(() => undefined);
      if (!detail || detail.filing.where === 'ministry') continue;
      procs.push({
        code: c.code,
        version: detail.version.number,
        commune: detail.content.levels.includes('Cấp xã'),
        online: detail.content.channels.some((ch) => ch.channel === 'online'),
        periods: {
          online: periodFor(detail, 'online'),
          direct: periodFor(detail, 'direct'),
          postal: periodFor(detail, 'postal'),
        },
        handlingAgencyId: detail.local.handlingAgencyId,
      });
    }
    const procOf = sampler(procs.map((_, i) => 1 / (i + 1) ** ZIPF_S));

    // Days: the last `days` calendar days up to now; counters close at weekends and holidays.
    const dayMs = 86_400_000;
    const ict = 7 * 3_600_000;
    const todayStart = Math.floor((now.getTime() + ict) / dayMs) * dayMs - ict;
    const plan: Array<{ start: number; working: boolean; count: number }> = [];
    for (let i = days - 1; i >= 0; i -= 1) {
      const start = todayStart - i * dayMs;
      const date = new Date(start + ict).toISOString().slice(0, 10);
      const working = cal.isWorkingDate(date);
      const weekday = new Date(start + ict).getUTCDay();
      plan.push({
        start,
        working,
        count: (working ? (weekday === 1 ? 1.2 : 1) : 0.25) * between(0.85, 1.15),
      });
    }
    // Today only up to now.
    const last = plan[plan.length - 1]!;
    last.count *= Math.min(1, (now.getTime() - last.start) / dayMs) || 0.01;
    const weightSum = plan.reduce((s, d) => s + d.count, 0);
    let assigned = 0;
    for (const d of plan) {
      d.count = Math.floor((d.count / weightSum) * total);
      assigned += d.count;
    }
    for (let i = 0; assigned < total; i = (i + 1) % plan.length) {
      if (plan[plan.length - 1 - i]!.working) {
        plan[plan.length - 1 - i]!.count += 1;
        assigned += 1;
      }
    }
    const workingWindows = cal.windows;

    /** A filing instant on a day: online any hour with a daytime peak; counters in working time. */
    function instantOn(day: { start: number; working: boolean }, counter: boolean): number {
      if (counter) {
        const w = pick(workingWindows);
        return day.start + minutes(between(w.start, w.end - 1));
      }
      const hour = rand() < 0.85 ? between(7, 21) : between(0, 24);
      return day.start + hour * 3_600_000;
    }

    function makeDay(day: { start: number; working: boolean; count: number }): Row[] {
      const rows: Row[] = [];
      for (let i = 0; i < day.count; i += 1) {
        let proc = procs[procOf()]!;
        // Counters are closed on non-working days: only online filings then.
        for (let k = 0; !day.working && !proc.online && k < 20; k += 1) proc = procs[procOf()]!;
        let channel: Row['channel'] = 'online';
        const c = rand();
        if (!proc.online || c >= 0.97) channel = rand() < 0.8 ? 'direct' : 'postal';
        if (!day.working && channel !== 'online' && proc.online) channel = 'online';
        let filedMs = instantOn(day, channel !== 'online' && day.working);
        if (filedMs > now.getTime()) filedMs = between(day.start, now.getTime());
        const atWard = proc.commune && (rand() < 0.97 || !proc.handlingAgencyId);
        const receiving = atWard ? wards[wardOf()]! : province[provinceOf()]!;
        const accountId = channel === 'online' ? uuidAt(filedMs) : null;
        rows.push({
          id: uuidAt(filedMs),
          code: '',
          codeAgency: receiving.electronicId,
          codeDay: '',
          proc,
          channel,
          postalRef: channel === 'postal' ? `E${digits(9)}VN` : null,
          receivingAgencyId: receiving.id,
          competentAgencyId: atWard ? receiving.parentId : proc.handlingAgencyId,
          applicant: JSON.stringify({
            name: personName(),
            idNumber: `0${pick(['75', '70', '79', '74', '38'])}${digits(9)}`,
            phone: `0${pick(['9', '8', '3', '7'])}${digits(8)}`,
            email: rand() < 0.2 ? `congdan${digits(6)}@gmail.com` : null,
            address: `${receiving.name.replace(/^Trung tâm Phục vụ hành chính công /, '')}, Đồng Nai`,
          }),
          applicantAccountId: accountId,
          filedAt: new Date(filedMs),
          events: [],
        });
      }
      return rows;
    }

    const bar = new SingleBar(
      {
        format:
          'Sinh hồ sơ [{bar}] {percentage}% | {value}/{total} | {rate} hồ sơ/s | {duration_formatted} (còn {eta_formatted})',
        hideCursor: true,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    );
    const started = performance.now();
    bar.start(total, 0, { rate: 0 });
    let written = 0;
    let actionsWritten = 0;
    const statusCount = new Map<string, number>();
    let overdue = 0;

    /** Reserves each agency-day's numbers with the counter upsert intake uses (atomic, in bulk). */
    async function reserveCodes(rows: Row[]) {
      const needed = new Map<string, Row[]>();
      for (const row of rows) {
        const local = new Date(row.filedAt.getTime() + ict);
        row.codeDay = `${String(local.getUTCFullYear() % 100).padStart(2, '0')}${String(local.getUTCMonth() + 1).padStart(2, '0')}${String(local.getUTCDate()).padStart(2, '0')}`;
        const key = `${row.codeAgency}|${row.codeDay}`;
        const list = needed.get(key);
        if (list) list.push(row);
        else needed.set(key, [row]);
      }
      const keys = [...needed.keys()];
      const { rows: reserved } = await pool.query<{ e: string; d: string; last: number }>(
        `INSERT INTO dos_code_counter (electronic_id, day, last_value)
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
         ON CONFLICT (electronic_id, day)
           DO UPDATE SET last_value = dos_code_counter.last_value + excluded.last_value
         RETURNING electronic_id AS e, day AS d, last_value AS last`,
        [
          keys.map((k) => k.split('|')[0]),
          keys.map((k) => k.split('|')[1]),
          keys.map((k) => needed.get(k)!.length),
        ],
      );
      for (const r of reserved) {
        const list = needed.get(`${r.e}|${r.d}`)!;
        list.sort((a, b) => a.filedAt.getTime() - b.filedAt.getTime());
        let seq = r.last - list.length;
        for (const row of list) {
          seq += 1;
          row.code = `${r.e}-${r.d}-${String(seq).padStart(4, '0')}`;
        }
      }
    }

    async function render(rows: Row[]): Promise<{ dossiers: string[]; actions: string[] }> {
      const dossiers: string[] = [];
      const actions: string[] = [];
      let d = '';
      let a = '';
      for (let i = 0; i < rows.length; i += 1) {
        const row = rows[i]!;
        row.events = lifeOf(cal, row, now);
        const period = row.proc.periods[row.channel];
        // The rules the generator used, pinned in the first action as filing pins them, so
        // that the log alone rebuilds the row (npm run dossiers:verify).
        const rules: PinnedRules = {
          procedureVersion: row.proc.version,
          period,
          cutoffAfterMinutes: null,
          resumeMode: 'continue',
          supplementDays: null,
        };
        const first = row.events[0]!;
        first.payload = JSON.stringify({ ...(JSON.parse(first.payload) as object), rules });
        // The projection is what the dossier model's own rules fold the log to.
        const s = foldActions(row.events.map(logged), {
          cal,
          channel: row.channel,
          period,
          resumeMode: 'continue',
          process: null,
        });
        const dueAt = s.clock?.state === 'running' ? s.clock.due : null;
        statusCount.set(s.status, (statusCount.get(s.status) ?? 0) + 1);
        if (dueAt && dueAt < now && STATUS_CODES[s.status] < 9 && STATUS_CODES[s.status] !== 3) {
          overdue += 1;
        }
        const lastAt = row.events[row.events.length - 1]!.at;
        d += `${row.id}\t${row.code}\t${row.proc.code}\t${row.proc.version}\t${row.channel}\t${row.postalRef ?? N}\t${s.status}\t${STATUS_CODES[s.status]}\t${row.receivingAgencyId}\t${row.competentAgencyId ?? N}\t${esc(row.applicant)}\t${row.applicantAccountId ?? N}\t${GENERATED}\t${ts(row.filedAt)}\t${ts(s.receivedAt)}\t${ts(dueAt)}\t${ts(s.completedAt)}\t${s.clock ? esc(JSON.stringify(s.clock)) : N}\t${s.supplementRequests}\tf\t${s.step ?? N}\t${row.events.length}\t${ts(row.filedAt)}\t${ts(lastAt)}\n`;
        for (let k = 0; k < row.events.length; k += 1) {
          const e = row.events[k]!;
          a += `${row.id}\t${k + 1}\t${e.kind}\t${esc(e.actor)}\t${ts(e.at)}\t${esc(e.payload)}\tseed:${row.id}:${k + 1}\n`;
        }
        actionsWritten += row.events.length;
        if (i % 500 === 499) {
          dossiers.push(d);
          actions.push(a);
          d = '';
          a = '';
          // Let the previous batch's COPY stream out while this one is built.
          await yieldToLoop();
        }
      }
      dossiers.push(d);
      actions.push(a);
      return { dossiers, actions };
    }

    async function write(batch: { dossiers: string[]; actions: string[]; count: number }) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SET LOCAL synchronous_commit = off');
        await copy(client, `COPY dos_dossier (${DOSSIER_COLUMNS}) FROM STDIN`, batch.dossiers);
        await copy(client, `COPY dos_action (${ACTION_COLUMNS}) FROM STDIN`, batch.actions);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
      written += batch.count;
      const seconds = (performance.now() - started) / 1000;
      bar.update(written, { rate: Math.round(written / seconds) });
    }

    let pending: Promise<void> = Promise.resolve();
    let rows: Row[] = [];
    const flush = async () => {
      if (rows.length === 0) return;
      const batchRows = rows;
      rows = [];
      await reserveCodes(batchRows);
      const rendered = await render(batchRows);
      await pending; // one COPY at a time, the next batch built meanwhile
      pending = write({ ...rendered, count: batchRows.length });
      // Surface a failed COPY at the next await instead of as an unhandled rejection.
      pending.catch(() => undefined);
    };
    for (const day of plan) {
      rows.push(...makeDay(day));
      if (rows.length >= batchSize) await flush();
    }
    await flush();
    await pending;
    bar.stop();
    const loadSeconds = (performance.now() - started) / 1000;
    process.stderr.write('ANALYZE dos_dossier, dos_action, dos_code_counter…\n');
    await pool.query('ANALYZE dos_dossier');
    await pool.query('ANALYZE dos_action');
    await pool.query('ANALYZE dos_code_counter');
    const seconds = (performance.now() - started) / 1000;
    const mix = [...statusCount.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([s, n]) => `${s} ${((n / written) * 100).toFixed(1)} %`)
      .join(', ');
    const lines = [
      `Đã sinh ${written.toLocaleString('en')} hồ sơ và ${actionsWritten.toLocaleString('en')} thao tác trong ${days} ngày (${procs.length} thủ tục, ${wards.length} phường/xã + ${province.length} điểm cấp tỉnh).`,
      `Ghi: ${loadSeconds.toFixed(1)} s (${Math.round(written / loadSeconds).toLocaleString('en')} hồ sơ/s); tổng kể cả ANALYZE ${seconds.toFixed(1)} s.`,
      `Trạng thái: ${mix}; quá hạn đang mở: ${overdue.toLocaleString('en')}.`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  },
  { quiet: true, asOwner: true },
);
