/**
 * A stand-in for a ministry's centralized TTHC system (see ../contract.ts), serving the dossiers
 * of the province's procedures it settles, changed since a watermark, page by page. Development
 * and tests only.
 *
 * Control plane (never faulted), beside the common `/__sim/fault`:
 *   GET    /__sim/dossiers          every row as served
 *   POST   /__sim/dossiers          add or replace rows ({rows: [...]}) — NgayCapNhat set to now
 *   PATCH  /__sim/dossiers/:code    change a row (e.g. {TrangThaiHoSo: 10}) — NgayCapNhat set to now
 *   DELETE /__sim/dossiers          back to the demo rows
 *
 * Faults beyond the common ones: `duplicate` serves every row of a page twice, as a replica
 * behind a load balancer might; `reorder` serves a page's rows in reverse order.
 */
import type { FastifyInstance } from 'fastify';
import { CONTROL_PREFIX, type FaultSettingInput } from '../../common/simulator/fault-switch.js';
import { createPortalSimulator, fail } from '../../common/simulator/portal-server.js';
import {
  DEFAULT_PATHS,
  ListRequest,
  MinistryDossier,
  MinistryErrorCode as Code,
  formatNationalDate,
  type MinistryDossierInput,
} from '../contract.js';
import { demoMinistryDossiers } from './demo-data.js';

export interface MinistrySimulatorOptions {
  /** Shown in messages, e.g. "Hệ thống thông tin đăng ký và quản lý hộ tịch (Bộ Tư pháp)". */
  name?: string;
  username?: string;
  password?: string;
  sessionTtlMs?: number;
  /** Rows served at start and after a reset; default the Đồng Nai demo rows. */
  rows?: () => MinistryDossierInput[];
  /** The time stamped on rows changed through the control plane. */
  now?: () => Date;
  fault?: FaultSettingInput | undefined;
  logger?: boolean;
  random?: () => number;
}

export function createMinistrySimulator(options: MinistrySimulatorOptions = {}): FastifyInstance {
  const name = options.name ?? 'Hệ thống thông tin đăng ký và quản lý hộ tịch (Bộ Tư pháp)';
  const seed = options.rows ?? demoMinistryDossiers;
  const now = options.now ?? (() => new Date());
  let rows = new Map<string, MinistryDossierInput>();
  const reset = () => {
    rows = new Map(seed().map((row) => [row.MaHoSo, row]));
  };
  reset();

  const { app, faults, refuseSession } = createPortalSimulator({
    name,
    username: options.username ?? 'motcua',
    password: options.password ?? 'ministry-sim',
    sessionTtlMs: options.sessionTtlMs,
    authPath: DEFAULT_PATHS.auth,
    fault: options.fault,
    logger: options.logger,
    random: options.random,
  });

  // ---- control plane -----------------------------------------------------------------------

  app.get(`${CONTROL_PREFIX}/health`, async () => ({ status: 'ok', dossiers: rows.size }));
  app.get(`${CONTROL_PREFIX}/dossiers`, async () => ({ dossiers: [...rows.values()] }));
  app.post(`${CONTROL_PREFIX}/dossiers`, async (request, reply) => {
    const given = (request.body as { rows?: unknown } | null)?.rows;
    if (!Array.isArray(given)) return reply.code(400).send({ error: 'Cần {rows: [...]}' });
    const stamp = formatNationalDate(now());
    for (const raw of given) {
      const parsed = MinistryDossier.safeParse({ ...raw, NgayCapNhat: stamp });
      if (!parsed.success) return reply.code(400).send({ error: parsed.error.message });
      rows.set(parsed.data.MaHoSo, { ...(raw as MinistryDossierInput), NgayCapNhat: stamp });
    }
    return { dossiers: rows.size };
  });
  app.patch<{ Params: { code: string } }>(
    `${CONTROL_PREFIX}/dossiers/:code`,
    async (request, reply) => {
      const row = rows.get(request.params.code);
      if (!row) return reply.code(404).send({ error: 'Không có hồ sơ này trong bộ giả lập' });
      const next = {
        ...row,
        ...(request.body as object),
        MaHoSo: row.MaHoSo,
        NgayCapNhat: formatNationalDate(now()),
      };
      const parsed = MinistryDossier.safeParse(next);
      if (!parsed.success) return reply.code(400).send({ error: parsed.error.message });
      rows.set(row.MaHoSo, next);
      return next;
    },
  );
  app.delete(`${CONTROL_PREFIX}/dossiers`, async () => {
    reset();
    return { dossiers: rows.size };
  });

  // ---- their API ---------------------------------------------------------------------------

  app.post(DEFAULT_PATHS.integration, async (request, reply) => {
    const body = ListRequest.safeParse(request.body);
    if (!body.success) {
      const where = body.error.issues.map((i) => i.path.join('.') || '(nội dung)').join(', ');
      return reply.code(400).send(fail(Code.INVALID_REQUEST, `Yêu cầu không hợp lệ ở: ${where}.`));
    }
    const refused = refuseSession(body.data.session);
    if (refused) return refused;
    const { tuThoiDiem, sauMaHoSo = '', soLuong } = body.data;
    // yyyyMMddHHmmss sorts as text in time order.
    const after = [...rows.values()]
      .filter(
        (r) => r.NgayCapNhat > tuThoiDiem || (r.NgayCapNhat === tuThoiDiem && r.MaHoSo > sauMaHoSo),
      )
      .sort((a, b) =>
        a.NgayCapNhat === b.NgayCapNhat
          ? a.MaHoSo < b.MaHoSo
            ? -1
            : 1
          : a.NgayCapNhat < b.NgayCapNhat
            ? -1
            : 1,
      );
    let page = after.slice(0, soLuong);
    const fault = faults.appliedTo(request);
    if (fault === 'duplicate') page = page.flatMap((r) => [r, r]);
    if (fault === 'reorder') page = [...page].reverse();
    return {
      error_code: Code.OK,
      message: 'Thành công',
      result: page,
      conTiep: after.length > soLuong,
    };
  });

  return app;
}
