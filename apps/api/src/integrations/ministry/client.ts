import { portalSession, portalTransport } from '../common/portal-transport.js';
import {
  DEFAULT_PATHS,
  LIST_SERVICE,
  ListResult,
  MAX_PAGE_SIZE,
  MinistryDossier,
} from './contract.js';

export interface MinistryClientOptions {
  /** Shown in every error, e.g. "Hệ thống hộ tịch của Bộ Tư pháp". */
  name: string;
  baseUrl: string;
  username: string;
  password: string;
  /** Who asks (`madonvi`): the province, e.g. "H75". */
  provinceCode: string;
  timeoutMs?: number;
  pageSize?: number;
  paths?: { auth?: string; integration?: string };
  fetch?: typeof fetch;
}

/** Where a page starts: after this (NgayCapNhat, MaHoSo). */
export interface MinistryCursor {
  changedAt: string;
  code: string;
}

export interface MinistryPage {
  rows: MinistryDossier[];
  /** Rows that did not match the contract, each with where it failed; skipped, not fatal. */
  rejected: Array<{ code: string | null; problem: string }>;
  /** The last (NgayCapNhat, MaHoSo) served, whatever order the rows came in. */
  next: MinistryCursor | null;
  more: boolean;
}

export interface MinistryClient {
  /** One page of dossiers changed after the cursor. */
  listChanged(after: MinistryCursor): Promise<MinistryPage>;
}

export function createMinistryClient(options: MinistryClientOptions): MinistryClient {
  const pageSize = Math.min(options.pageSize ?? 100, MAX_PAGE_SIZE);
  const authPath = options.paths?.auth ?? DEFAULT_PATHS.auth;
  const integrationPath = options.paths?.integration ?? DEFAULT_PATHS.integration;
  const transport = portalTransport({
    system: 'ministry',
    name: options.name,
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs ?? 15_000,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const portal = portalSession(transport, {
    authPath,
    username: options.username,
    password: options.password,
    agencyCode: options.provinceCode,
  });

  return {
    async listChanged(after) {
      const reply = await portal.call(
        integrationPath,
        {
          service: LIST_SERVICE,
          tuThoiDiem: after.changedAt,
          ...(after.code ? { sauMaHoSo: after.code } : {}),
          soLuong: pageSize,
        },
        ListResult,
      );
      const rows: MinistryDossier[] = [];
      const rejected: MinistryPage['rejected'] = [];
      let next: MinistryCursor | null = null;
      for (const raw of reply.result) {
        const parsed = MinistryDossier.safeParse(raw);
        const rawCode = (raw as { MaHoSo?: unknown } | null)?.MaHoSo;
        if (!parsed.success) {
          rejected.push({
            code: typeof rawCode === 'string' ? rawCode : null,
            problem: parsed.error.issues
              .slice(0, 3)
              .map((i) => i.path.join('.') || '(gốc)')
              .join(', '),
          });
        } else rows.push(parsed.data);
        // A bad row still moves the cursor, or it would block every later page forever.
        const changedAt = (raw as { NgayCapNhat?: unknown } | null)?.NgayCapNhat;
        if (
          typeof changedAt === 'string' &&
          /^\d{14}$/.test(changedAt) &&
          typeof rawCode === 'string'
        ) {
          const here = { changedAt, code: rawCode };
          if (!next || compareCursor(here, next) > 0) next = here;
        }
      }
      return { rows, rejected, next, more: reply.conTiep };
    },
  };
}

export function compareCursor(a: MinistryCursor, b: MinistryCursor): number {
  if (a.changedAt !== b.changedAt) return a.changedAt < b.changedAt ? -1 : 1;
  return a.code === b.code ? 0 : a.code < b.code ? -1 : 1;
}
