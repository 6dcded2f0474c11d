import type { ErrorCode, ErrorIssue } from '@motcua/contracts';

const httpStatus: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  CONFLICT: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** Default Vietnamese text per code; a use case may give a more specific message. */
const defaultMessage: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Dữ liệu gửi lên không hợp lệ.',
  NOT_FOUND: 'Không tìm thấy dữ liệu yêu cầu.',
  ROUTE_NOT_FOUND: 'Không tìm thấy địa chỉ yêu cầu.',
  CONFLICT: 'Yêu cầu xung đột với dữ liệu hiện có.',
  UNAUTHENTICATED: 'Bạn cần đăng nhập để thực hiện thao tác này.',
  FORBIDDEN: 'Bạn không có quyền thực hiện thao tác này.',
  PAYLOAD_TOO_LARGE: 'Dữ liệu gửi lên vượt quá dung lượng cho phép.',
  UNSUPPORTED_MEDIA_TYPE: 'Định dạng dữ liệu gửi lên không được hỗ trợ.',
  RATE_LIMITED: 'Bạn gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.',
  SERVICE_UNAVAILABLE: 'Hệ thống tạm thời không phục vụ được. Vui lòng thử lại sau.',
  INTERNAL: 'Đã có lỗi xảy ra trong hệ thống. Vui lòng thử lại sau.',
};

/** The one error type of the system; http/error-handler maps it to a response. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[] | undefined;

  constructor(
    code: ErrorCode,
    message?: string,
    options?: { issues?: ErrorIssue[]; cause?: unknown },
  ) {
    super(message ?? defaultMessage[code], { cause: options?.cause });
    this.name = 'AppError';
    this.code = code;
    this.issues = options?.issues;
  }

  get status(): number {
    return httpStatus[this.code];
  }
}

export function statusOf(code: ErrorCode): number {
  return httpStatus[code];
}

export function defaultMessageOf(code: ErrorCode): string {
  return defaultMessage[code];
}

export function notFound(message: string): AppError {
  return new AppError('NOT_FOUND', message);
}
