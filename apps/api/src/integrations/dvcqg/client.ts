import { portalSession, portalTransport } from '../common/portal-transport.js';
import type { z } from 'zod';
import { IntegrationError, type IntegrationSystem } from '../integration-error.js';
import {
  ALREADY_EXISTS_PATTERN,
  DEFAULT_PATHS,
  DvcqgErrorCode as Code,
  LIST_MAX_PAGE_SIZE,
  LIST_SERVICE,
  ListSyncedDossiersResult,
  LookupResult,
  formatNationalDate,
  PROGRESS_CHUNK_SIZE,
  ReplyEnvelope,
  TARGET_NAMES,
  type DossierRecord,
  type DossierRecordInput,
  type LookedUpDossier,
  type ProgressRecordInput,
  type SyncTarget,
} from './contract.js';

export interface DvcqgClientOptions {
  /** Which system this client talks to; names the errors. Default `dvcqg`. */
  target?: SyncTarget;
  /** Adapter base URL, e.g. `DVCQG_URL` / `DIEU_PHOI_URL`. */
  baseUrl: string;
  username: string;
  password: string;
  /** Our agency e-ID sent as `madonvi`; defaults to the account name. */
  agencyCode?: string;
  /** Per HTTP request, including reading the body. */
  timeoutMs?: number;
  /** Endpoint paths appended to `baseUrl`; configured per deployment in OpenCPS [U]. */
  paths?: { auth?: string; integration?: string; list?: string };
  /**
   * The reconciliation listing's service name (default `LayDanhSachHoSoDongBo`, giả định, cần xác
   * nhận) and its page size; sent to `paths.list`, which defaults to the integration path.
   */
  listService?: string;
  listPageSize?: number;
  /** Dossiers per DongBoHoSoMC call [U: the portal's limit]. */
  syncBatchSize?: number;
  /** Progress records per CapNhatTienDoHoSoMC call; 10 as Thanh Hóa sends [I]. */
  progressChunkSize?: number;
  /**
   * Log in again after this long even if the session still works. Their sessions expire at a
   * time they do not tell us, so the client also logs in again once when a call is refused for
   * an invalid session.
   */
  sessionMaxAgeMs?: number;
  fetch?: typeof fetch;
}

export interface SyncOutcome {
  /** How many calls it took (batches). */
  calls: number;
  sent: number;
}

