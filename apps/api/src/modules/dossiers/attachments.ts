import { randomUUID } from 'node:crypto';
import type {
  AttachmentPurpose,
  AttachmentView,
  DraftView,
  ReadLogList,
  SaveDraftRequest,
} from '@motcua/contracts';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/errors.js';
import { checkFile } from '../../platform/storage/file-check.js';
import type { FileStorage } from '../../platform/storage/storage.js';
import { FINAL_STATUSES, STATUS_LABELS, type Actor, type DossierStatus } from './dossier.js';
import {
  createAttachmentsRepository,
  type AttachmentRow,
  type DraftRow,
} from './attachments.repository.js';
import { createDossiersRepository, type DossierRow } from './dossiers.repository.js';
import { displayFileName } from './file-name.js';

export interface AttachmentsDeps {
  db: Db;
  clock: Clock;
  storage: FileStorage;
  uploads: { maxBytes: number };
}

export interface Upload {
  fileName: string;
  component: string;
  bytes: Buffer;
}

export function attachmentView(row: AttachmentRow, url: string): AttachmentView {
  return {
    id: row.id,
    component: row.component,
    purpose: row.purpose as AttachmentPurpose,
    actionSeq: row.actionSeq,
    // Names stored before they were normalised at upload are shown normalised too.
    fileName: displayFileName(row.fileName),
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    digitised: row.digitised,
    uploadedAt: row.uploadedAt.toISOString(),
    url,
  };
}

export const dossierFileUrl = (code: string, id: string) => `/api/dossiers/${code}/files/${id}`;
const draftFileUrl = (procedureCode: string, id: string) =>
  `/api/my/drafts/${procedureCode}/files/${id}`;

/**
 * Files of dossiers and drafts, and the personal-data read log. The bytes go to the storage
 * first and the row after: a crash in between leaves an orphan object, never a row without bytes.
 */
