import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { IntegrationError } from '../../integrations/integration-error.js';
import {
  DossierRecord,
  type DossierRecordInput,
  type DvcqgClient,
  type SyncTarget,
} from '../../integrations/dvcqg/index.js';
import type { Clock } from '../../platform/clock.js';
import { isTransientDatabaseError, type Db, type DbExecutor } from '../../platform/db/database.js';
import { enqueueJob, type JobDefinitions } from '../../platform/jobs/jobs.js';
import type { Logger } from '../../platform/logger.js';
import type { AppendedAction, DossierSnapshot, DossiersService } from '../dossiers/index.js';
import { createIncidents, type IncidentInput } from './incidents.js';
import { dossierRecord, progressRecords } from './mapping.js';
import { createReconciliation, RECONCILE_TASK } from './reconciliation.js';
import { isRetryable, sendParcels, type Delivery, type Parcel } from './send.js';
import { dossierById } from './sync.repository.js';
import { syncOutbox } from './sync.schema.js';

export const DRAIN_TASK = 'sync:drain';
/** Events sent per drain round; a round takes one lock, then the next round starts. */
const ROUND = 2_000;
/** Backoff after a failure: 5 s, 10 s, 20 s … at most 10 minutes. */
const backoffMs = (attempts: number) => Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 600_000);
// Only one drain at a time, whichever worker runs it: per-dossier order depends on it.
const DRAIN_LOCK = 7_514_016;
/** The sequence of a "send the current record again" event: before every logged step. */
const REFRESH_SEQ = -1;

export interface SyncDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** The national systems this province sends to, each through its client. */
  targets: Array<{ target: SyncTarget; client: DvcqgClient }>;
  dossiers: Pick<DossiersService, 'snapshotsOf' | 'snapshotByCode' | 'codesOf' | 'idOf'>;
  /** A receiving agency's name (the payload's DonViXuLy); reconciliation and incidents use it. */
  agencyName?: (id: string) => Promise<string | undefined>;
}

/**
 * Fields without which a record is not worth sending: the portal's identity (§4.3) and what a
 * strict portal refuses without (the procedure's name, the applicant). [U] beyond the identity.
 */
const BUILD_REQUIRED: ReadonlyArray<keyof DossierRecordInput> = [
  'MaHoSo',
  'MaTTHC',
  'TenTTHC',
  'ChuHoSo',
];

/** Our own data cannot make a payload: retrying cannot help, an administrator must fix it. */
export class PayloadError extends Error {
  override name = 'PayloadError';
}