export interface DvcqgClient {
  readonly target: SyncTarget;
  /** Dossiers per DongBoHoSoMC call and progress records per CapNhatTienDoHoSoMC call. */
  readonly syncBatchSize: number;
  readonly progressChunkSize: number;
  /**
   * DongBoHoSoMC with `isUpdating: "False"`, in batches. Throws IntegrationError `rejected` with
   * `remoteCode` = ALREADY_EXISTS when the portal says "đã tồn tại" (see `isAlreadyExists`).
   */
  createDossiers(records: readonly DossierRecordInput[]): Promise<SyncOutcome>;
  /** DongBoHoSoMC with `isUpdating: "True"`, in batches. */
  updateDossiers(records: readonly DossierRecordInput[]): Promise<SyncOutcome>;
  /** Create; a batch answered "đã tồn tại" is sent again as an update, as Thanh Hóa does [I]. */
  upsertDossiers(records: readonly DossierRecordInput[]): Promise<SyncOutcome>;
  /** CapNhatTienDoHoSoMC in chunks, in the given order. */
  updateProgress(steps: readonly ProgressRecordInput[]): Promise<SyncOutcome>;
  /** TraCuuHoSo: what the portal shows now. Throws `not_found` when it does not know the code. */
  lookupDossier(code: string): Promise<LookedUpDossier>;
  /**
   * The dossiers the portal holds that were filed (NgayNopHoSo) between two instants, every
   * page read. The service is our assumption (see LIST_SERVICE in the contract).
   */
  listDossiers(period: { from: Date; to: Date }): Promise<DossierRecord[]>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_SYNC_BATCH = 50;

/** "Đã tồn tại": by their code or, as Thanh Hóa detects it, by the message. */
export function isAlreadyExists(error: unknown): boolean {
  return (
    error instanceof IntegrationError &&
    error.kind === 'rejected' &&
    (error.remoteCode === Code.ALREADY_EXISTS || ALREADY_EXISTS_PATTERN.test(error.message))
  );
}

export function createDvcqgClient(options: DvcqgClientOptions): DvcqgClient {
  const target = options.target ?? 'dvcqg';
  const system: IntegrationSystem = target;
  const name = TARGET_NAMES[target];
  const authPath = options.paths?.auth ?? DEFAULT_PATHS.auth;
  const integrationPath = options.paths?.integration ?? DEFAULT_PATHS.integration;
  const listPath = options.paths?.list ?? integrationPath;
  const listService = options.listService ?? LIST_SERVICE;
  const listPageSize = Math.min(
    positive(options.listPageSize ?? LIST_MAX_PAGE_SIZE, 'listPageSize'),
    LIST_MAX_PAGE_SIZE,
  );
  const agencyCode = options.agencyCode ?? options.username;
  const syncBatch = positive(options.syncBatchSize ?? DEFAULT_SYNC_BATCH, 'syncBatchSize');
  const progressChunk = positive(
    options.progressChunkSize ?? PROGRESS_CHUNK_SIZE,
    'progressChunkSize',
  );
  const transport = portalTransport({
    system,
    name,
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const { fault } = transport;
  const portal = portalSession(transport, {
    authPath,
    username: options.username,
    password: options.password,
    agencyCode,
    sessionMaxAgeMs: options.sessionMaxAgeMs,
  });
  const call = <S extends z.ZodType>(
    body: { service: string } & Record<string, unknown>,
    schema: S,
    path = integrationPath,
  ): Promise<z.output<S>> => portal.call(path, body, schema);

  async function inBatches<T>(
    items: readonly T[],
    size: number,
    sendBatch: (batch: T[]) => Promise<unknown>,
  ): Promise<SyncOutcome> {
    let calls = 0;
    // Sequential on purpose: the portal must see batches (and a dossier's steps) in our order.
    for (let from = 0; from < items.length; from += size) {
      await sendBatch(items.slice(from, from + size));
      calls += 1;
    }
    return { calls, sent: items.length };
  }

  const syncBatchOf = (isUpdating: boolean) => (data: DossierRecordInput[]) =>
    call(
      { service: 'DongBoHoSoMC', isUpdating: isUpdating ? 'True' : 'False', data },
      ReplyEnvelope,
    );

  return {
    target,
    syncBatchSize: syncBatch,
    progressChunkSize: progressChunk,
    createDossiers: (records) => inBatches(records, syncBatch, syncBatchOf(false)),
    updateDossiers: (records) => inBatches(records, syncBatch, syncBatchOf(true)),
    upsertDossiers: (records) =>
      inBatches(records, syncBatch, async (batch) => {
        try {
          await syncBatchOf(false)(batch);
        } catch (error) {
          if (!isAlreadyExists(error)) throw error;
          // A batch is all or nothing there [U], so a mixed batch is retried one by one: each
          // dossier goes in as a create, or as an update if it exists.
          if (batch.length === 1) return syncBatchOf(true)(batch);
          for (const record of batch) {
            await syncBatchOf(false)([record]).catch((single: unknown) => {
              if (!isAlreadyExists(single)) throw single;
              return syncBatchOf(true)([record]);
            });
          }
        }
      }),
    updateProgress: (steps) =>
      inBatches(steps, progressChunk, (data) =>
        call({ service: 'CapNhatTienDoHoSoMC', data }, ReplyEnvelope),
      ),
    async lookupDossier(code) {
      const reply = await call({ service: 'TraCuuHoSo', mahoso: code }, LookupResult);
      const record = reply.result.find((r) => r.MaHoSo === code);
      if (!record) {
        if (reply.result.length === 0) throw fault('not_found', `không có hồ sơ ${code}.`);
        throw fault('bad_response', `trả về hồ sơ khác với ${code} được hỏi.`);
      }
      return record;
    },
    async listDossiers({ from, to }) {
      const all: DossierRecord[] = [];
      // Bounded: a portal that keeps answering full pages must not keep us reading forever.
      for (let page = 1; page <= 1_000; page += 1) {
        const reply = await call(
          {
            service: listService,
            tungay: formatNationalDate(from),
            denngay: formatNationalDate(to),
            trang: page,
            sobanghi: listPageSize,
          },
          ListSyncedDossiersResult,
          listPath,
        );
        all.push(...reply.result);
        if (reply.result.length < listPageSize || all.length >= reply.total) return all;
      }
      throw fault('bad_response', 'danh sách hồ sơ đồng bộ có quá nhiều trang.');
    },
  };
}

function positive(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${what} must be an integer ≥ 1`);
  return value;
}
