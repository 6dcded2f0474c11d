/** External systems we call; each client reports failures under its own name. */
export type IntegrationSystem =
  'national-catalog' | 'vneid-sso' | 'dvcqg' | 'dieu-phoi' | 'ministry' | 'payment-platform';

/**
 * What went wrong, in terms a caller can act on:
 * - `timeout`: no answer in time — retry later, the request may or may not have been applied;
 * - `unavailable`: connection refused or 5xx — retry later;
 * - `bad_response`: the answer does not match their contract — retrying will not help, alert;
 * - `rejected`: they understood and refused (credentials, invalid request) — fix config or input;
 * - `not_found`: the thing asked for does not exist there.
 */
export type IntegrationErrorKind =
  'timeout' | 'unavailable' | 'bad_response' | 'rejected' | 'not_found';

export class IntegrationError extends Error {
  readonly system: IntegrationSystem;
  readonly kind: IntegrationErrorKind;
  /** HTTP status of their reply, when there was one. */
  readonly status: number | undefined;
  /** Their own `error_code`, when the reply carried one. */
  readonly remoteCode: number | undefined;

  constructor(
    system: IntegrationSystem,
    kind: IntegrationErrorKind,
    message: string,
    options?: { status?: number; remoteCode?: number; cause?: unknown },
  ) {
    super(message, { cause: options?.cause });
    this.name = 'IntegrationError';
    this.system = system;
    this.kind = kind;
    this.status = options?.status;
    this.remoteCode = options?.remoteCode;
  }

  /** Worth retrying later without changing anything on our side. */
  get transient(): boolean {
    return this.kind === 'timeout' || this.kind === 'unavailable';
  }
}
