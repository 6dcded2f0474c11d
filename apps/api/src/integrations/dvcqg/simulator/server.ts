/**
 * A stand-in for the DVCQG dossier-sync service (see ../contract.ts), or with `target:
 * 'dieu-phoi'` for the coordination system, which we assume speaks the same protocol [U]. It keeps
 * what it received — per dossier the latest record, the progress history and every delivery with
 * its time and outcome — so tests and the reconciliation can read it back through `TraCuuHoSo`
 * and `GET /__sim/dossiers/:code`. Development and tests only.
 *
 * Strict where a real portal is strict, with these rules being our assumptions [U] and therefore
 * options: the accepted TTHC codes (default: the bundled national catalogue), the mandatory
 * fields, the status transitions, the progress chunk size and the batch size.
 *
 * Faults (through `PUT /__sim/fault`), beyond the common ones:
 * - `duplicate`: each delivery is applied twice, as when a retry crosses a lost acknowledgement;
 *   the second application is logged as a replay (a second create is refused as "đã tồn tại",
 *   progress steps appear twice in the history);
 * - `reorder`: a delivery is acknowledged but applied only after the next one, as a hub with a
 *   queue may do; if it no longer fits then, it is logged as rejected after the acknowledgement;
 * - `already-exists`: creates are applied but answered "đã tồn tại", as when the first attempt
 *   went through and its reply was lost.
 *
 * Planted mismatches (`POST /__sim/plant`), for the reconciliation (đối chiếu) to find: the portal's
 * copy of chosen (or `count` random) dossiers is dropped, given another status, another TTHC code
 * or a shifted date, or a dossier we never sent is added. Each plant picks dossiers not planted
 * before, so N plants of a kind are N mismatches of that kind.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CONTROL_PREFIX,
  type FaultMode,
  type FaultSettingInput,
} from '../../common/simulator/fault-switch.js';
import { createPortalSimulator, fail } from '../../common/simulator/portal-server.js';
import { loadCatalog } from '../../national-catalog/simulator/catalog-data.js';
import {
  DEFAULT_PATHS,
  DossierRecord,
  DvcqgErrorCode as Code,
  IntegrationRequest,
  LIST_SERVICE,
  PROGRESS_CHUNK_SIZE,
  formatNationalDate,
  parseNationalDate,
  ProgressRecord,
  SERVICES,
  StatusCode,
  TARGET_NAMES,
  type ErrorReply,
  type SyncTarget,
} from '../contract.js';

export interface DvcqgSimulatorOptions {
  /** Which system this instance plays; only names and default credentials differ. */
  target?: SyncTarget;
  username?: string;
  password?: string;
  /** Sessions expire so that clients have to log in again. */
  sessionTtlMs?: number;
  /**
   * TTHC codes the portal accepts. Default: the codes of the bundled national catalogue
   * (`data/procedures`, loaded once per process).
   */
  procedureCodes?: Iterable<string> | ((code: string) => boolean);
  /** Directory of the catalogue when `procedureCodes` is not given. */
  dataDir?: string;
  /** Dossier fields demanded besides MaHoSo, MaTTHC and TrangThaiHoSo [U]. */
  requiredDossierFields?: readonly string[];
  /** Progress fields demanded besides MaHoSo, TrangThai and ThoiDiemXuLy [U]. */
  requiredProgressFields?: readonly string[];
  /** May a dossier (or its progress history) move from one status to the next? [U] */
  transitionAllowed?: (from: number, to: number) => boolean;
  /** Progress records per CapNhatTienDoHoSoMC call; Thanh Hóa sends 10 [I], a limit is [U]. */
  maxProgressPerCall?: number;
  /** Dossiers per DongBoHoSoMC call [U]. */
  maxDossiersPerCall?: number;
  /** Deliveries kept in the global log; older ones are dropped (per-dossier logs stay). */
  maxDeliveriesKept?: number;
  fault?: FaultSettingInput | undefined;
  logger?: boolean;
  random?: () => number;
}

