import {
  AttachmentView,
  DossierView,
  DraftView,
  type AttachmentPurpose,
  type CounterIntakeRequest,
  type SaveDraftRequest,
} from '@motcua/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet, apiSend, apiUpload, isApiError } from '../../lib/api';
import { useHealth } from '../system/api';

const draftKey = (procedureCode: string) => ['dossiers', 'draft', procedureCode];
const draftPath = (procedureCode: string) => `/api/my/drafts/${encodeURIComponent(procedureCode)}`;

/** The citizen's draft for a procedure, or null when there is none yet. */
export function useDraft(procedureCode: string) {
  return useQuery({
    queryKey: draftKey(procedureCode),
    queryFn: async ({ signal }) => {
      try {
        return await apiGet(draftPath(procedureCode), DraftView, { signal });
      } catch (error) {
        if (isApiError(error) && error.status === 404) return null;
        throw error;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
}

export function useSaveDraft(procedureCode: string) {
  return useMutation({
    mutationFn: (draft: SaveDraftRequest) =>
      apiSend('PUT', draftPath(procedureCode), DraftView, draft),
  });
}

export function useDraftUpload(procedureCode: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, component }: { file: File; component: string }) =>
      apiUpload(`${draftPath(procedureCode)}/files`, AttachmentView, file, {
        fileName: file.name,
        component,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: draftKey(procedureCode) }),
  });
}

export function useDraftFileDelete(procedureCode: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiSend('DELETE', `${draftPath(procedureCode)}/files/${id}`, z.undefined()),
    onSuccess: () => client.invalidateQueries({ queryKey: draftKey(procedureCode) }),
  });
}

export function uploadToDossier(
  code: string,
  file: File,
  input: { component: string; purpose: AttachmentPurpose; digitised?: boolean },
) {
  return apiUpload(`/api/dossiers/${encodeURIComponent(code)}/files`, AttachmentView, file, {
    fileName: file.name,
    component: input.component,
    purpose: input.purpose,
    digitised: String(input.digitised ?? false),
  });
}

export function useDossierUpload(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      file,
      ...input
    }: {
      file: File;
      component: string;
      purpose: AttachmentPurpose;
      digitised?: boolean;
    }) => uploadToDossier(code, file, input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['dossiers', 'one', code] }),
  });
}

/** Counter or postal intake, then each scanned component; one key per intake attempt. */
export function useCounterIntake() {
  return useMutation({
    mutationFn: async ({
      request,
      key,
      files,
    }: {
      request: CounterIntakeRequest;
      key: string;
      files: Array<{ component: string; file: File; digitised: boolean }>;
    }) => {
      const dossier = await apiSend('POST', '/api/officer/dossiers', DossierView, request, {
        'idempotency-key': key,
      });
      // A retry (same key) answers the dossier already filed: send only what it lacks.
      const have = new Set(
        dossier.attachments.map((a) => `${a.component}|${a.fileName}|${a.sizeBytes}`),
      );
      for (const f of files) {
        if (have.has(`${f.component}|${f.file.name}|${f.file.size}`)) continue;
        await uploadToDossier(dossier.code, f.file, {
          component: f.component,
          purpose: 'filing',
          digitised: f.digitised,
        });
      }
      return dossier;
    },
  });
}

export const formUrl = (code: string, kind: string) =>
  `/api/dossiers/${encodeURIComponent(code)}/forms/${kind}`;

export function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * The largest file the server takes (UPLOAD_MAX_BYTES, served by /api/health); null until known,
 * when only the server checks. The browser refuses bigger files before sending their bytes.
 */
export function useUploadLimit(): number | null {
  return useHealth().data?.uploads.maxBytes ?? null;
}

/** File types a checklist item may accept online (the server sniffs the bytes anyway). */
export type FileFormat = 'pdf' | 'jpg' | 'png' | 'docx' | 'xlsx';

export const FORMAT_EXTENSIONS: Record<FileFormat, readonly string[]> = {
  pdf: ['pdf'],
  jpg: ['jpg', 'jpeg'],
  png: ['png'],
  docx: ['docx'],
  xlsx: ['xlsx'],
};

const FORMAT_TYPES: Record<FileFormat, readonly string[]> = {
  pdf: ['application/pdf'],
  jpg: ['image/jpeg'],
  png: ['image/png'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
};

/** The `accept` attribute for a picker of these formats (what the phone offers to pick). */
export function acceptOf(formats: readonly FileFormat[]): string {
  return formats
    .flatMap((f) => [...FORMAT_EXTENSIONS[f].map((e) => `.${e}`), ...FORMAT_TYPES[f]])
    .join(',');
}

/**
 * Megabytes as people read them in the locale ("12,4 MB" in Vietnamese, "10 MB"), rounded up so
 * that a file just over the limit never reads as the limit itself.
 */
export function megabytes(bytes: number, locale: string): string {
  const mb = bytes / (1024 * 1024);
  return `${new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    maximumFractionDigits: 1,
  }).format(Math.ceil(mb * 10) / 10)} MB`;
}

/** Why a picked file cannot be sent, before any byte leaves the browser; null when it can. */
export function precheckFile(
  file: File,
  formats: readonly FileFormat[],
  maxBytes: number | null,
): { problem: 'tooBig' } | { problem: 'wrongType' } | null {
  if (maxBytes !== null && file.size > maxBytes) return { problem: 'tooBig' };
  const extension = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
  if (!formats.some((f) => FORMAT_EXTENSIONS[f].includes(extension))) {
    return { problem: 'wrongType' };
  }
  return null;
}
