import type { DossierActionRequest } from '@motcua/contracts';
import type { Clock } from '../../../platform/clock.js';
import type { Actor, Channel } from '../dossier.js';
import { act } from './act-on-dossier.js';
import { fileAtCounter, fileForDemo } from './file-dossier.js';
import type { DossiersKit } from './kit.js';
import { feeQuoteOf } from './payment.js';

/**
 * Demo dossiers in several states at a ward, filed on fixed dates so their codes stay the same
 * (the README quotes one). Idempotency keys make every later start a no-op. `kitAt` gives the
 * module as it would run at a given moment: each filing and action happens on its scripted date.
 */
export async function seedDemo(
  kitAt: (clock: Clock) => DossiersKit,
  input: { receivingAgencyId: string; procedureCode: string },
) {
  const at = (local: string) => new Date(`${local}+07:00`);
  const officer: Actor = { kind: 'officer', id: 'demo-seed', role: 'receiving_officer' };
  const scripts: Array<{
    name: string;
    filed: string;
    channel?: Channel;
    then: Array<[string, DossierActionRequest]>;
  }> = [
    {
      name: 'Nguyễn Văn An',
      filed: '2026-11-02T08:10:00',
      then: [
        ['2026-11-02T09:00:00', { kind: 'forward', step: 'appraise' }],
        // The process has a signing step: the chairman issues the result there.
        ['2026-11-03T08:30:00', { kind: 'forward', step: 'sign' }],
        ['2026-11-03T10:00:00', { kind: 'complete', resultCode: 'KQ.G15.000010' }],
        ['2026-11-04T08:30:00', { kind: 'return_result', method: 'counter' }],
      ],
    },
    {
      name: 'Trần Thị Bình',
      filed: '2026-11-02T09:20:00',
      then: [
        ['2026-11-02T10:00:00', { kind: 'forward', step: 'appraise' }],
        // Extended once, with the apology (form 04), more than a working day before it was due.
        [
          '2026-11-03T09:00:00',
          {
            kind: 'extend',
            newDue: '2026-11-10T09:20:00+07:00',
            reason: 'Cần xác minh thêm nơi cư trú của người được giám hộ',
          },
        ],
      ],
    },
    {
      name: 'Lê Hoàng Cường',
      filed: '2026-11-02T10:05:00',
      then: [
        [
          '2026-11-02T14:00:00',
          {
            kind: 'request_supplement',
            items: ['Bản sao giấy tờ chứng minh nơi cư trú của người giám hộ'],
            reason: 'Hồ sơ thiếu giấy tờ chứng minh nơi cư trú',
          },
        ],
      ],
    },
    { name: 'Phạm Thị Dung', filed: '2026-11-02T14:30:00', then: [] },
    {
      name: 'Hoàng Văn Em',
      filed: '2026-11-02T15:10:00',
      then: [['2026-11-03T08:00:00', { kind: 'withdraw', reason: 'Người nộp xin rút hồ sơ' }]],
    },
    // Added later (new day, so the codes above stay as the README quotes them): one dossier
    // in each of the remaining national states.
    { name: 'Vũ Thị Giang', filed: '2026-11-03T09:00:00', channel: 'online', then: [] },
    {
      name: 'Đặng Văn Hải',
      filed: '2026-11-03T09:30:00',
      channel: 'online',
      then: [
        [
          '2026-11-03T10:00:00',
          { kind: 'refuse', reason: 'Thủ tục không thuộc thẩm quyền giải quyết của phường' },
        ],
      ],
    },
    {
      name: 'Bùi Thị Lan',
      filed: '2026-11-03T10:15:00',
      then: [
        ['2026-11-03T10:30:00', { kind: 'forward', step: 'appraise' }],
        ['2026-11-03T14:00:00', { kind: 'request_payment', amountVnd: 8000 }],
      ],
    },
    {
      name: 'Ngô Văn Minh',
      filed: '2026-11-03T13:40:00',
      then: [
        ['2026-11-03T14:00:00', { kind: 'forward', step: 'appraise' }],
        [
          '2026-11-04T09:00:00',
          { kind: 'stop', reason: 'Người được giám hộ đã có người giám hộ đương nhiên' },
        ],
      ],
    },
    {
      name: 'Trịnh Thị Nga',
      filed: '2026-11-03T14:20:00',
      then: [
        ['2026-11-03T14:40:00', { kind: 'forward', step: 'appraise' }],
        ['2026-11-04T14:00:00', { kind: 'forward', step: 'sign' }],
        ['2026-11-04T15:00:00', { kind: 'complete', resultCode: 'KQ.G15.000011' }],
      ],
    },
  ];
  const codes: string[] = [];
  for (const [i, script] of scripts.entries()) {
    const seeded = kitAt({ now: () => at(script.filed) });
    const applicant = {
      name: script.name,
      idNumber: null,
      // A made-up number per dossier whose last 4 digits follow its code (-0001 → 1001), so the
      // demo's public lookup can show what the second factor unlocks.
      phone: `090900${1001 + i}`,
      email: null,
      address: null,
    };
    const view =
      script.channel === 'online'
        ? await fileForDemo(seeded, {
            procedureCode: input.procedureCode,
            receivingAgencyId: input.receivingAgencyId,
            applicant,
            idempotencyKey: `demo-dossier-${i}`,
          })
        : await fileAtCounter(
            seeded,
            {
              procedureCode: input.procedureCode,
              channel: i === 3 ? 'postal' : 'direct',
              postalRef: i === 3 ? 'EA123456789VN' : null,
              receivingAgencyId: input.receivingAgencyId,
              applicant,
              formData: {},
              // What a guardianship registration hands in (catalogue 1.004837), as received.
              received: [
                { name: 'Tờ khai đăng ký giám hộ', originals: 1, copies: 0 },
                { name: 'Văn bản thỏa thuận cử người giám hộ', originals: 1, copies: 0 },
                {
                  name: 'Giấy tờ chứng minh đủ điều kiện làm người giám hộ',
                  originals: 0,
                  copies: 1,
                },
              ],
              setCount: 1,
              returnMethod: i === 3 ? 'post' : 'counter',
              // One dossier filed by someone on the applicant's behalf.
              representative:
                i === 1
                  ? {
                      name: 'Trần Văn Bảo',
                      idNumber: '075088001122',
                      phone: '0908112233',
                      capacity: 'Người được ủy quyền',
                    }
                  : null,
              refusal: null,
            },
            officer,
            `demo-dossier-${i}`,
          );
    // A dossier whose script ran at an earlier start keeps its log: the script may have changed
    // since (the signing step was added), and its keys then name other actions.
    const stored = await seeded.repo.findByCode(seeded.deps.db, view.code);
    const played = (stored?.actions ?? 0) > 1;
    for (const [j, [when, action]] of played ? [] : script.then.entries()) {
      await act(
        kitAt({ now: () => at(when) }),
        view.code,
        action,
        officer,
        `demo-dossier-${i}-${j}`,
        { canRead: () => true, canAct: () => true },
      );
    }
    codes.push(view.code);
  }
  const paying = await seedPaymentDemo(kitAt, input.receivingAgencyId, officer);
  if (paying) codes.push(paying);
  return codes;
}

