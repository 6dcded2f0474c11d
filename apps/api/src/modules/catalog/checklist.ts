/**
 * Pure rules turning the national record's components (thành phần hồ sơ, a flattened HTML table
 * of papers, notes, headings and instructions to the officer, all as "papers") into a checklist a
 * citizen can file against: papers only, each required, conditional (with its condition in
 * words) or optional; everything else kept apart as notes for officers. A proposal: the province
 * reviews it (rà soát) and curates its own list, which then wins (catalog.service.ts).
 */
import {
  answeredByEform,
  isRequiredItem,
  type ChecklistItem,
  type Component,
  type ProcedureContent,
} from '@motcua/contracts';

export interface ChecklistProposal {
  items: ChecklistItem[];
  officerNotes: string[];
}

type CaseKind = 'plain' | 'notes' | 'show';

const BULLET = /^\s*(?:[-+*•–]+|\(?[ivx]+\)|\(?\d+(?:\.\d+)*[.)]|[a-zđ][.)])\s*/iu;
const stripBullets = (text: string) => {
  let t = text
    .normalize('NFC')
    .replace(/\u200e/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  for (let i = 0; i < 3 && BULLET.test(t); i += 1) t = t.replace(BULLET, '').trim();
  return t;
};
const capitalise = (text: string) => text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
const clip = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/u, '')}…`;

/** "Lưu ý", "Ghi chú": the record's notes, never a paper. */
const NOTES_CASE = /^(?:lưu ý|ghi chú|chú ý)(?=$|[\s:;,.])/iu;
/** "Giấy tờ phải xuất trình": shown at the counter (Luật Hộ tịch 2014 Art. 16), not filed online. */
const SHOW_CASE = /^(?:các )?giấy tờ (?:phải )?xuất trình(?=$|[\s:;,.(])/iu;
/** Headings that only introduce the list: no condition of their own. */
const SECTION_CASE =
  /^(?:(?:các )?giấy tờ phải nộp|thành phần(?:,| và)? (?:số lượng )?hồ sơ|hồ sơ gồm|hồ sơ bao gồm|người yêu cầu .{0,80}(?:gồm|bao gồm) (?:các )?giấy tờ sau)/iu;
/** A case that names when it applies ("Trường hợp ủy quyền…", "Đối với cấp lại"). */
const CONDITION_CASE = /^(?:trường hợp|đối với|nếu|khi)\s/iu;

/** How a paper's name begins in the records (tờ khai, giấy, văn bản, bản sao…). */
const PAPER_START =
  /^(?:\d+\s+)?(?:tờ khai|tờ trình|giấy|văn bản|bản |biên bản|hộ chiếu|thẻ|căn cước|chứng minh|sổ|quyết định|đơn\b|phiếu|hợp đồng|chứng chỉ|chứng từ|trích lục|bằng\b|báo cáo|danh sách|danh mục|điều lệ|phương án|dự án|bản vẽ|bảng|hồ sơ|tài liệu|mẫu|kế hoạch|đề án|ảnh|các giấy tờ|các văn bản|thuyết minh|công văn|lý lịch|sơ yếu|chứng nhận|xác nhận|giấy phép|nghị quyết|biểu|tờ |đề xuất|dự toán|thông báo)/iu;

/** Text that tells the officer what to do: theirs, not a slot for the citizen. */
const TO_OFFICER =
  /(?:người tiếp nhận|cơ quan đăng ký hộ tịch (?:có trách nhiệm|yêu cầu|tra cứu|từ chối|phải|chỉ cấp|có thẩm quyền hủy)|cơ quan, tổ chức tiến hành|công chức|cán bộ tiếp nhận|không được yêu cầu)/iu;

/** "Trường hợp X thì phải nộp <paper>": a paper asked only when X holds. */
const CONDITIONAL_PAPER =
  /^((?:trong )?(?:trường hợp|nếu|đối với|khi)\s.+?)(?:\s+thì|,)\s+((?:.*?\s)?)(?:phải có|phải nộp lại|phải nộp|nộp lại|nộp thêm|nộp|phải kèm theo|kèm theo|phải gửi kèm theo|gửi kèm theo|phải bổ sung|bổ sung|phải có thêm)\s+(?:theo\s+)?(.+)$/iu;
/** A paper that only points at others ("bản sao các giấy tờ nêu trên"): not a slot of its own. */
const REFERS_TO_OTHERS = /(?:nêu trên|nói trên|trên đây|nêu tại mục|quy định tại mục)/iu;

/** "(nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp)": a channel, not a case. */
const CHANNEL_ONLY =
  /\((?:[^()]*?)(?:hình thức|nộp hồ sơ|lựa chọn)[^()]*?(?:trực tiếp|trực tuyến|bưu chính)[^()]*\)/iu;
/** The online declaration ("Mẫu hộ tịch điện tử tương tác…"): the e-form itself. */
const ONLINE_FORM = /^mẫu (?:hộ tịch )?điện tử tương tác/iu;
const OPTIONAL = /\s*\((?:nếu có|néu có|nếu có yêu cầu)\)\s*/iu;
const EMBEDDED_CASE = /\s(?:trong|đối với|áp dụng đối với)\s+(?:các\s+)?(trường hợp\s.+)$/iu;
const CALLED = /\s*\(sau đây gọi (?:tắt |chung )?là[^)]*\)/iu;

function caseOf(label: string): { kind: CaseKind; condition: string | null } {
  const text = stripBullets(label).replace(/^\*\s*/, '');
  if (text === '' || SECTION_CASE.test(text)) return { kind: 'plain', condition: null };
  if (NOTES_CASE.test(text)) return { kind: 'notes', condition: null };
  if (SHOW_CASE.test(text)) return { kind: 'show', condition: null };
  // "Trường hợp ủy quyền thực hiện thủ tục thì hồ sơ phải kèm theo…:" → "Trường hợp ủy quyền thực hiện thủ tục".
  const words = text
    .replace(/[:;.]+$/u, '')
    .split(/\s+thì\s+|,\s*(?:kèm theo|hồ sơ|phải)\s|:/iu)[0]!
    .trim();
  if (CONDITION_CASE.test(words)) return { kind: 'plain', condition: clip(capitalise(words), 500) };
  // Any other heading names its case ("a) Đối với cấp mới" is caught above): keep it as the condition.
  return { kind: 'plain', condition: clip(capitalise(words), 500) };
}

interface Draft {
  item: ChecklistItem;
  /** The online declaration: folded into the paper declaration when there is one. */
  onlineForm: boolean;
}

/** One record row as a paper, or null when it is not one (its text then goes to the notes). */
function paperOf(component: Component, kind: CaseKind): Omit<ChecklistItem, 'formats'> | null {
  let text = stripBullets(component.name);
  if (text === '' || kind === 'notes' || text.endsWith(':')) return null;

  let condition: string | null = null;
  if (!PAPER_START.test(text)) {
    const conditional = CONDITIONAL_PAPER.exec(text);
    const paper = conditional?.[3]?.trim() ?? '';
    // "… thì không phải nộp bản giấy": an exemption, not a paper.
    const negated = /\b(?:không|chưa)\s/iu.test(` ${conditional?.[2] ?? ''}`);
    if (!conditional || negated || !PAPER_START.test(paper) || REFERS_TO_OTHERS.test(paper)) {
      return null;
    }
    condition = capitalise(conditional[1]!.replace(/^trong\s+/iu, '').trim());
    text = capitalise(paper);
  }
  if (REFERS_TO_OTHERS.test(text) && (component.originals ?? 0) + (component.copies ?? 0) === 0) {
    return null;
  }

  // The first sentence names the paper; the rest (alternatives, exemptions) is its note.
  const [first = '', ...rest] = text.split(/(?<=[.;])\s+(?=\p{Lu})/u);
  let name = first;
  const notes: string[] = [];
  const alternative = /;\s*(trường hợp\s.+)$/iu.exec(name);
  if (alternative) {
    notes.push(capitalise(alternative[1]!));
    name = name.slice(0, alternative.index);
  }
  if (TO_OFFICER.test(name)) return null;
  notes.push(...rest);

  let required = true;
  if (OPTIONAL.test(name)) {
    required = false;
    name = name.replace(OPTIONAL, ' ');
  }
  name = name.replace(CALLED, '').replace(CHANNEL_ONLY, '');
  const embedded = EMBEDDED_CASE.exec(name);
  if (embedded) {
    const own = capitalise(embedded[1]!.replace(/[.;,]+$/u, '').trim());
    condition = condition ? `${condition}; ${own.toLocaleLowerCase('vi')}` : own;
    name = name.slice(0, embedded.index);
  }
  name = name
    .replace(/\s+/g, ' ')
    .replace(/[\s.;,:]+$/u, '')
    .trim();
  if (name === '') return null;
  const note = notes
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim()
    // Notes written for the officer stay out of the citizen's note.
    .split(/(?<=\.)\s+/u)
    .filter((s) => s !== '' && !TO_OFFICER.test(s))
    .join(' ');
  return {
    name: clip(capitalise(name), 500),
    required,
    condition: condition === null ? null : clip(condition, 500),
    originals: Math.min(component.originals ?? 0, 20),
    copies: Math.min(component.copies ?? 0, 20),
    note: note === '' ? null : clip(note, 1000),
  };
}

const keyOf = (name: string) =>
  name
    .toLocaleLowerCase('vi')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** A paper's own condition inside its case's: the narrower one alone when it restates the case. */
function within(caseCondition: string, own: string | null): string {
  if (own === null) return caseCondition;
  const outer = keyOf(caseCondition).split(' ').slice(0, 4).join(' ');
  if (keyOf(own).startsWith(outer.split(' ').slice(0, 3).join(' '))) return own;
  return `${caseCondition}; ${own.toLocaleLowerCase('vi')}`;
}

const SHOWN_CONDITION = 'Khi nộp hồ sơ trực tiếp (xuất trình bản chính để đối chiếu)';
const ONLINE_FORM_NOTE =
  'Nộp trực tuyến: khai tờ khai điện tử trên trang nộp hồ sơ thay cho bản giấy.';

/**
 * The citizen's checklist proposed from a record's components. Required papers come first, then
 * conditional and optional ones, each group in the record's order; a paper named in several cases
 * appears once (required if any case requires it unconditionally, else under all its conditions).
 */
export function proposeChecklist(components: ProcedureContent['components']): ChecklistProposal {
  const drafts: Draft[] = [];
  const officerNotes: string[] = [];
  const seenNotes = new Set<string>();
  const note = (text: string) => {
    const clean = stripBullets(text);
    const key = keyOf(clean);
    if (clean === '' || seenNotes.has(key)) return;
    seenNotes.add(key);
    officerNotes.push(clean);
  };

  for (const group of components) {
    const { kind, condition: caseCondition } = caseOf(group.case);
    if (kind === 'notes' && group.case.trim() !== '') note(group.case);
    for (const component of group.items) {
      const paper = paperOf(component, kind);
      if (!paper) {
        note(component.name);
        continue;
      }
      const onlineForm = ONLINE_FORM.test(paper.name);
      let condition = paper.condition;
      if (caseCondition) condition = within(caseCondition, condition);
      if (kind === 'show' && condition === null) condition = SHOWN_CONDITION;
      const item: ChecklistItem = {
        ...paper,
        condition: condition === null ? null : clip(condition, 500),
        formats: ['pdf', 'jpg', 'png'],
      };
      const same = drafts.find((d) => keyOf(d.item.name) === keyOf(item.name));
      if (!same) {
        drafts.push({ item, onlineForm });
        continue;
      }
      // The same paper in two cases: asked whenever either case asks it.
      const a = same.item;
      const always = (i: ChecklistItem) => i.required && i.condition === null;
      same.item = {
        ...a,
        required: a.required || item.required,
        condition:
          always(a) || always(item)
            ? null
            : a.condition === item.condition || item.condition === null
              ? a.condition
              : a.condition === null
                ? item.condition
                : clip(`${a.condition} hoặc ${item.condition.toLocaleLowerCase('vi')}`, 500),
        originals: Math.max(a.originals, item.originals),
        copies: Math.max(a.copies, item.copies),
        note: a.note ?? item.note,
      };
    }
  }

  // The online declaration is the e-form: one slot "Tờ khai …" with the way to file it online.
  const declaration = drafts.find((d) => answeredByEform(d.item));
  const items: ChecklistItem[] = [];
  for (const d of drafts) {
    if (d.onlineForm && declaration) {
      declaration.item.note = declaration.item.note
        ? `${ONLINE_FORM_NOTE} ${declaration.item.note}`
        : ONLINE_FORM_NOTE;
      continue;
    }
    items.push(d.item);
  }
  const always = (i: ChecklistItem) => i.required && i.condition === null;
  // The declaration is what a filing starts with; then the other required papers.
  const rank = (i: ChecklistItem) => (always(i) ? (answeredByEform(i) ? 0 : 1) : 2);
  return {
    items: items
      .map((item, index) => ({ item, index }))
      .sort((a, b) => rank(a.item) - rank(b.item) || a.index - b.index)
      .map((x) => x.item),
    officerNotes,
  };
}

/**
 * The required components a filing lacks, as error issues (`components.<index in the checklist>`).
 * `handedIn`: the component names uploaded (online) or ticked as received (counter); names match
 * ignoring case and punctuation. Online, when the procedure has an e-form, its answers stand for
 * the declaration (tờ khai).
 */
export function missingComponents(
  items: ChecklistItem[],
  handedIn: Iterable<string>,
  options: { at: 'online' | 'counter'; eformAnswers: boolean },
): { path: string; message: string }[] {
  const given = new Set([...handedIn].map(keyOf));
  const missing = options.at === 'online' ? 'Chưa tải lên' : 'Chưa ghi nhận đã nhận';
  return items.flatMap((item, index) =>
    isRequiredItem(item) &&
    !given.has(keyOf(item.name)) &&
    !(options.eformAnswers && answeredByEform(item))
      ? [{ path: `components.${index}`, message: `${missing} "${item.name}"` }]
      : [],
  );
}