export const DEFAULT_REQUIRED_DOSSIER_FIELDS = ['TenTTHC', 'ChuHoSo', 'NgayTiepNhan'] as const;
export const DEFAULT_REQUIRED_PROGRESS_FIELDS = ['NguoiXuLy', 'NoiDungXuLy'] as const;
export const DEFAULT_MAX_DOSSIERS_PER_CALL = 100;

// 3 (refused), 7 (withdrawn) and 10 (returned) end a dossier; 9 (result ready) can only be
// returned; nothing goes back to 1 (not yet received). Our reading of §4.2, not a published rule.
const FINAL_STATUSES = new Set([3, 7, 10]);
export function defaultTransitionAllowed(from: number, to: number): boolean {
  if (from === to) return true;
  if (FINAL_STATUSES.has(from)) return false;
  if (to === 1) return false;
  if (from === 9) return to === 10;
  return true;
}

type Json = Record<string, unknown>;

export interface Delivery {
  seq: number;
  receivedAt: string;
  /** When it took effect; absent while held by `reorder`. */
  appliedAt?: string;
  service: 'DongBoHoSoMC' | 'CapNhatTienDoHoSoMC';
  isUpdating?: boolean;
  madonvi: string;
  /** The fault drawn for the request that carried it. */
  fault: FaultMode;
  /** A second application of an earlier delivery (`duplicate`). */
  replayOf?: number;
  outcome: 'applied' | 'rejected' | 'held';
  error_code: number;
  message: string;
  data: Json[];
}

export interface StoredDossier {
  MaHoSo: string;
  /** The latest record as received (DongBoHoSoMC). */
  latest: Json;
  status: number;
  /** Progress steps in the order they were applied, each with the delivery that brought it. */
  progress: (Json & { __seq: number })[];
  deliveries: Delivery[];
}

const ok = (message = 'Thành công') => ({ error_code: Code.OK, message });

const nowIso = () => new Date().toISOString();