/** Đăng ký thành lập hộ kinh doanh: its fee (data/fees/1.001612.json) is paid on filing. */
const PAYING_PROCEDURE = '1.001612';

/**
 * One dossier waiting for its fee (status 6), filed online in the demo citizen's name so that
 * they can sign in through the simulated VNeID and pay it (issue 17). Under the procedure's
 * default rule (data/catalog/payment-rules.json) the system asked for the fee at filing; where
 * the province changed the rule, the counter receives the dossier and asks for the quoted fee.
 */
async function seedPaymentDemo(
  kitAt: (clock: Clock) => DossiersKit,
  receivingAgencyId: string,
  officer: Actor,
): Promise<string | null> {
  const filedAt = new Date('2026-11-04T09:00:00+07:00');
  const kit = kitAt({ now: () => filedAt });
  const known = await kit.deps.catalog.getProcedure(PAYING_PROCEDURE).catch(() => undefined);
  if (!known) return null;
  const person = (await kit.deps.demoApplicant?.()) ?? null;
  const view = await fileForDemo(kit, {
    procedureCode: PAYING_PROCEDURE,
    receivingAgencyId,
    applicant: {
      name: person?.name ?? 'Nguyễn Văn An',
      idNumber: person?.idNumber ?? null,
      phone: person?.phone ?? null,
      email: null,
      address: null,
    },
    applicantAccountId: person?.accountId ?? null,
    idempotencyKey: 'demo-payment-dossier',
  });
  const row = await kit.repo.findByCode(kit.deps.db, view.code);
  if (!row || row.actions > 1 || row.status === 'waiting_payment') return view.code;
  const fee = await feeQuoteOf(kit, row);
  if (fee === null) return view.code;
  const steps: Array<[string, DossierActionRequest]> = [
    ['2026-11-04T09:30:00', { kind: 'receive' }],
    ['2026-11-04T09:40:00', { kind: 'request_payment', amountVnd: fee }],
  ];
  for (const [j, [when, action]] of steps.entries()) {
    await act(
      kitAt({ now: () => new Date(`${when}+07:00`) }),
      view.code,
      action,
      officer,
      `demo-payment-dossier-${j}`,
      { canRead: () => true, canAct: () => true },
    );
  }
  return view.code;
}
