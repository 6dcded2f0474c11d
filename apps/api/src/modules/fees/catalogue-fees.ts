/**
 * A province-default schedule proposed from the national record's fee rows (`channels[].terms[]
 * .fees`, parsed by the catalogue from "Phí, lệ phí"): usable only when every row names a figure
 * in VND, each channel has one figure, and its unit is one we can compute. Anything else is left
 * for the province to enter (seed 002's review lists it with the record's text and the reason).
 */
import type {
  AmountRule,
  Channel,
  FeeItem,
  FeeKind,
  LegalBasis,
  ProcedureContent,
} from '@motcua/contracts';

export type CatalogueFees =
  | { usable: true; items: FeeItem[]; legalBasis: LegalBasis[]; raw: string }
  | { usable: false; reason: string; raw: string };

/** "(/trang)", "(/hồ sơ (Thông tư số 61/2023/TT-BTC)": the unit the figure is charged by. */
const UNIT = /^\s*\(\/\s*([^()]*?)\s*[().]/u;
const FIXED_UNITS = new Set([
  'hồ sơ',
  'trường hợp',
  'lần',
  '1 lần',
  'giao dịch',
  'văn bản',
  'giấy phép',
  'giấy chứng nhận',
  'giấy công nhận',
  'di chúc',
]);

type Unit = 'fixed' | 'per_page' | 'per_copy';

function unitOf(description: string): Unit | { unknown: string } {
  const m = UNIT.exec(description.normalize('NFC'));
  if (!m) return 'fixed';
  const unit = m[1]!.toLocaleLowerCase('vi');
  if (unit === 'trang') return 'per_page';
  if (unit === 'bản') return 'per_copy';
  if (FIXED_UNITS.has(unit)) return 'fixed';
  return { unknown: m[1]! };
}

/** Lệ phí unless the text speaks of a phí only (phí chứng thực, phí thẩm định…). */
function kindOf(description: string, basis: LegalBasis[]): FeeKind {
  const text = `${description} ${basis.map((b) => b.name).join(' ')}`.toLocaleLowerCase('vi');
  if (/lệ phí/u.test(text)) return 'le-phi';
  return /(?:^|[^\p{L}])phí(?!\p{L})/u.test(text) ? 'phi' : 'le-phi';
}

function ruleOf(unit: Unit, amount: number): AmountRule {
  switch (unit) {
    case 'per_page':
      return {
        type: 'per_page',
        base: 0,
        pagesIncluded: 0,
        tiers: [{ fromPage: 1, amount }],
        maxPerCopy: null,
        perCopy: true,
      };
    case 'per_copy':
      return { type: 'per_copy', amount, max: null };
    case 'fixed':
      return { type: 'fixed', amount };
  }
}

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

/** The parts of a record the import reads. */
export type FeeRecord = Pick<ProcedureContent, 'name' | 'channels' | 'legalBasis' | 'decisionNo'>;

export function feesFromRecord(content: FeeRecord): CatalogueFees {
  const raw = content.channels
    .flatMap((c) => c.terms.map((t) => t.raw))
    .filter((r) => r !== '')
    .join('\n')
    .slice(0, 4000);
  const rows = content.channels.flatMap((c) =>
    c.terms.flatMap((t) => t.fees.map((fee) => ({ channel: c.channel, fee }))),
  );
  if (rows.length === 0) {
    return { usable: false, reason: 'Nguồn không có thông tin phí, lệ phí', raw };
  }
  if (rows.some((r) => r.fee.amountVnd === null)) {
    return { usable: false, reason: 'Có phí, lệ phí nhưng không rõ số tiền', raw };
  }

  // The record's legal texts about fees (Thông tư … về phí và lệ phí), else its own decision.
  const feeTexts = content.legalBasis.filter((b) => /phí/iu.test(b.title));
  const legalBasis: LegalBasis[] =
    feeTexts.length > 0
      ? feeTexts.map((b) => ({ number: b.number.slice(0, 100), name: b.title.slice(0, 500) }))
      : [
          {
            number: (content.decisionNo || 'CSDL quốc gia về TTHC').slice(0, 100),
            name: 'Quyết định công bố thủ tục hành chính',
          },
        ];
  const basis = legalBasis
    .map((b) => b.number)
    .join('; ')
    .slice(0, 500);

  const perChannel = new Map<Channel, { amount: number; unit: Unit; description: string }>();
  for (const { channel, fee } of rows) {
    const unit = unitOf(fee.description);
    if (typeof unit === 'object') {
      return {
        usable: false,
        reason: `Mức thu tính theo “${unit.unknown}”: cần nhập cách tính`,
        raw,
      };
    }
    const amount = fee.amountVnd!;
    const seen = perChannel.get(channel);
    if (seen && (seen.amount !== amount || seen.unit !== unit)) {
      return {
        usable: false,
        reason: 'Nhiều mức thu cho một cách nộp (theo trường hợp): cần nhập biểu phí',
        raw,
      };
    }
    perChannel.set(channel, { amount, unit, description: fee.description });
  }

  // One item per distinct figure, naming its channels unless it covers every channel listed.
  const groups = new Map<
    string,
    { amount: number; unit: Unit; description: string; channels: Channel[] }
  >();
  for (const [channel, v] of perChannel) {
    if (v.amount === 0) continue; // "Miễn phí" on this channel
    const key = `${v.unit}:${v.amount}`;
    const group = groups.get(key) ?? { ...v, channels: [] };
    group.channels.push(channel);
    groups.set(key, group);
  }
  const name = lowerFirst(content.name.replace(/^thủ tục\s+/iu, '').trim());
  const items: FeeItem[] = [...groups.values()].map((g, i) => {
    const kind = kindOf(g.description, legalBasis);
    return {
      kind,
      code: `${kind === 'phi' ? 'PHI' : 'LEPHI'}-${i + 1}`,
      name: `${kind === 'phi' ? 'Phí' : 'Lệ phí'} ${name}`.slice(0, 300),
      rule: ruleOf(g.unit, g.amount),
      channels: g.channels.length === perChannel.size ? null : g.channels.sort(),
      basis,
    };
  });
  return { usable: true, items, legalBasis, raw };
}