export function createDvcqgSimulator(options: DvcqgSimulatorOptions = {}): FastifyInstance {
  const target = options.target ?? 'dvcqg';
  const systemName = TARGET_NAMES[target];
  const requiredDossier = options.requiredDossierFields ?? DEFAULT_REQUIRED_DOSSIER_FIELDS;
  const requiredProgress = options.requiredProgressFields ?? DEFAULT_REQUIRED_PROGRESS_FIELDS;
  const transitionAllowed = options.transitionAllowed ?? defaultTransitionAllowed;
  const maxProgress = options.maxProgressPerCall ?? PROGRESS_CHUNK_SIZE;
  const maxDossiers = options.maxDossiersPerCall ?? DEFAULT_MAX_DOSSIERS_PER_CALL;
  const maxKept = options.maxDeliveriesKept ?? 100_000;

  const dossiers = new Map<string, StoredDossier>();
  const log: Delivery[] = [];
  let seq = 0;
  let held: { delivery: Delivery; items: Json[] } | undefined;
  let knownProcedure: ((code: string) => boolean) | undefined;
  const plantedCodes = new Set<string>();
  const random = options.random ?? Math.random;

  const { app, faults, refuseSession } = createPortalSimulator({
    name: systemName,
    username: options.username ?? 'motcua',
    password: options.password ?? (target === 'dvcqg' ? 'dvcqg-sim' : 'dieu-phoi-sim'),
    sessionTtlMs: options.sessionTtlMs,
    authPath: DEFAULT_PATHS.auth,
    fault: options.fault,
    logger: options.logger,
    random: options.random,
    bodyLimit: 16 * 1024 * 1024,
  });

  app.addHook('onReady', async () => {
    const given = options.procedureCodes;
    if (typeof given === 'function') knownProcedure = given;
    else if (given) {
      const set = new Set(given);
      knownProcedure = (code) => set.has(code);
    } else {
      const catalog = await loadCatalog(options.dataDir);
      knownProcedure = (code) => catalog.get(code) !== undefined;
    }
  });

  // ---- control plane (never faulted) ------------------------------------------------------

  app.get(`${CONTROL_PREFIX}/health`, async () => ({
    status: 'ok',
    target,
    dossiers: dossiers.size,
    deliveries: seq,
  }));
  app.get(`${CONTROL_PREFIX}/dossiers`, async () => ({
    dossiers: [...dossiers.values()].map((d) => ({
      MaHoSo: d.MaHoSo,
      MaTTHC: d.latest.MaTTHC,
      status: d.status,
      progress: d.progress.length,
      deliveries: d.deliveries.length,
    })),
  }));
  app.get<{ Params: { code: string } }>(`${CONTROL_PREFIX}/dossiers/:code`, async (req, reply) => {
    const stored = dossiers.get(req.params.code);
    if (!stored) return reply.code(404).send({ error: 'Không có hồ sơ này trong bộ giả lập' });
    return {
      ...stored,
      deliveries: stored.deliveries.map((d) => ({
        ...d,
        data: d.data.filter((item) => item.MaHoSo === stored.MaHoSo),
      })),
    };
  });
  app.get(`${CONTROL_PREFIX}/deliveries`, async () => ({ deliveries: log }));
  // Applies a delivery still held by `reorder`, when no further delivery is coming.
  app.post(`${CONTROL_PREFIX}/flush`, async () => {
    const pending = held;
    held = undefined;
    if (pending) release(pending.delivery, pending.items);
    return { released: pending ? pending.delivery.seq : null };
  });
  app.post(`${CONTROL_PREFIX}/plant`, async (request, reply) => {
    const body = PlantRequest.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ error: describeIssues(body.error) });
    const plant = body.data;
    const chosen = plant.codes ?? pickUnplanted(plant.count ?? 1);
    const planted: string[] = [];
    for (const code of chosen) {
      const stored = dossiers.get(code);
      if (!stored) return reply.code(404).send({ error: `Không có hồ sơ ${code} để cài lệch.` });
      plantedCodes.add(code);
      planted.push(plantOne(plant, stored));
    }
    return { kind: plant.kind, planted };
  });
  app.delete(`${CONTROL_PREFIX}/dossiers`, async () => {
    const removed = dossiers.size;
    dossiers.clear();
    plantedCodes.clear();
    log.length = 0;
    held = undefined;
    return { removed };
  });

  // ---- their API -------------------------------------------------------------------------

  app.post(DEFAULT_PATHS.integration, async (request, reply) => {
    const service = (request.body as { service?: unknown } | null | undefined)?.service;
    if (!SERVICES.includes(service as (typeof SERVICES)[number])) {
      return reply
        .code(400)
        .send(
          fail(Code.INVALID_REQUEST, `Dịch vụ không được hỗ trợ: ${String(service ?? '(trống)')}.`),
        );
    }
    const body = IntegrationRequest.safeParse(request.body);
    if (!body.success) {
      return reply.code(400).send(fail(Code.INVALID_REQUEST, describeIssues(body.error)));
    }
    const refused = refuseSession(body.data.session);
    if (refused) return refused;
    const fault = faults.appliedTo(request);
    const req = body.data;
    if (req.service === 'TraCuuHoSo') {
      const stored = dossiers.get(req.mahoso);
      if (!stored) return fail(Code.NOT_FOUND, `Không tìm thấy hồ sơ ${req.mahoso}.`);
      const shown = { ...stored.latest, QuaTrinhXuLy: stored.progress.map(stripSeq) };
      return { ...ok(), result: fault === 'duplicate' ? [shown, shown] : [shown] };
    }
    if (req.service === LIST_SERVICE) {
      const from = parseNationalDate(req.tungay)!;
      const to = parseNationalDate(req.denngay)!;
      const matching = [...dossiers.values()]
        .filter((d) => {
          const filed = dateOf(d.latest.NgayNopHoSo);
          return filed !== undefined && filed >= from && filed <= to;
        })
        .sort((a, b) => a.MaHoSo.localeCompare(b.MaHoSo));
      const start = (req.trang - 1) * req.sobanghi;
      return {
        ...ok(),
        total: matching.length,
        result: matching.slice(start, start + req.sobanghi).map((d) => d.latest),
      };
    }
    const items = req.data as Json[];
    const delivery: Delivery = {
      seq: ++seq,
      receivedAt: nowIso(),
      service: req.service,
      ...(req.service === 'DongBoHoSoMC' ? { isUpdating: req.isUpdating === 'True' } : {}),
      madonvi: req.madonvi,
      fault,
      outcome: 'rejected',
      error_code: Code.OK,
      message: '',
      data: items,
    };
    remember(delivery, items);
    const previouslyHeld = held;
    held = undefined;

    let answer: ErrorReply;
    const refusal = check(delivery, items);
    if (refusal) {
      answer = settle(delivery, refusal);
    } else if (fault === 'reorder' && !previouslyHeld) {
      // Pairwise swap: this one waits for the next delivery, which is applied before it.
      delivery.outcome = 'held';
      delivery.error_code = Code.OK;
      delivery.message = 'Thành công';
      held = { delivery, items };
      answer = ok();
    } else {
      apply(delivery, items);
      answer = settle(delivery, ok());
      if (fault === 'already-exists' && delivery.isUpdating === false) {
        const first = String(items[0]?.MaHoSo ?? '');
        answer = fail(Code.ALREADY_EXISTS, `Hồ sơ ${first} đã tồn tại trên hệ thống.`);
      }
      if (fault === 'duplicate') replay(delivery, items);
    }
    if (previouslyHeld) release(previouslyHeld.delivery, previouslyHeld.items);
    return answer;
  });

  function pickUnplanted(count: number): string[] {
    const free = [...dossiers.keys()].filter((code) => !plantedCodes.has(code)).sort();
    const picked: string[] = [];
    while (picked.length < count && free.length > 0) {
      picked.push(free.splice(Math.floor(random() * free.length), 1)[0]!);
    }
    return picked;
  }

  /** Changes the portal's copy of one dossier; returns the code the mismatch will carry. */
  function plantOne(plant: PlantRequest, stored: StoredDossier): string {
    const latest = stored.latest;
    switch (plant.kind) {
      case 'drop':
        dossiers.delete(stored.MaHoSo);
        return stored.MaHoSo;
      case 'status': {
        const status = plant.status ?? (stored.status === 4 ? 2 : 4);
        stored.status = status;
        stored.latest = { ...latest, TrangThaiHoSo: status };
        return stored.MaHoSo;
      }
      case 'procedure':
        stored.latest = { ...latest, MaTTHC: plant.procedureCode ?? '2.000000' };
        return stored.MaHoSo;
      case 'dates': {
        const field = ['NgayHenTra', 'NgayTiepNhan', 'NgayNopHoSo'].find((f) => dateOf(latest[f]));
        if (!field) return stored.MaHoSo;
        const shifted = dateOf(latest[field])!.getTime() + (plant.shiftDays ?? 1) * 86_400_000;
        stored.latest = { ...latest, [field]: formatNationalDate(new Date(shifted)) };
        return stored.MaHoSo;
      }
      case 'extra': {
        // A dossier of the same unit and period that never came from us.
        const code = `${stored.MaHoSo}-K${plantedCodes.size}`;
        plantedCodes.add(code);
        dossiers.set(code, {
          MaHoSo: code,
          latest: { ...latest, MaHoSo: code },
          status: stored.status,
          progress: [],
          deliveries: [],
        });
        return code;
      }
    }
  }

  function remember(delivery: Delivery, items: Json[]) {
    log.push(delivery);
    if (log.length > maxKept) log.splice(0, log.length - maxKept);
    for (const item of items) {
      const stored = typeof item?.MaHoSo === 'string' ? dossiers.get(item.MaHoSo) : undefined;
      if (stored && !stored.deliveries.includes(delivery)) stored.deliveries.push(delivery);
    }
  }

  function settle(delivery: Delivery, answer: ErrorReply): ErrorReply {
    delivery.outcome = answer.error_code === Code.OK ? 'applied' : 'rejected';
    delivery.error_code = answer.error_code;
    delivery.message = answer.message;
    if (delivery.outcome === 'applied') delivery.appliedAt = nowIso();
    return answer;
  }

  function release(delivery: Delivery, items: Json[]) {
    const refusal = check(delivery, items);
    if (refusal) {
      settle(delivery, refusal);
      return;
    }
    apply(delivery, items);
    settle(delivery, ok());
  }

  function replay(original: Delivery, items: Json[]) {
    const copy: Delivery = {
      ...original,
      seq: ++seq,
      receivedAt: nowIso(),
      replayOf: original.seq,
    };
    delete copy.appliedAt;
    remember(copy, items);
    release(copy, items);
  }

  /** The whole request is refused if any item is: the portal applies a batch all or nothing [U]. */
  function check(delivery: Delivery, items: Json[]): ErrorReply | undefined {
    return delivery.service === 'DongBoHoSoMC'
      ? checkDossiers(delivery.isUpdating === true, items)
      : checkProgress(items);
  }

  function checkDossiers(isUpdating: boolean, items: Json[]): ErrorReply | undefined {
    if (items.length > maxDossiers) {
      return fail(Code.INVALID_REQUEST, `Mỗi lần đồng bộ tối đa ${maxDossiers} hồ sơ.`);
    }
    // Later items of the same batch see the earlier ones.
    const pending = new Map<string, number>();
    for (const [index, raw] of items.entries()) {
      const where = `bản ghi ${index + 1}${typeof raw?.MaHoSo === 'string' ? ` (hồ sơ ${raw.MaHoSo})` : ''}`;
      const parsed = DossierRecord.safeParse(raw);
      if (!parsed.success)
        return fail(Code.INVALID_REQUEST, `${where}: ${describeIssues(parsed.error)}`);
      const missing = missingFields(raw, requiredDossier, parsed.data.TrangThaiHoSo);
      if (missing.length > 0) {
        return fail(Code.INVALID_REQUEST, `${where}: thiếu trường bắt buộc ${missing.join(', ')}.`);
      }
      const record = parsed.data;
      if (!knownProcedure?.(record.MaTTHC)) {
        return fail(
          Code.UNKNOWN_PROCEDURE,
          `${where}: mã thủ tục hành chính ${record.MaTTHC} không có trong CSDL quốc gia về TTHC.`,
        );
      }
      const previous = pending.get(record.MaHoSo) ?? dossiers.get(record.MaHoSo)?.status;
      if (!isUpdating && previous !== undefined) {
        return fail(Code.ALREADY_EXISTS, `Hồ sơ ${record.MaHoSo} đã tồn tại trên hệ thống.`);
      }
      if (isUpdating && previous === undefined) {
        return fail(
          Code.NOT_FOUND,
          `Hồ sơ ${record.MaHoSo} chưa được đồng bộ nên không thể cập nhật.`,
        );
      }
      if (previous !== undefined && !transitionAllowed(previous, record.TrangThaiHoSo)) {
        return fail(
          Code.BAD_TRANSITION,
          `Hồ sơ ${record.MaHoSo}: không được chuyển trạng thái từ ${previous} sang ${record.TrangThaiHoSo}.`,
        );
      }
      pending.set(record.MaHoSo, record.TrangThaiHoSo);
    }
    return undefined;
  }

  function checkProgress(items: Json[]): ErrorReply | undefined {
    if (items.length > maxProgress) {
      return fail(
        Code.INVALID_REQUEST,
        `Mỗi lần cập nhật tiến độ tối đa ${maxProgress} bản ghi (nhận được ${items.length}).`,
      );
    }
    const pending = new Map<string, number>();
    for (const [index, raw] of items.entries()) {
      const where = `bản ghi ${index + 1}${typeof raw?.MaHoSo === 'string' ? ` (hồ sơ ${raw.MaHoSo})` : ''}`;
      const parsed = ProgressRecord.safeParse(raw);
      if (!parsed.success)
        return fail(Code.INVALID_REQUEST, `${where}: ${describeIssues(parsed.error)}`);
      const missing = missingFields(raw, requiredProgress);
      if (missing.length > 0) {
        return fail(Code.INVALID_REQUEST, `${where}: thiếu trường bắt buộc ${missing.join(', ')}.`);
      }
      const step = parsed.data;
      const stored = dossiers.get(step.MaHoSo);
      if (!stored) {
        return fail(
          Code.NOT_FOUND,
          `Hồ sơ ${step.MaHoSo} chưa được đồng bộ, không thể cập nhật tiến độ.`,
        );
      }
      // The history is checked against itself, not against the dossier's current status: a
      // dossier synced when already returned (10) still gets its whole history afterwards.
      const lastStep = stored.progress.at(-1);
      const previous =
        pending.get(step.MaHoSo) ??
        (lastStep ? ProgressRecord.shape.TrangThai.parse(lastStep.TrangThai) : undefined);
      if (previous !== undefined && !transitionAllowed(previous, step.TrangThai)) {
        return fail(
          Code.BAD_TRANSITION,
          `Hồ sơ ${step.MaHoSo}: tiến độ không được chuyển từ trạng thái ${previous} sang ${step.TrangThai}.`,
        );
      }
      pending.set(step.MaHoSo, step.TrangThai);
    }
    return undefined;
  }

  function apply(delivery: Delivery, items: Json[]) {
    for (const item of items) {
      const code = item.MaHoSo as string;
      if (delivery.service === 'DongBoHoSoMC') {
        const status = DossierRecord.shape.TrangThaiHoSo.parse(item.TrangThaiHoSo);
        const stored = dossiers.get(code);
        if (stored) {
          stored.latest = item;
          stored.status = status;
          if (!stored.deliveries.includes(delivery)) stored.deliveries.push(delivery);
        } else {
          dossiers.set(code, {
            MaHoSo: code,
            latest: item,
            status,
            progress: [],
            deliveries: [delivery],
          });
        }
      } else {
        const stored = dossiers.get(code);
        stored?.progress.push({ ...item, __seq: delivery.seq });
      }
    }
  }

  return app;
}

