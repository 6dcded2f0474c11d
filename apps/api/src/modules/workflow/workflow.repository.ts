import { and, asc, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { ProcessDefinition } from '@motcua/contracts';
import type { Db, DbExecutor } from '../../platform/db/database.js';
import { wfProcess } from './workflow.schema.js';

export type ProcessRow = typeof wfProcess.$inferSelect & { definition: ProcessDefinition };

const sameOwner = (agencyId: string | null) =>
  agencyId === null ? isNull(wfProcess.agencyId) : eq(wfProcess.agencyId, agencyId);

/** All SQL on the workflow tables. */
export function createWorkflowRepository(db: Db) {
  return {
    async list(procedureCode?: string): Promise<ProcessRow[]> {
      return (await db
        .select()
        .from(wfProcess)
        .where(procedureCode ? eq(wfProcess.procedureCode, procedureCode) : undefined)
        .orderBy(asc(wfProcess.procedureCode), asc(wfProcess.agencyId), desc(wfProcess.version))
        .limit(500)) as ProcessRow[];
    },

    async findById(id: string): Promise<ProcessRow | undefined> {
      const [row] = await db.select().from(wfProcess).where(eq(wfProcess.id, id));
      return row as ProcessRow | undefined;
    },

    /** The published version for the agency, else the province's default. */
    async findPublished(
      procedureCode: string,
      agencyId: string | null,
    ): Promise<ProcessRow | undefined> {
      const [row] = await db
        .select()
        .from(wfProcess)
        .where(
          and(
            eq(wfProcess.procedureCode, procedureCode),
            eq(wfProcess.status, 'published'),
            agencyId
              ? or(eq(wfProcess.agencyId, agencyId), isNull(wfProcess.agencyId))
              : isNull(wfProcess.agencyId),
          ),
        )
        // An agency's own version wins over the default (nulls sort last ascending).
        .orderBy(sql`${wfProcess.agencyId} IS NULL`)
        .limit(1);
      return row as ProcessRow | undefined;
    },

    /** A new draft numbered after the last version of the same procedure and owner. */
    async insertDraft(input: {
      procedureCode: string;
      agencyId: string | null;
      definition: ProcessDefinition;
      createdBy: string | null;
      at: Date;
    }): Promise<ProcessRow> {
      return db.transaction(async (tx) => {
        // Serialise version numbering per procedure: two editors saving at once get N+1 and N+2.
        await tx.execute(
          sql`SELECT pg_advisory_xact_lock(hashtext(${`wf:${input.procedureCode}`}))`,
        );
        const [last] = await tx
          .select({ version: sql<number>`coalesce(max(${wfProcess.version}), 0)::int` })
          .from(wfProcess)
          .where(and(eq(wfProcess.procedureCode, input.procedureCode), sameOwner(input.agencyId)));
        const [row] = await tx
          .insert(wfProcess)
          .values({ ...input, version: (last?.version ?? 0) + 1, createdAt: input.at })
          .returning();
        return row as ProcessRow;
      });
    },

    /** Publishes a version and retires the one it replaces, atomically. */
    async publish(tx: DbExecutor, row: ProcessRow, at: Date): Promise<void> {
      await tx
        .update(wfProcess)
        .set({ status: 'retired' })
        .where(
          and(
            eq(wfProcess.procedureCode, row.procedureCode),
            sameOwner(row.agencyId),
            eq(wfProcess.status, 'published'),
          ),
        );
      await tx
        .update(wfProcess)
        .set({ status: 'published', publishedAt: at })
        .where(eq(wfProcess.id, row.id));
    },

    transaction: db.transaction.bind(db),
  };
}