/** The record to send, or a PayloadError naming what is missing. */
function buildRecord(dossier: DossierSnapshot): DossierRecordInput {
  let record: DossierRecordInput;
  try {
    record = dossierRecord(dossier);
  } catch (error) {
    throw new PayloadError(
      `Không dựng được dữ liệu gửi Cổng cho hồ sơ ${dossier.code}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const missing = BUILD_REQUIRED.filter((f) => {
    const value = record[f];
    return value === undefined || value === null || String(value).trim() === '';
  });
  const parsed = DossierRecord.safeParse(record);
  if (missing.length > 0 || !parsed.success) {
    const fields = missing.length > 0 ? missing : parsed.error!.issues.map((i) => i.path.join('.'));
    throw new PayloadError(
      `Không dựng được dữ liệu gửi Cổng cho hồ sơ ${dossier.code}: thiếu hoặc sai trường ${fields.join(', ')}.`,
    );
  }
  return record;
}

type OutboxRow = typeof syncOutbox.$inferSelect;

/** A snapshot of the round's bulk read, or the PayloadError that says why there is none. */
function readable(snapshot: DossierSnapshot | Error | undefined): DossierSnapshot {
  if (snapshot instanceof Error) {
    // A database that blinked passes (retried); anything else is the dossier's own data.
    if (isTransientDatabaseError(snapshot)) throw snapshot;
    throw new PayloadError(`Không đọc được dữ liệu hồ sơ để gửi Cổng: ${snapshot.message}`);
  }
  if (!snapshot)
    throw new PayloadError('Không đọc được dữ liệu hồ sơ để gửi Cổng: không còn hồ sơ.');
  return snapshot;
}

export function createSyncService(deps: SyncDeps) {
  const { db } = deps;
  const agencyName = deps.agencyName ?? (async () => undefined);
  const incidents = createIncidents({ db, clock: deps.clock });

  /**
   * A dossier the portal refused, or whose payload we could not build, is an error dossier of the
   * day (seed 002) with what the portal shows of it now.
   */
  async function deadLetterIncident(
    target: string,
    client: DvcqgClient,
    dossierId: string,
    dossier: DossierSnapshot | undefined,
    error: unknown,
    message: string,
  ): Promise<IncidentInput> {
    const row = await dossierById(db, dossierId);
    const code = dossier?.code ?? row?.code ?? dossierId;
    const shown = row ? await client.lookupDossier(code).catch(() => undefined) : undefined;
    const ours = dossier ? dossierRecord(dossier) : undefined;
    const pick = (r: Record<string, unknown>) =>
      Object.fromEntries(
        [
          'MaTTHC',
          'TenTTHC',
          'TrangThaiHoSo',
          'ChuHoSo',
          'NgayNopHoSo',
          'NgayTiepNhan',
          'NgayHenTra',
        ]
          .filter((f) => r[f] !== undefined)
          .map((f) => [f, r[f] as string | number]),
      );
    return {
      source: error instanceof PayloadError ? 'payload' : 'dead_letter',
      kind: error instanceof PayloadError ? 'payload' : 'dead_letter',
      target,
      code,
      dossierId: row ? dossierId : null,
      procedureCode: row?.procedureCode ?? null,
      agencyId: row?.receivingAgencyId ?? null,
      agencyName: row ? ((await agencyName(row.receivingAgencyId)) ?? null) : null,
      ourStatus: row?.statusCode ?? null,
      portalStatus: shown ? Number(shown.TrangThaiHoSo) : null,
      portalMessage: message,
      facts: {
        ...(ours ? { ours: { MaHoSo: code, ...pick(ours) } } : {}),
        ...(shown ? { theirs: { MaHoSo: code, ...pick(shown) } } : {}),
      },
    };
  }

  /**
   * Puts one dossier's events for one target back in the queue, due now. `record` sends the
   * current record only (a refresh row before every step, seq -1), `all` every step again.
   */
  async function requeue(
    tx: DbExecutor,
    target: string,
    dossierId: string,
    mode: 'all' | 'record',
  ): Promise<number> {
    const now = deps.clock.now();
    const again = await tx
      .update(syncOutbox)
      .set({ status: 'pending', nextAttemptAt: now })
      .where(
        and(
          eq(syncOutbox.target, target),
          eq(syncOutbox.dossierId, dossierId),
          inArray(
            syncOutbox.status,
            mode === 'all' ? ['pending', 'dead', 'acknowledged'] : ['pending', 'dead'],
          ),
        ),
      )
      .returning({ id: syncOutbox.id });
    let requeued = again.length;
    if (mode === 'record' || requeued === 0) {
      await tx
        .insert(syncOutbox)
        .values({
          target,
          dossierId,
          seq: REFRESH_SEQ,
          kind: 'refresh',
          createdAt: now,
          nextAttemptAt: now,
        })
        .onConflictDoUpdate({
          target: [syncOutbox.target, syncOutbox.dossierId, syncOutbox.seq],
          set: { status: 'pending', nextAttemptAt: now, lastError: null },
        });
      requeued += 1;
    }
    await enqueueJob(tx, DRAIN_TASK, {}, { jobKey: DRAIN_TASK, maxAttempts: 25 });
    return requeued;
  }

  const reconciliation = createReconciliation({
    db,
    clock: deps.clock,
    log: deps.log,
    targets: deps.targets,
    agencyName,
    incidents,
    requeue,
  });

  /** In the transaction that appended the action: one outbox row per target, and a drain job. */
  async function enqueue(tx: DbExecutor, event: AppendedAction): Promise<void> {
    if (deps.targets.length === 0) return;
    const now = deps.clock.now();
    await tx
      .insert(syncOutbox)
      .values(
        deps.targets.map(({ target }) => ({
          target,
          dossierId: event.dossierId,
          seq: event.seq,
          kind: event.kind,
          createdAt: now,
          nextAttemptAt: now,
        })),
      )
      .onConflictDoNothing();
    // A burst of actions wakes one drain, which sends them all. A drain already waiting to run
    // will see this event: adding to it would lock its job row until this transaction commits,
    // and every filing at once would queue on that one row. (Should that drain start before
    // this commits, the next action's drain, or the minute's sweep below, sends the event.)
    const waiting = await tx.execute(
      sql`SELECT 1 FROM graphile_worker.jobs
           WHERE task_identifier = ${DRAIN_TASK} AND locked_at IS NULL AND run_at <= now()
           LIMIT 1`,
    );
    if (waiting.rows.length === 0) {
      await enqueueJob(tx, DRAIN_TASK, {}, { jobKey: DRAIN_TASK, maxAttempts: 25 });
    }
  }

  /**
   * Sends what is due, oldest first, in order per dossier and target: a dossier whose earlier
   * event waits for a retry sends nothing newer meanwhile. Each dossier goes as its current
   * record (DongBoHoSoMC, created or updated) and its new steps (CapNhatTienDoHoSoMC).
   */
  async function drainRound(): Promise<{
    sent: number;
    failed: number;
    more: boolean;
    busy?: boolean;
  }> {
    return db.transaction(async (tx) => {
      const locked = await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${DRAIN_LOCK}) AS ok`);
      if (!(locked.rows[0] as { ok: boolean }).ok) {
        return { sent: 0, failed: 0, more: false, busy: true };
      }
      const now = deps.clock.now();
      const due = (await tx
        .select()
        .from(syncOutbox)
        .where(
          sql`${syncOutbox.status} = 'pending' AND ${syncOutbox.nextAttemptAt} <= ${now}
              AND NOT EXISTS (SELECT 1 FROM sync_outbox earlier
                WHERE earlier.target = ${syncOutbox.target}
                  AND earlier.dossier_id = ${syncOutbox.dossierId}
                  AND earlier.status = 'pending' AND earlier.seq < ${syncOutbox.seq}
                  AND earlier.next_attempt_at > ${now})`,
        )
        .orderBy(asc(syncOutbox.target), asc(syncOutbox.dossierId), asc(syncOutbox.seq))
        .limit(ROUND + 1)) as OutboxRow[];
      const more = due.length > ROUND;
      const groups = new Map<string, OutboxRow[]>();
      for (const row of due.slice(0, ROUND)) {
        const key = `${row.target}|${row.dossierId}`;
        groups.set(key, [...(groups.get(key) ?? []), row]);
      }
      // One read for every dossier of the round. A database outage fails the round (the job is
      // retried); a dossier whose own data cannot be read becomes its PayloadError below.
      const snapshots = await deps.dossiers.snapshotsOf(
        [...groups.values()].map((rows) => rows[0]!.dossierId),
      );
      const settled: Array<{ rows: OutboxRow[]; delivery: Delivery; client: DvcqgClient }> = [];
      await Promise.all(
        deps.targets.map(async ({ target, client }) => {
          const parcels: Array<Parcel & { rows: OutboxRow[] }> = [];
          for (const rows of groups.values()) {
            if (rows[0]!.target !== target) continue;
            const snapshot = snapshots.get(rows[0]!.dossierId);
            try {
              const dossier = readable(snapshot);
              parcels.push({
                rows,
                record: buildRecord(dossier),
                steps: progressRecords(dossier, new Set(rows.map((r) => r.seq))),
              });
            } catch (error) {
              settled.push({ rows, client, delivery: { ok: false, error } });
            }
          }
          for (const [parcel, delivery] of await sendParcels(client, parcels)) {
            settled.push({ rows: parcel.rows, client, delivery });
          }
        }),
      );

      const acknowledged = settled.flatMap((s) => (s.delivery.ok ? s.rows.map((r) => r.id) : []));
      if (acknowledged.length > 0) {
        await tx
          .update(syncOutbox)
          .set({
            status: 'acknowledged',
            attempts: sql`${syncOutbox.attempts} + 1`,
            sentAt: now,
            acknowledgedAt: deps.clock.now(),
            lastError: null,
          })
          .where(inArray(syncOutbox.id, acknowledged));
      }
      let failed = 0;
      for (const { rows, client, delivery } of settled) {
        if (delivery.ok) continue;
        const { error } = delivery;
        const { target, dossierId } = rows[0]!;
        failed += rows.length;
        const message = error instanceof Error ? error.message : String(error);
        const retry = !(error instanceof PayloadError) && isRetryable(error);
        const attempts = rows[0]!.attempts + 1;
        await tx
          .update(syncOutbox)
          .set(
            retry
              ? {
                  attempts,
                  sentAt: now,
                  lastError: message,
                  nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
                }
              : { status: 'dead', attempts, sentAt: now, lastError: message },
          )
          // Every pending event of the dossier waits with it, so none overtakes.
          .where(
            and(
              eq(syncOutbox.target, target),
              eq(syncOutbox.dossierId, dossierId),
              eq(syncOutbox.status, 'pending'),
            ),
          );
        deps.log.warn({ target, dossierId, retry, err: error }, 'sync send failed');
        if (!retry) {
          const snapshot = snapshots.get(dossierId);
          await incidents.record(tx, [
            await deadLetterIncident(
              target,
              client,
              dossierId,
              snapshot instanceof Error ? undefined : snapshot,
              error,
              message,
            ),
          ]);
        }
      }
      return { sent: acknowledged.length, failed, more };
    });
  }

  /** The job: rounds until nothing is due; a drain for the earliest retry is scheduled. */
  async function drain(): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    let busy = false;
    for (let round = 0; round < 100; round++) {
      const result = await drainRound();
      sent += result.sent;
      failed += result.failed;
      busy = result.busy ?? false;
      if (!result.more) break;
    }
    const [next] = await db
      .select({ at: sql<Date>`min(${syncOutbox.nextAttemptAt})` })
      .from(syncOutbox)
      .where(eq(syncOutbox.status, 'pending'));
    if (busy || next?.at) {
      // Another worker drains now (look again shortly), or the earliest retry is due later. The
      // delay is ours; the job's run time is the database's clock, hence Date.now(). At least a
      // second, so that nothing due keeps the worker spinning.
      const wait = busy ? 2_000 : new Date(next!.at).getTime() - deps.clock.now().getTime();
      await enqueueJob(
        db,
        DRAIN_TASK,
        {},
        {
          jobKey: DRAIN_TASK,
          maxAttempts: 25,
          runAt: new Date(Date.now() + Math.max(1_000, wait)),
        },
      );
    }
    return { sent, failed };
  }

  return {
    enqueue,
    drain,
    reconciliation,
    incidents,

    /**
     * Dossiers whose events wait after a failure or were refused (dead letters), newest first:
     * what an administrator resends once the cause is fixed.
     */
    async problems() {
      const rows = await db
        .select({
          target: syncOutbox.target,
          dossierId: syncOutbox.dossierId,
          status: syncOutbox.status,
          events: sql<number>`count(*)::int`,
          attempts: sql<number>`max(${syncOutbox.attempts})::int`,
          lastError: sql<string | null>`max(${syncOutbox.lastError})`,
          lastSentAt: sql<Date | null>`max(${syncOutbox.sentAt})`,
        })
        .from(syncOutbox)
        .where(
          sql`${syncOutbox.status} = 'dead' OR (${syncOutbox.status} = 'pending' AND ${syncOutbox.attempts} > 0)`,
        )
        .groupBy(syncOutbox.target, syncOutbox.dossierId, syncOutbox.status)
        .orderBy(sql`max(${syncOutbox.sentAt}) DESC NULLS LAST`)
        .limit(500);
      const codes = await deps.dossiers.codesOf(rows.map((r) => r.dossierId));
      return {
        items: rows.map((r) => ({
          code: codes.get(r.dossierId) ?? r.dossierId,
          target: r.target,
          state: r.status === 'dead' ? ('dead' as const) : ('retrying' as const),
          events: r.events,
          attempts: r.attempts,
          lastError: r.lastError,
          lastSentAt: r.lastSentAt ? new Date(r.lastSentAt).toISOString() : null,
        })),
      };
    },

    /** Sends again now: one dossier's waiting and refused events, or every one's. */
    async resend(code?: string) {
      const dossierId = code ? await deps.dossiers.idOf(code) : undefined;
      if (code && !dossierId) return { requeued: 0 };
      const now = deps.clock.now();
      return db.transaction(async (tx) => {
        const requeued = await tx
          .update(syncOutbox)
          .set({ status: 'pending', nextAttemptAt: now })
          .where(
            and(
              sql`${syncOutbox.status} IN ('pending', 'dead')`,
              ...(dossierId
                ? [eq(syncOutbox.dossierId, dossierId)]
                : [sql`${syncOutbox.attempts} > 0`]),
            ),
          )
          .returning({ id: syncOutbox.id });
        if (requeued.length > 0) {
          await enqueueJob(tx, DRAIN_TASK, {}, { jobKey: DRAIN_TASK, maxAttempts: 25 });
        }
        return { requeued: requeued.length };
      });
    },

    /** GET /api/admin/sync/summary (contract of issue 16). */
    async summary() {
      const rows = await db.execute(sql`
        SELECT target,
               count(*) FILTER (WHERE status = 'acknowledged')::int AS acknowledged,
               count(*) FILTER (WHERE status = 'pending')::int AS pending,
               count(*) FILTER (WHERE status = 'pending' AND attempts > 0)::int AS failed,
               count(*) FILTER (WHERE status = 'dead')::int AS dead,
               coalesce(percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - created_at))
                 FILTER (WHERE status = 'acknowledged' AND acknowledged_at > now() - interval '1 day'), 0)::float AS lag
          FROM sync_outbox GROUP BY target`);
      const byTarget = new Map(
        (
          rows.rows as Array<{
            target: string;
            acknowledged: number;
            pending: number;
            failed: number;
            dead: number;
            lag: number;
          }>
        ).map((r) => [r.target, r]),
      );
      return {
        targets: deps.targets.map(({ target }) => {
          const r = byTarget.get(target);
          return {
            target,
            acknowledged: r?.acknowledged ?? 0,
            pending: r?.pending ?? 0,
            failed: r?.failed ?? 0,
            deadLetter: r?.dead ?? 0,
            lagP95Seconds: Math.round((r?.lag ?? 0) * 10) / 10,
          };
        }),
      };
    },

    /** GET /api/dossiers/{code}/sync: what we hold, what we sent, what each portal shows now. */
    async dossierSync(
      code: string,
      canRead: Parameters<SyncDeps['dossiers']['snapshotByCode']>[1],
    ) {
      const dossier = await deps.dossiers.snapshotByCode(code, canRead);
      const events = await db
        .select()
        .from(syncOutbox)
        .where(eq(syncOutbox.dossierId, dossier.id))
        .orderBy(asc(syncOutbox.seq));
      const latest = (values: Array<Date | null>) =>
        values.reduce<Date | null>((a, b) => (b && (!a || b > a) ? b : a), null)?.toISOString() ??
        null;
      return {
        code: dossier.code,
        targets: await Promise.all(
          deps.targets.map(async ({ target, client }) => {
            const mine = events.filter((e) => e.target === target);
            let portalStatus: string | null = null;
            let lookupError: string | null = null;
            try {
              portalStatus = String((await client.lookupDossier(dossier.code)).TrangThaiHoSo);
            } catch (error) {
              if (!(error instanceof IntegrationError && error.kind === 'not_found')) {
                lookupError = error instanceof Error ? error.message : String(error);
              }
            }
            return {
              target,
              ourStatus: String(dossier.statusCode),
              portalStatus,
              lastSentAt: latest(mine.map((e) => e.sentAt)),
              lastAcknowledgedAt: latest(mine.map((e) => e.acknowledgedAt)),
              lastError: mine.findLast((e) => e.lastError)?.lastError ?? lookupError,
            };
          }),
        ),
      };
    },

    jobs: {
      tasks: {
        [DRAIN_TASK]: async () => {
          await drain();
        },
        [RECONCILE_TASK]: async () => {
          await reconciliation.nightly();
        },
      },
      // 01:30 Vietnam time: yesterday's dossiers, compared before the working day begins, so
      // that its error dossiers are reported that day (seed 002).
      crontab: [
        `30 18 * * * ${RECONCILE_TASK} ?max=3`,
        // The sweep: an event whose wake-up raced with a starting drain waits at most a minute.
        `* * * * * ${DRAIN_TASK} ?max=1`,
      ],
    } satisfies JobDefinitions,
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