export function createAttachmentsService(deps: AttachmentsDeps) {
  const repo = createAttachmentsRepository();
  const dossiers = createDossiersRepository();

  async function store(upload: Upload) {
    const checked = await checkFile(displayFileName(upload.fileName), upload.bytes, deps.uploads);
    const now = deps.clock.now();
    const key = `${now.toISOString().slice(0, 7).replace('-', '/')}/${randomUUID()}`;
    await deps.storage.put(key, upload.bytes, checked.contentType);
    return { ...checked, storageKey: key, component: upload.component, uploadedAt: now };
  }

  async function draftView(draft: DraftRow): Promise<DraftView> {
    const files = await repo.ofDraft(deps.db, draft.id);
    return {
      procedureCode: draft.procedureCode,
      receivingAgencyId: draft.receivingAgencyId,
      contact: draft.contact,
      formData: draft.formData,
      attachments: files.map((f) => attachmentView(f, draftFileUrl(draft.procedureCode, f.id))),
      updatedAt: draft.updatedAt.toISOString(),
    };
  }

  async function requireDraft(accountId: string, procedureCode: string) {
    const draft = await repo.findDraft(deps.db, accountId, procedureCode);
    if (!draft) throw notFound('Chưa có hồ sơ nháp cho thủ tục này.');
    return draft;
  }

  async function dossierOf(code: string, canRead: (row: DossierRow) => boolean) {
    const row = await dossiers.findByCode(deps.db, code);
    if (!row || !canRead(row)) throw notFound(`Không tìm thấy hồ sơ ${code}.`);
    return row;
  }

  async function bytesOf(file: AttachmentRow) {
    const bytes = await deps.storage.get(file.storageKey);
    if (!bytes) {
      throw new AppError(
        'SERVICE_UNAVAILABLE',
        'Không đọc được tệp từ kho lưu trữ, vui lòng thử lại sau.',
      );
    }
    return { file, bytes };
  }

  return {
    async getDraft(accountId: string, procedureCode: string): Promise<DraftView> {
      return draftView(await requireDraft(accountId, procedureCode));
    },

    async saveDraft(
      accountId: string,
      procedureCode: string,
      input: SaveDraftRequest,
    ): Promise<DraftView> {
      const draft = await repo.upsertDraft(
        deps.db,
        { accountId, procedureCode, ...input },
        deps.clock.now(),
      );
      return draftView(draft);
    },

    async deleteDraft(accountId: string, procedureCode: string): Promise<void> {
      const draft = await repo.findDraft(deps.db, accountId, procedureCode);
      if (!draft) return;
      const keys = await deps.db.transaction((tx) => repo.deleteDraft(tx, draft.id));
      await Promise.all(keys.map((k) => deps.storage.delete(k)));
    },

    async uploadToDraft(
      accountId: string,
      procedureCode: string,
      upload: Upload,
    ): Promise<AttachmentView> {
      const stored = await store(upload);
      const draft = await repo.upsertDraft(deps.db, { accountId, procedureCode }, deps.clock.now());
      const row = await repo.insertAttachment(deps.db, {
        ...stored,
        draftId: draft.id,
        purpose: 'filing',
        uploadedBy: { kind: 'applicant', id: accountId } satisfies Actor,
      });
      return attachmentView(row, draftFileUrl(procedureCode, row.id));
    },

    async deleteDraftFile(accountId: string, procedureCode: string, id: string) {
      const draft = await requireDraft(accountId, procedureCode);
      const file = await repo.findAttachment(deps.db, id);
      if (!file || file.draftId !== draft.id) throw notFound('Không tìm thấy tệp.');
      await repo.deleteAttachment(deps.db, id);
      await deps.storage.delete(file.storageKey);
    },

    async draftFile(accountId: string, procedureCode: string, id: string) {
      const draft = await requireDraft(accountId, procedureCode);
      const file = await repo.findAttachment(deps.db, id);
      if (!file || file.draftId !== draft.id) throw notFound('Không tìm thấy tệp.');
      return bytesOf(file);
    },

    /**
     * A file added to a filed dossier: scanned papers at the counter (filing, digitised), a
     * supplement while one is awaited, the electronic result before `complete`. Supplement and
     * result files wait with no action until that action is taken, which claims them.
     */
    async uploadToDossier(
      code: string,
      upload: Upload & { purpose: AttachmentPurpose; digitised: boolean },
      actor: Actor,
      access: {
        canRead: (row: DossierRow) => boolean;
        canUpload: (row: DossierRow, purpose: AttachmentPurpose) => boolean;
      },
    ): Promise<AttachmentView> {
      const row = await dossierOf(code, access.canRead);
      if (!access.canUpload(row, upload.purpose)) {
        throw new AppError('FORBIDDEN', 'Bạn không được tải tệp loại này lên hồ sơ.');
      }
      const status = row.status as DossierStatus;
      if (upload.purpose === 'supplement' && status !== 'waiting_supplement') {
        throw new AppError(
          'CONFLICT',
          'Hồ sơ không ở trạng thái chờ bổ sung: chỉ bổ sung giấy tờ khi cơ quan giải quyết đã yêu cầu.',
        );
      }
      if (
        FINAL_STATUSES.has(status) ||
        (upload.purpose === 'result' && status === 'result_ready')
      ) {
        throw new AppError(
          'CONFLICT',
          `Hồ sơ đang ở trạng thái "${STATUS_LABELS[status]}", không nhận thêm tệp.`,
        );
      }
      const stored = await store(upload);
      const file = await repo.insertAttachment(deps.db, {
        ...stored,
        dossierId: row.id,
        purpose: upload.purpose,
        // Only paper scanned by an officer is a digitised copy (TT 03/2025 Art. 5.2.a exempts
        // what was filed electronically).
        digitised: actor.kind === 'officer' && upload.digitised,
        uploadedBy: actor,
      });
      return attachmentView(file, dossierFileUrl(code, file.id));
    },

    async dossierFile(code: string, id: string, canRead: (row: DossierRow) => boolean) {
      const row = await dossierOf(code, canRead);
      const file = await repo.findAttachment(deps.db, id);
      if (!file || file.dossierId !== row.id) throw notFound('Không tìm thấy tệp.');
      return { dossier: row, ...(await bytesOf(file)) };
    },

    /**
     * Personal-data processing must be traceable (NĐ 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân:
     * the controller records who processed which data, when): every officer's read of a
     * dossier, its files or its forms is one row.
     */
    async logRead(input: {
      dossierId: string;
      accountId: string;
      what: 'dossier' | 'attachment' | 'form';
      detail?: string;
      requestId?: string;
    }) {
      await repo.logRead(deps.db, {
        dossierId: input.dossierId,
        accountId: input.accountId,
        what: input.what,
        detail: input.detail ?? null,
        requestId: input.requestId ?? null,
        at: deps.clock.now(),
      });
    },

    async reads(code: string, canAudit: (row: DossierRow) => boolean): Promise<ReadLogList> {
      const row = await dossierOf(code, canAudit);
      const rows = await repo.readsOf(deps.db, row.id);
      return {
        total: rows.length,
        items: rows.map((r) => ({
          at: r.at.toISOString(),
          accountId: r.accountId,
          what: r.what as 'dossier' | 'attachment' | 'form',
          detail: r.detail,
          requestId: r.requestId,
        })),
      };
    },

    findDossier: (code: string) => dossiers.findByCode(deps.db, code),
  };
}

export type AttachmentsService = ReturnType<typeof createAttachmentsService>;
