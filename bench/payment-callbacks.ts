// The payment part of the bench (issue 17): the platform's CONFIRM callbacks, signed as the
// platform signs them, with duplicates mixed in (a platform retries; domain.md §4.6), against
// POST /api/payments/platform/confirm. Measured beside the bare insert baseline.
import { randomBytes } from 'node:crypto';
import type autocannon from 'autocannon';
import { loadConfig } from '../apps/api/src/config.js';
import {
  ConfirmCode,
  checksumOf,
  formatNationalDate,
} from '../apps/api/src/integrations/payment-platform/index.js';
import { openDatabase } from '../apps/api/src/platform/db/database.js';

/** The share of requests that repeat a callback already sent (the platform retrying). */
export const DUPLICATE_SHARE = 0.2;
const AMOUNT = 50_000;
const CONFIRM_PATH = '/api/payments/platform/confirm';

export interface PaymentCallbacks {
  requests: autocannon.Request[];
  /** How many of `requests` repeat an earlier one. */
  duplicates: number;
  /** The bench's payments: counts by status after the load (did each credit exactly once?). */
  outcome(): Promise<{ paid: number; initiated: number; credited: number; events: number }>;
  /** Removes the bench's payments (their append-only events stay, as evidence does). */
  cleanup(): Promise<void>;
}

/**
 * `n` online payments waiting for the platform's word, written straight to the database as INIT
 * would have left them (status 'initiated'), each on a dossier of the bench database so that the
 * credit reaches a real dossier log (one that is not waiting for payment records nothing, as the
 * product does for a late or second payment). Returns the CONFIRM requests, signed with the
 * configured PAYMENT_SECRET, one per payment, and one duplicate for every four, interleaved.
 */
export async function preparePaymentCallbacks(
  apiUrl: string,
  databaseUrl: string,
  n: number,
): Promise<PaymentCallbacks> {
  void apiUrl; // the requests are relative to the URL the runner loads
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const { partnerCode, secret } = config.payment;
  const database = openDatabase(databaseUrl, { max: 2, applicationName: 'motcua-bench' });
  const run = randomBytes(4).toString('hex').toUpperCase();
  const now = new Date();
  try {
    const dossiers = await database.pool.query<{ id: string; code: string; agency: string }>(
      `SELECT id, code, receiving_agency_id AS agency FROM dos_dossier ORDER BY filed_at DESC LIMIT $1`,
      [n],
    );
    if (dossiers.rows.length === 0) throw new Error('payment bench: no dossier in the database');
    const references: string[] = [];
    const values: unknown[] = [];
    const rows: string[] = [];
    // One payment a dossier, as citizens pay: callbacks of one dossier's payments wait for each
    // other (settle locks them all), which many payments per dossier would turn into a queue.
    const count = Math.min(n, dossiers.rows.length);
    for (let i = 0; i < count; i++) {
      const d = dossiers.rows[i]!;
      const reference = `dvcBENCH${run}${String(i).padStart(7, '0')}`;
      references.push(reference);
      const p = values.length;
      rows.push(
        `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, 'online', ${AMOUNT}, $${p + 5}::jsonb, $${p + 6}::jsonb, 'initiated', $${p + 7}, $${p + 7}, '{"kind":"system","id":"bench"}'::jsonb)`,
      );
      values.push(
        reference,
        d.id,
        d.code,
        d.agency,
        JSON.stringify([
          { code: 'LP', kind: 'le-phi', name: 'Lệ phí (bench)', amount: AMOUNT, basis: '' },
        ]),
        JSON.stringify({ name: 'Nguyễn Văn An', idNumber: '075090000001' }),
        now,
      );
      if (rows.length === 500 || i === count - 1) {
        await database.pool.query(
          `INSERT INTO pay_payment (reference, dossier_id, dossier_code, agency_id, method, amount,
             items, payer, status, created_at, updated_at, created_by)
           VALUES ${rows.join(', ')}`,
          values,
        );
        rows.length = 0;
        values.length = 0;
      }
    }
    const confirmOf = (reference: string, i: number): autocannon.Request => {
      const body: Record<string, string> = {
        LoaiBanTin: 'CONFIRM',
        MaLoi: ConfirmCode.SUCCESS,
        MaDoiTac: partnerCode,
        MaThamChieu: reference,
        SoTien: String(AMOUNT),
        MaTienTe: 'VND',
        MaGiaoDich: `BENCH${run}${i}`,
        MaNganHang: 'NCB',
        ThoiGianGD: formatNationalDate(now),
        ThongTinGiaoDich: `Nộp phí, lệ phí hồ sơ (bench ${i})`,
      };
      body['MaXacThuc'] = checksumOf('CONFIRM', body, secret);
      return {
        method: 'POST',
        path: CONFIRM_PATH,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      };
    };
    const requests: autocannon.Request[] = [];
    let duplicates = 0;
    const every = Math.round((1 - DUPLICATE_SHARE) / DUPLICATE_SHARE); // 4 fresh, then 1 repeat
    references.forEach((reference, i) => {
      requests.push(confirmOf(reference, i));
      if ((i + 1) % every === 0) {
        // A repeat of a callback a little earlier, as a platform's retry arrives.
        const j = Math.max(0, i - 1 - (i % 7));
        requests.push(confirmOf(references[j]!, j));
        duplicates += 1;
      }
    });
    await database.close();
    const reopen = () => openDatabase(databaseUrl, { max: 1, applicationName: 'motcua-bench' });
    const like = `dvcBENCH${run}%`;
    return {
      requests,
      duplicates,
      async outcome() {
        const db = reopen();
        try {
          const { rows: counts } = await db.pool.query<Record<string, string>>(
            `SELECT count(*) FILTER (WHERE status = 'paid') AS paid,
                    count(*) FILTER (WHERE status = 'initiated') AS initiated,
                    count(*) FILTER (WHERE credited_at IS NOT NULL) AS credited,
                    (SELECT count(*) FROM pay_event WHERE reference LIKE $1) AS events
               FROM pay_payment WHERE reference LIKE $1`,
            [like],
          );
          const c = counts[0]!;
          return {
            paid: Number(c['paid']),
            initiated: Number(c['initiated']),
            credited: Number(c['credited']),
            events: Number(c['events']),
          };
        } finally {
          await db.close();
        }
      },
      async cleanup() {
        const db = reopen();
        try {
          await db.pool.query(
            `DELETE FROM pay_receipt WHERE payment_id IN (SELECT id FROM pay_payment WHERE reference LIKE $1)`,
            [like],
          );
          await db.pool.query(`DELETE FROM pay_payment WHERE reference LIKE $1`, [like]);
        } finally {
          await db.close();
        }
      },
    };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}
