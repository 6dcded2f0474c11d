import { z } from 'zod';
import { ProcedureCode } from './catalog.js';
import { Applicant, AttachmentPurpose, AttachmentView } from './dossiers.js';

/** Query of a raw-body upload: the bytes are the body, these describe them. */
export const UploadQuery = z.object({
  // Long names are shortened when stored (dossiers/file-name.ts), not refused.
  fileName: z
    .string({ message: 'Cần tên tệp' })
    .trim()
    .min(1, { message: 'Cần tên tệp' })
    .max(1000),
  component: z
    .string({ message: 'Cần chọn thành phần hồ sơ' })
    .trim()
    .min(1, { message: 'Cần chọn thành phần hồ sơ' })
    // Catalogue component names can be whole paragraphs.
    .max(2000, { message: 'Tên thành phần hồ sơ quá dài (tối đa 2000 ký tự)' }),
});

export const DossierUploadQuery = UploadQuery.extend({
  purpose: AttachmentPurpose.default('filing'),
  /** Scanned from paper at the counter (TT 03/2025 Art. 5). */
  digitised: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const DraftParams = z.object({ procedureCode: ProcedureCode });

export const SaveDraftRequest = z.object({
  receivingAgencyId: z.uuid({ message: 'Nơi nộp không hợp lệ' }).nullable().default(null),
  contact: Applicant.pick({ phone: true, email: true, address: true }).partial().default({}),
  formData: z.record(z.string(), z.unknown()).default({}),
});
export type SaveDraftRequest = z.infer<typeof SaveDraftRequest>;

export const DraftView = z.object({
  procedureCode: z.string(),
  receivingAgencyId: z.string().nullable(),
  contact: z.record(z.string(), z.unknown()),
  formData: z.record(z.string(), z.unknown()),
  attachments: z.array(AttachmentView),
  updatedAt: z.string(),
});
export type DraftView = z.infer<typeof DraftView>;

/** Officers' reads of one dossier's personal data (NĐ 13/2023/NĐ-CP). */
export const ReadLogList = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({
      at: z.string(),
      accountId: z.string(),
      what: z.enum(['dossier', 'attachment', 'form']),
      detail: z.string().nullable(),
      requestId: z.string().nullable(),
    }),
  ),
});
export type ReadLogList = z.infer<typeof ReadLogList>;
