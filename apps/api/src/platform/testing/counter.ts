import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AgencyListResponse, DossierView } from '@motcua/contracts';
import type { FastifyInstance } from 'fastify';
import { receivedRequired } from './components.js';
import type { officerInjector } from './sign-in.js';

type As = ReturnType<typeof officerInjector>['as'];

/** An agency's id by its exact name, through the public agency list. */
export async function agencyIdByName(server: FastifyInstance, name: string): Promise<string> {
  const res = await server.inject({ url: '/api/agencies', query: { q: name } });
  const found = AgencyListResponse.parse(res.json()).items.find((a) => a.name === name);
  assert.ok(found, name);
  return found.id;
}

export const TRAN_BIEN_CENTRE = 'Trung tâm Phục vụ hành chính công Phường Trấn Biên';

/**
 * The counter of a ward, as its receiving officer works it in route tests: intake (1.004837 Đăng
 * ký giám hộ unless told otherwise) and actions, each with a fresh Idempotency-Key.
 */
export function counter(as: As, options: { officer?: string; centre: () => string }) {
  const officer = options.officer ?? 'tb.tiepnhan';
  return {
    async intake(payload: Record<string, unknown> = {}): Promise<DossierView> {
      const procedureCode = String(payload['procedureCode'] ?? '1.004837');
      const res = await as(officer, {
        method: 'POST',
        url: '/api/officer/dossiers',
        key: randomUUID(),
        payload: {
          procedureCode,
          channel: 'direct',
          receivingAgencyId: options.centre(),
          applicant: { name: 'Đỗ Minh Khang', idNumber: '075190004321' },
          // A complete dossier unless the test says what was handed in.
          received: await receivedRequired((url) => as(officer, { url }), procedureCode),
          ...payload,
        },
      });
      assert.equal(res.statusCode, 201, res.body);
      return DossierView.parse(res.json());
    },
    act(who: string, code: string, payload: Record<string, unknown>) {
      return as(who, {
        method: 'POST',
        url: `/api/dossiers/${code}/actions`,
        key: randomUUID(),
        payload,
      });
    },
  };
}

/** Asserts that a text (a PDF's, collapsed) holds each line written by hand. */
export function assertLines(text: string, lines: string[]): void {
  for (const line of lines) assert.ok(text.includes(line), `${line}\n— in —\n${text}`);
}
