import { and, asc, eq, inArray, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { DossierQueueQuery } from '@motcua/contracts';
import type { Db, Tx } from '../../platform/db/database.js';
import {
  dosAction,
  dosCodeCounter,
  dosDocument,
  dosDocumentCounter,
  dosDossier,
} from './dossiers.schema.js';

type Executor = Db | Tx;

/** Not yet final (refused 3, withdrawn 7, stopped 8, returned 10 end processing). */
const OPEN = sql.raw('dos_dossier.status_code NOT IN (3, 7, 8, 10)');
export type DossierRow = typeof dosDossier.$inferSelect;
export type ActionRow = typeof dosAction.$inferSelect;

/**
 * The columns a queue line shows. The queue read whole rows (form data, applicant, clock: all
 * JSON) to show eleven fields; each row's every column was fetched, parsed and mapped.
 */
const queueColumns = {
  code: dosDossier.code,
  procedureCode: dosDossier.procedureCode,
  applicantName: sql<string>`coalesce(${dosDossier.applicant}->>'name', '')`,
  channel: dosDossier.channel,
  status: dosDossier.status,
  statusCode: dosDossier.statusCode,
  filedAt: dosDossier.filedAt,
  dueAt: dosDossier.dueAt,
  step: dosDossier.step,
  processId: dosDossier.processId,
  assignedUnitId: dosDossier.assignedUnitId,
  assignedAccountId: dosDossier.assignedAccountId,
};
export type QueueRow = Pick<
  DossierRow,
  | 'code'
  | 'procedureCode'
  | 'channel'
  | 'status'
  | 'statusCode'
  | 'filedAt'
  | 'dueAt'
  | 'step'
  | 'processId'
  | 'assignedUnitId'
  | 'assignedAccountId'
> & { applicantName: string };

/** All SQL on the dossiers' tables. */
export function createDossiersRepository() {
  return {
    /**
     * The next number of an agency's day. The upsert takes a row lock, so concurrent intakes get
     * distinct numbers; a failed intake leaves a gap, which the code format tolerates. Run it on
     * its own (autocommit), not inside the intake's transaction: the lock lasts until commit.
     */
    async nextSequence(tx: Executor, electronicId: string, day: string): Promise<number> {
      const [row] = await tx
        .insert(dosCodeCounter)
        .values({ electronicId, day, lastValue: 1 })
        .onConflictDoUpdate({
          target: [dosCodeCounter.electronicId, dosCodeCounter.day],
          set: { lastValue: sql`${dosCodeCounter.lastValue} + 1` },
        })
        .returning({ value: dosCodeCounter.lastValue });
      if (!row) throw new Error('no sequence');
      return row.value;
    },

    async insertDossier(tx: Executor, row: typeof dosDossier.$inferInsert): Promise<DossierRow> {
      const [inserted] = await tx.insert(dosDossier).values(row).returning();
      if (!inserted) throw new Error('dossier not inserted');
      return inserted;
    },

    async updateDossier(tx: Executor, id: string, values: Partial<typeof dosDossier.$inferInsert>) {
      await tx.update(dosDossier).set(values).where(eq(dosDossier.id, id));
    },

    async findByCode(tx: Executor, code: string, options: { lock?: boolean } = {}) {
      const query = tx.select().from(dosDossier).where(eq(dosDossier.code, code));
      const [row] = options.lock ? await query.for('update') : await query;
      return row;
    },

    async findById(tx: Executor, id: string) {
      const [row] = await tx.select().from(dosDossier).where(eq(dosDossier.id, id));
      return row;
    },

    findByIds: (tx: Executor, ids: string[]) =>
      tx.select().from(dosDossier).where(inArray(dosDossier.id, ids)),

    async insertAction(tx: Executor, row: typeof dosAction.$inferInsert) {
      await tx.insert(dosAction).values(row);
    },

    async findActionByKey(tx: Executor, key: string) {
      const [row] = await tx.select().from(dosAction).where(eq(dosAction.idempotencyKey, key));
      return row;
    },

    /**
     * The number a dossier's form was issued under; the first issue takes the next number of its
     * series (agency, year, form). Callers hold the dossier's row lock, so two first prints of
     * the same form cannot both take a number; the counter's upsert is atomic across dossiers.
     */
    async issueDocument(
      tx: Executor,
      input: {
        dossierId: string;
        kind: string;
        agencyId: string;
        year: number;
        at: Date;
        numberOf: (seq: number) => string;
      },
    ) {
      const [issued] = await tx
        .select()
        .from(dosDocument)
        .where(and(eq(dosDocument.dossierId, input.dossierId), eq(dosDocument.kind, input.kind)));
      if (issued) return issued;
      const [counter] = await tx
        .insert(dosDocumentCounter)
        .values({ agencyId: input.agencyId, year: input.year, kind: input.kind, lastValue: 1 })
        .onConflictDoUpdate({
          target: [dosDocumentCounter.agencyId, dosDocumentCounter.year, dosDocumentCounter.kind],
          set: { lastValue: sql`${dosDocumentCounter.lastValue} + 1` },
        })
        .returning({ seq: dosDocumentCounter.lastValue });
      const seq = counter!.seq;
      const [row] = await tx
        .insert(dosDocument)
        .values({
          dossierId: input.dossierId,
          kind: input.kind,
          agencyId: input.agencyId,
          year: input.year,
          seq,
          number: input.numberOf(seq),
          issuedAt: input.at,
        })
        .returning();
      return row!;
    },

    async firstAction(tx: Executor, dossierId: string) {
      const [row] = await tx
        .select({ payload: dosAction.payload })
        .from(dosAction)
        .where(and(eq(dosAction.dossierId, dossierId), eq(dosAction.seq, 1)));
      return row;
    },

    listActions: (tx: Executor, dossierId: string) =>
      tx
        .select()
        .from(dosAction)
        .where(eq(dosAction.dossierId, dossierId))
        .orderBy(asc(dosAction.seq)),

    /** Several dossiers' logs, each in order. */
    listActionsOf: (tx: Executor, dossierIds: string[]) =>
      tx
        .select()
        .from(dosAction)
        .where(inArray(dosAction.dossierId, dossierIds))
        .orderBy(asc(dosAction.dossierId), asc(dosAction.seq)),

    /**
     * An officer's work queue, most urgent first: open dossiers by due time (those without one
     * last), restricted to the agencies the caller's roles reach.
     */
    async queue(
      tx: Executor,
      input: {
        reach: 'all' | { agencyIds: string[]; unitIds: string[] };
        view: DossierQueueQuery['view'];
        /** The caller, and the units they belong to, for "assigned to me" and "my unit". */
        me: { accountId: string; unitIds: string[] };
        q?: string | undefined;
        now: Date;
        /** Due before this is "due within 1 working day". */
        soon: Date;
        limit: number;
        offset: number;
      },
    ) {
      const where: SQL[] = [];
      if (input.reach !== 'all') {
        const { agencyIds, unitIds } = input.reach;
        if (agencyIds.length === 0 && unitIds.length === 0) return { rows: [], total: 0 };
        where.push(
          or(
            ...(agencyIds.length > 0
              ? [
                  inArray(dosDossier.receivingAgencyId, agencyIds),
                  inArray(dosDossier.competentAgencyId, agencyIds),
                  inArray(dosDossier.currentAgencyId, agencyIds),
                ]
              : []),
            ...(unitIds.length > 0 ? [inArray(dosDossier.assignedUnitId, unitIds)] : []),
          )!,
        );
      }
      // Inline constants, the predicate of the partial "open" indexes (dossiers.schema.ts), so the
      // planner can use them: at scale most dossiers are closed and never read by a queue.
      if (input.view !== 'all') where.push(OPEN);
      if (input.view === 'overdue') where.push(sql`${dosDossier.dueAt} < ${input.now}`);
      if (input.view === 'waiting_supplement') where.push(eq(dosDossier.statusCode, 5));
      if (input.view === 'waiting_payment') where.push(eq(dosDossier.statusCode, 6));
      if (input.view === 'due_soon') {
        where.push(
          sql`${dosDossier.dueAt} >= ${input.now} AND ${dosDossier.dueAt} <= ${input.soon}`,
        );
      }
      if (input.view === 'assigned_to_me') {
        where.push(eq(dosDossier.assignedAccountId, input.me.accountId));
      }
      if (input.view === 'my_unit') {
        if (input.me.unitIds.length === 0) return { rows: [], total: 0 };
        where.push(inArray(dosDossier.assignedUnitId, input.me.unitIds));
      }
      const q = input.q?.trim();
      if (q) {
        where.push(
          or(
            eq(dosDossier.code, q.toUpperCase()),
            eq(dosDossier.procedureCode, q),
            sql`${dosDossier.applicant}->>'idNumber' = ${q}`,
            sql`f_unaccent(lower(${dosDossier.applicant}->>'name')) LIKE '%' || f_unaccent(lower(${q})) || '%'`,
          )!,
        );
      }
      // The count apart from the page: a window count(*) OVER () would fetch and sort every
      // matching row (all columns) to return 25 of them.
      const rows: QueueRow[] = await tx
        .select(queueColumns)
        .from(dosDossier)
        .where(and(...where))
        .orderBy(sql`${dosDossier.dueAt} ASC NULLS LAST`, asc(dosDossier.filedAt))
        .limit(input.limit)
        .offset(input.offset);
      const counted =
        input.offset === 0 && rows.length < input.limit
          ? [{ total: rows.length }]
          : await tx
              .select({ total: sql<number>`count(*)::int` })
              .from(dosDossier)
              .where(and(...where));
      return { rows, total: counted[0]?.total ?? 0 };
    },

    /**
     * Dossiers that still arose here after their procedure moved to a ministry's system (seed 001:
     * "kiểm soát hồ sơ phát sinh"), within the agencies the caller reaches.
     */
    arisenAfterCutover(
      tx: Executor,
      moved: Array<{ code: string; cutoverDate: string }>,
      agencyIds: string[] | 'all',
    ) {
      if (moved.length === 0 || (agencyIds !== 'all' && agencyIds.length === 0)) {
        return Promise.resolve([]);
      }
      const after = or(
        ...moved.map(
          (m) =>
            sql`(${dosDossier.procedureCode} = ${m.code} AND ${dosDossier.filedAt} >= (${m.cutoverDate}::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'))`,
        ),
      )!;
      const scope =
        agencyIds === 'all'
          ? []
          : [
              or(
                inArray(dosDossier.receivingAgencyId, agencyIds),
                inArray(dosDossier.competentAgencyId, agencyIds),
              )!,
            ];
      return tx
        .select({
          code: dosDossier.code,
          procedureCode: dosDossier.procedureCode,
          channel: dosDossier.channel,
          statusCode: dosDossier.statusCode,
          filedAt: dosDossier.filedAt,
          receivingAgencyId: dosDossier.receivingAgencyId,
        })
        .from(dosDossier)
        .where(and(after, ...scope))
        .orderBy(asc(dosDossier.filedAt))
        .limit(5_000);
    },

    /** Dossiers waiting for a supplement, with when it was requested (for the automatic close). */
    /**
     * Open dossiers whose clock a calendar change from `earliest` may move: running clocks due
     * on or after it, and stopped ones (their remaining time was measured against the calendar).
     * Ended ones (result ready, returned, refused, withdrawn, stopped) are never touched.
     */
    openClocksFrom: (tx: Executor, earliest: Date) =>
      tx
        .select()
        .from(dosDossier)
        .where(
          and(
            inArray(dosDossier.statusCode, [2, 4, 5, 6]),
            or(sql`${dosDossier.dueAt} >= ${earliest}`, eq(dosDossier.statusCode, 5)),
          ),
        ),

    /** Codes of dossiers by id (downstream lists name dossiers by code). */
    codesOf: (tx: Executor, ids: string[]) =>
      ids.length === 0
        ? Promise.resolve([])
        : tx
            .select({ id: dosDossier.id, code: dosDossier.code })
            .from(dosDossier)
            .where(inArray(dosDossier.id, ids)),

    /** A dossier's id by its code. */
    async idOf(tx: Executor, code: string) {
      const [row] = await tx
        .select({ id: dosDossier.id })
        .from(dosDossier)
        .where(eq(dosDossier.code, code));
      return row?.id;
    },

    /** Every dossier id, in pages, for the verification and rebuild of projections. */
    idsAfter: (tx: Executor, after: string | null, limit: number) =>
      tx
        .select({ id: dosDossier.id })
        .from(dosDossier)
        .where(after ? sql`${dosDossier.id} > ${after}` : sql`true`)
        .orderBy(asc(dosDossier.id))
        .limit(limit),

    waitingSupplement: (tx: Executor) =>
      tx
        .select({
          code: dosDossier.code,
          procedureCode: dosDossier.procedureCode,
          requestedAt: sql<Date>`max(${dosAction.at})`,
        })
        .from(dosDossier)
        .innerJoin(
          dosAction,
          and(eq(dosAction.dossierId, dosDossier.id), eq(dosAction.kind, 'request_supplement')),
        )
        .where(eq(dosDossier.statusCode, 5))
        .groupBy(dosDossier.code, dosDossier.procedureCode)
        .limit(10_000),

    /**
     * The Sổ theo dõi hồ sơ (form 07): dossiers received in a period within the caller's agencies,
     * with when the result was handed over and how (from the log).
     */
    book: (
      tx: Executor,
      input: { agencyIds: string[] | 'all'; from: Date; to: Date; limit: number },
    ) => {
      const scope =
        input.agencyIds === 'all'
          ? []
          : [
              or(
                inArray(dosDossier.receivingAgencyId, input.agencyIds),
                inArray(dosDossier.competentAgencyId, input.agencyIds),
              )!,
            ];
      if (input.agencyIds !== 'all' && input.agencyIds.length === 0) return Promise.resolve([]);
      return tx
        .select({
          dossier: dosDossier,
          returnedAt: sql<Date | null>`r.at`,
          returnMethod: sql<string | null>`r.payload->>'method'`,
        })
        .from(dosDossier)
        .leftJoin(
          sql`LATERAL (SELECT at, payload FROM dos_action a WHERE a.dossier_id = ${dosDossier.id} AND a.kind = 'return_result' ORDER BY a.seq DESC LIMIT 1) r`,
          sql`true`,
        )
        .where(
          and(
            sql`${dosDossier.receivedAt} >= ${input.from}`,
            sql`${dosDossier.receivedAt} < ${input.to}`,
            ...scope,
          ),
        )
        .orderBy(asc(dosDossier.receivedAt))
        .limit(input.limit);
    },

    /** A citizen's or business's own dossiers, newest first. */
    ofApplicant: (tx: Executor, accountId: string) =>
      tx
        .select()
        .from(dosDossier)
        .where(eq(dosDossier.applicantAccountId, accountId))
        .orderBy(sql`${dosDossier.filedAt} DESC`)
        .limit(200),

    /** Open dossiers of the same applicant for the same procedure (the duplicate warning). */
    findOpenSimilar: (
      tx: Executor,
      procedureCode: string,
      applicant: { accountId: string | null; idNumber: string | null },
    ) => {
      const who = [
        ...(applicant.accountId ? [eq(dosDossier.applicantAccountId, applicant.accountId)] : []),
        ...(applicant.idNumber
          ? [sql`${dosDossier.applicant}->>'idNumber' = ${applicant.idNumber}`]
          : []),
      ];
      if (who.length === 0) return Promise.resolve([]);
      return tx
        .select({ code: dosDossier.code })
        .from(dosDossier)
        .where(
          and(
            eq(dosDossier.procedureCode, procedureCode),
            notInArray(dosDossier.statusCode, [3, 7, 8, 10]),
            or(...who),
          ),
        )
        .limit(5);
    },
  };
}

export type DossiersRepository = ReturnType<typeof createDossiersRepository>;
