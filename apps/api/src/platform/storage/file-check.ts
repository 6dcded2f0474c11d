import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../errors.js';

/** The types accepted, by what the bytes are (sniffed), with the extensions a name may carry. */
const ALLOWED = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'] },
  'image/jpeg': { label: 'JPEG', extensions: ['jpg', 'jpeg'] },
  'image/png': { label: 'PNG', extensions: ['png'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    label: 'DOCX',
    extensions: ['docx'],
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    label: 'XLSX',
    extensions: ['xlsx'],
  },
} as const satisfies Record<string, { label: string; extensions: readonly string[] }>;

type AllowedType = keyof typeof ALLOWED;
const LABELS = Object.values(ALLOWED)
  .map((t) => t.label)
  .join(', ');

export interface CheckedFile {
  /** Sniffed from the bytes; the uploader's claim is never trusted. */
  contentType: AllowedType;
  sizeBytes: number;
  sha256: string;
  fileName: string;
}

const megabytes = (bytes: number) =>
  `${(bytes / (1024 * 1024)).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

/** A display name without directories or control characters (it goes into headers and logs). */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return clean.slice(-200) || 'tep-dinh-kem';
}

/**
 * Size, type and checksum of an upload. The type is the one the content shows (magic bytes),
 * and the name's extension must agree with it: a ".pdf" that is not a PDF is refused.
 */
export async function checkFile(
  fileNameRaw: string,
  bytes: Buffer,
  limits: { maxBytes: number },
): Promise<CheckedFile> {
  const fileName = cleanFileName(fileNameRaw);
  if (bytes.length === 0) {
    throw new AppError('VALIDATION_FAILED', `Tệp "${fileName}" rỗng, vui lòng chọn lại tệp.`);
  }
  if (bytes.length > limits.maxBytes) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `Tệp "${fileName}" có dung lượng ${megabytes(bytes.length)}, vượt quá giới hạn ${megabytes(limits.maxBytes)} mỗi tệp.`,
    );
  }
  const sniffed = await fileTypeFromBuffer(bytes);
  const type = sniffed && sniffed.mime in ALLOWED ? (sniffed.mime as AllowedType) : undefined;
  const extension = fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : '';
  if (!type) {
    const claimed = Object.values(ALLOWED).find((t) =>
      (t.extensions as readonly string[]).includes(extension),
    );
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      claimed
        ? `Tệp "${fileName}" có đuôi .${extension} nhưng nội dung không phải ${claimed.label}. Vui lòng chọn đúng tệp.`
        : `Tệp "${fileName}" không thuộc loại được chấp nhận. Chỉ nhận tệp ${LABELS}.`,
    );
  }
  if (!(ALLOWED[type].extensions as readonly string[]).includes(extension)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Tên tệp "${fileName}" không khớp với nội dung (${ALLOWED[type].label}). Vui lòng đổi đuôi tệp thành .${ALLOWED[type].extensions[0]}.`,
    );
  }
  return {
    contentType: type,
    sizeBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    fileName,
  };
}