const PlantRequest = z.object({
  kind: z.enum(['drop', 'status', 'procedure', 'dates', 'extra']),
  /** The dossiers to change; otherwise `count` random ones not planted before. */
  codes: z.array(z.string().min(1)).optional(),
  count: z.number().int().min(1).max(10_000).optional(),
  status: StatusCode.optional(),
  procedureCode: z.string().min(1).optional(),
  shiftDays: z.number().int().optional(),
});
type PlantRequest = z.infer<typeof PlantRequest>;

const dateOf = (value: unknown) =>
  typeof value === 'string' ? parseNationalDate(value) : undefined;

function stripSeq({ __seq: _seq, ...step }: Json & { __seq: number }): Json {
  return step;
}

/**
 * Statuses a dossier can hold before it was ever received, so without a NgayTiepNhan to demand:
 * new (1), refused before receipt (3, the refusal slip of NĐ 118/2025 Art. 17.1), waiting for a
 * fee asked at filing (6, paid before receipt, domain.md §4.6) and withdrawn before receipt (7).
 */
const MAYBE_NEVER_RECEIVED = new Set([1, 3, 6, 7]);

function missingFields(raw: Json, required: readonly string[], status?: number): string[] {
  return required.filter((field) => {
    if (field === 'NgayTiepNhan' && status !== undefined && MAYBE_NEVER_RECEIVED.has(status)) {
      return false;
    }
    const value = raw[field];
    return value === undefined || value === null || value === '';
  });
}

function describeIssues(error: z.ZodError): string {
  const missing: string[] = [];
  const invalid: string[] = [];
  for (const issue of error.issues) {
    const field = issue.path.join('.') || '(nội dung)';
    if (issue.code === 'invalid_type' && issue.message.includes('undefined')) missing.push(field);
    else invalid.push(`${field} (${issue.message})`);
  }
  const parts = [
    missing.length > 0 ? `thiếu trường bắt buộc ${[...new Set(missing)].join(', ')}` : '',
    invalid.length > 0 ? `trường không hợp lệ ${[...new Set(invalid)].slice(0, 5).join(', ')}` : '',
  ].filter(Boolean);
  return `Yêu cầu không hợp lệ: ${parts.join('; ')}.`;
}
