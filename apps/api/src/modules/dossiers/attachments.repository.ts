import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/database.js';
import { dosAttachment, dosDraft, dosReadLog } from './dossiers.schema.js';

type Executor = Db | Tx;
export type AttachmentRow = typeof dosAttachment.$inferSelect;
export type DraftRow = typeof dosDraft.$inferSelect;

/** All SQL on files, drafts and the read log. */
export function createAttachmentsRepository() {
  return {
    async insertAttachment(tx: Executor, row: typeof dosAttachment.$inferInsert) {
      const [inserted] = await tx.insert(dosAttachment).values(row).returning();
      if (!inserted) throw new Error('attachment not inserted');
      return inserted;
    },

    ofDossier: (tx: Executor, dossierId: string) =>
      tx
        .select()
        .from(dosAttachment)
        .where(eq(dosAttachment.dossierId, dossierId))
        .orderBy(asc(dosAttachment.uploadedAt), asc(dosAttachment.id)),

    /** Which of these dossiers hold at least one file. */
    async dossiersWithFiles(tx: Executor, dossierIds: string[]): Promise<Set<string>> {
      const rows = await tx
        .selectDistinct({ dossierId: dosAttachment.dossierId })
        .from(dosAttachment)
        .where(inArray(dosAttachment.dossierId, dossierIds));
      return new Set(rows.flatMap((r) => (r.dossierId ? [r.dossierId] : [])));
    },

    ofDraft: (tx: Executor, draftId: string) =>
      tx
        .select()
        .from(dosAttachment)
        .where(eq(dosAttachment.draftId, draftId))
        .orderBy(asc(dosAttachment.uploadedAt), asc(dosAttachment.id)),

    async findAttachment(tx: Executor, id: string) {
      const [row] = await tx.select().from(dosAttachment).where(eq(dosAttachment.id, id));
      return row;
    },

    async deleteAttachment(tx: Executor, id: string) {
      await tx.delete(dosAttachment).where(eq(dosAttachment.id, id));
    },

    /** Files uploaded for an action not yet taken (a supplement, the result) join that action. */
    async linkPending(tx: Executor, dossierId: string, purpose: string, seq: number) {
      await tx
        .update(dosAttachment)
        .set({ actionSeq: seq })
        .where(
          and(
            eq(dosAttachment.dossierId, dossierId),
            eq(dosAttachment.purpose, purpose),
            isNull(dosAttachment.actionSeq),
          ),
        );
    },

    async findDraft(tx: Executor, accountId: string, procedureCode: string) {
      const [row] = await tx
        .select()
        .from(dosDraft)
        .where(and(eq(dosDraft.accountId, accountId), eq(dosDraft.procedureCode, procedureCode)));
      return row;
    },

    async upsertDraft(
      tx: Executor,
      row: Pick<typeof dosDraft.$inferInsert, 'accountId' | 'procedureCode'> &
        Partial<Pick<DraftRow, 'receivingAgencyId' | 'contact' | 'formData'>>,
      now: Date,
    ): Promise<DraftRow> {
      const [saved] = await tx
        .insert(dosDraft)
        .values({ ...row, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({
          target: [dosDraft.accountId, dosDraft.procedureCode],
          set: {
            updatedAt: now,
            ...(row.receivingAgencyId !== undefined
              ? { receivingAgencyId: row.receivingAgencyId }
              : {}),
            ...(row.contact !== undefined ? { contact: row.contact } : {}),
            ...(row.formData !== undefined ? { formData: row.formData } : {}),
          },
        })
        .returning();
      if (!saved) throw new Error('draft not saved');
      return saved;
    },

    /** Deletes the draft row and its files' rows; returns the storage keys to remove after. */
    async deleteDraft(tx: Executor, draftId: string): Promise<string[]> {
      const files = await tx
        .delete(dosAttachment)
        .where(eq(dosAttachment.draftId, draftId))
        .returning({ key: dosAttachment.storageKey });
      await tx.delete(dosDraft).where(eq(dosDraft.id, draftId));
      return files.map((f) => f.key);
    },

    /**
     * Submission: the draft's files become the dossier's, and the draft is gone; returns the
     * components moved (none when another submission took the draft first).
     */
    async moveDraftToDossier(
      tx: Executor,
      accountId: string,
      procedureCode: string,
      dossierId: string,
    ): Promise<string[]> {
      const [draft] = await tx
        .select({ id: dosDraft.id })
        .from(dosDraft)
        .where(and(eq(dosDraft.accountId, accountId), eq(dosDraft.procedureCode, procedureCode)))
        .for('update');
      if (!draft) return [];
      const moved = await tx
        .update(dosAttachment)
        .set({ dossierId, draftId: null })
        .where(eq(dosAttachment.draftId, draft.id))
        .returning({ component: dosAttachment.component });
      await tx.delete(dosDraft).where(eq(dosDraft.id, draft.id));
      return moved.map((m) => m.component);
    },

    async logRead(tx: Executor, row: typeof dosReadLog.$inferInsert) {
      await tx.insert(dosReadLog).values(row);
    },

    readsOf: (tx: Executor, dossierId: string) =>
      tx
        .select()
        .from(dosReadLog)
        .where(eq(dosReadLog.dossierId, dossierId))
        .orderBy(desc(dosReadLog.at), desc(dosReadLog.id))
        .limit(1000),
  };
}
