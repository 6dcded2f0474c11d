import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { IntegrationError } from '../../integrations/integration-error.js';
import type { DvcqgClient, SyncTarget } from '../../integrations/dvcqg/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, DbExecutor } from '../../platform/db/database.js';
import { enqueueJob, type JobDefinitions } from '../../platform/jobs/jobs.js';
import type { Logger } from '../../platform/logger.js';
import type { AppendedAction, DossierSnapshot, DossiersService } from '../dossiers/index.js';
import { dossierRecord, progressRecords } from './mapping.js';
import { syncOutbox } from './sync.schema.js';

export const DRAIN_TASK = 'sync:drain';
/** Events sent per drain round; a round takes one lock, then the next round starts. */
const ROUND = 500;
/** Backoff after a failure: 5 s, 10 s, 20 s … at most 10 minutes. */
const backoffMs = (attempts: number) => Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 600_000);
// Only one drain at a time, whichever worker runs it: per-dossier order depends on it.
const DRAIN_LOCK = 7_514_016;

export interface SyncDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** The national systems this province sends to, each through its client. */
  targets: Array<{ target: SyncTarget; client: DvcqgClient }>;
  dossiers: Pick<DossiersService, 'snapshotOf' | 'snapshotByCode' | 'codesOf' | 'idOf'>;
}

type OutboxRow = typeof syncOutbox.$inferSelect;

export function createSyncService(deps: SyncDeps) {
  const { db } = deps;

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
    // One job key: a burst of actions wakes one drain, which sends them all.
    await enqueueJob(tx, DRAIN_TASK, {}, { jobKey: DRAIN_TASK, maxAttempts: 25 });
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
      const snapshots = new Map<string, Promise<DossierSnapshot>>();
      let sent = 0;
      let failed = 0;
      for (const rows of groups.values()) {
        const { target, dossierId } = rows[0]!;
        const client = deps.targets.find((t) => t.target === target)?.client;
        const ids = rows.map((r) => r.id);
        if (!client) continue;
        try {
          let snapshot = snapshots.get(dossierId);
          if (!snapshot) {
            snapshot = deps.dossiers.snapshotOf(dossierId);
            snapshots.set(dossierId, snapshot);
          }
          const dossier = await snapshot;
          await client.upsertDossiers([dossierRecord(dossier)]);
          const steps = progressRecords(dossier, new Set(rows.map((r) => r.seq)));
          if (steps.length > 0) await client.updateProgress(steps);
          await tx
            .update(syncOutbox)
            .set({
              status: 'acknowledged',
              attempts: sql`${syncOutbox.attempts} + 1`,
              sentAt: now,
              acknowledgedAt: deps.clock.now(),
              lastError: null,
            })
            .where(inArray(syncOutbox.id, ids));
          sent += rows.length;
        } catch (error) {
          failed += rows.length;
          const message = error instanceof Error ? error.message : String(error);
          // An outage, a timeout or a garbled answer passes; a refusal of what we sent does not:
          // it is parked with the portal's message for an administrator to act on.
          const retry =
            !(error instanceof IntegrationError) ||
            error.transient ||
            error.kind === 'bad_response';
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
        }
      }
      return { sent, failed, more };
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
      },
      crontab: [],
    } satisfies JobDefinitions,
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
