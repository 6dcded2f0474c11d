/**
 * Pure fee arithmetic: a schedule and the dossier's facts → the amounts due. No I/O, so it is
 * tested with a table of hand-written cases (quote.test.ts). Whole VND throughout.
 */
import type {
  AmountRule,
  Channel,
  FeeExemption,
  FeeItem,
  FeeQuoteItem,
  OnlineReduction,
} from '@motcua/contracts';
import { AppError } from '../../platform/errors.js';

export interface QuotableSchedule {
  items: FeeItem[];
  exemptions: FeeExemption[];
  onlineReduction: OnlineReduction | null;
}

export interface QuoteFacts {
  channel: Channel;
  copies?: number | undefined;
  pages?: number | undefined;
  caseLabel?: string | undefined;
  category?: string | undefined;
}

const fold = (text: string) => text.normalize('NFC').trim().toLocaleLowerCase('vi');

function positiveInt(value: number | undefined, what: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > 100_000) {
    throw new AppError('VALIDATION_FAILED', `${what} phải là số nguyên từ 1 đến 100000.`);
  }
  return value;
}

/** The amount of one copy's pages under a per-page rule, before the cap. */
function pagesAmount(rule: Extract<AmountRule, { type: 'per_page' }>, pages: number): number {
  let amount = rule.base;
  for (let i = 0; i < rule.tiers.length; i += 1) {
    const tier = rule.tiers[i]!;
    const last = rule.tiers[i + 1] ? rule.tiers[i + 1]!.fromPage - 1 : pages;
    const count = Math.min(pages, last) - tier.fromPage + 1;
    if (count > 0) amount += count * tier.amount;
  }
  return amount;
}

/** The gross amount of one item (before exemptions and reductions). */
export function itemAmount(rule: AmountRule, facts: QuoteFacts): number {
  const copies = positiveInt(facts.copies, 'Số bản', 1);
  switch (rule.type) {
    case 'fixed':
      return rule.amount;
    case 'per_copy': {
      const amount = rule.amount * copies;
      return rule.max === null ? amount : Math.min(amount, rule.max);
    }
    case 'per_page': {
      const pages = positiveInt(facts.pages, 'Số trang', 1);
      const one = pagesAmount(rule, pages);
      const capped = rule.maxPerCopy === null ? one : Math.min(one, rule.maxPerCopy);
      return rule.perCopy ? capped * copies : capped;
    }
    case 'by_case': {
      const label = facts.caseLabel ?? rule.defaultCase;
      const found =
        label === null ? undefined : rule.cases.find((c) => fold(c.label) === fold(label));
      if (!found) {
        const names = rule.cases.map((c) => `"${c.label}"`).join(', ');
        throw new AppError(
          'VALIDATION_FAILED',
          label === null
            ? `Cần chọn trường hợp để tính phí, lệ phí: ${names}.`
            : `Không có trường hợp "${label}" trong biểu phí; các trường hợp: ${names}.`,
        );
      }
      return found.amount;
    }
  }
}

const applies = (codes: string[] | null, code: string) => codes === null || codes.includes(code);

/** A percentage off, rounded to whole đồng in the applicant's favour (never a fraction charged). */
const reduce = (amount: number, percent: number) =>
  Math.floor((amount * (100 - percent)) / 100 + 1e-9);

/**
 * The items due for these facts: items of other channels left out; a category's exemption or
 * reduction, then the online-filing reduction, each applied to the items they name (multiplied
 * when both apply: "giảm 50% khi nộp trực tuyến" on what a category still owes). Items reduced to
 * 0 are kept with their basis so the applicant sees why nothing is due. An unknown category gets
 * nothing off (its proof is the officer's to check, not ours).
 */
export function quoteItems(schedule: QuotableSchedule, facts: QuoteFacts): FeeQuoteItem[] {
  const category = facts.category === undefined ? null : fold(facts.category);
  const exemption =
    category === null ? undefined : schedule.exemptions.find((e) => fold(e.category) === category);
  const online = facts.channel === 'online' ? schedule.onlineReduction : null;
  return schedule.items
    .filter((item) => item.channels === null || item.channels.includes(facts.channel))
    .map((item) => {
      let amount = itemAmount(item.rule, facts);
      const notes: string[] = [];
      if (exemption && applies(exemption.itemCodes, item.code)) {
        amount = reduce(amount, exemption.percent);
        notes.push(
          `${exemption.percent === 100 ? 'Miễn' : `Giảm ${exemption.percent}%`} cho ${exemption.category}${exemption.basis ? ` (${exemption.basis})` : ''}`,
        );
      }
      if (online && applies(online.itemCodes, item.code)) {
        amount = reduce(amount, online.percent);
        notes.push(`Giảm ${online.percent}% khi nộp trực tuyến (${online.basis})`);
      }
      return {
        code: item.code,
        kind: item.kind,
        name: item.name,
        amount,
        basis: [item.basis, ...notes].filter((s) => s !== '').join('; '),
      };
    });
}

const vnd = (n: number) => `${new Intl.NumberFormat('vi-VN').format(n)} đ`;

/** The rule in Vietnamese words, for the procedure page and the admin list. */
export function describeRule(rule: AmountRule): string {
  switch (rule.type) {
    case 'fixed':
      return `${vnd(rule.amount)}/hồ sơ`;
    case 'per_copy':
      return `${vnd(rule.amount)}/bản${rule.max === null ? '' : `, tối đa ${vnd(rule.max)}`}`;
    case 'per_page': {
      const parts: string[] = [];
      if (rule.pagesIncluded > 0)
        parts.push(`${vnd(rule.base)} cho ${rule.pagesIncluded} trang đầu`);
      rule.tiers.forEach((t, i) =>
        parts.push(
          i === 0 && rule.pagesIncluded === 0
            ? `${vnd(t.amount)}/trang`
            : `từ trang thứ ${t.fromPage}: ${vnd(t.amount)}/trang`,
        ),
      );
      if (rule.maxPerCopy !== null) parts.push(`tối đa ${vnd(rule.maxPerCopy)}/bản`);
      return parts.join('; ');
    }
    case 'by_case':
      return rule.cases.map((c) => `${c.label}: ${vnd(c.amount)}`).join('; ');
  }
}
