import { useTranslation } from 'react-i18next';

/**
 * The texts of the process editor. They live with the feature (like its api.ts) and follow the
 * app's language: Vietnamese by default, English when the visitor switched.
 */
const vi = {
  nav: 'Quy trình nội bộ',
  title: 'Quy trình nội bộ giải quyết thủ tục',
  intro:
    'Mỗi thủ tục có quy trình nội bộ theo phiên bản: các bước, người và phòng thực hiện, thời gian của từng bước (phải nằm trong thời hạn giải quyết), xin ý kiến song song và liên thông với cơ quan khác. Hồ sơ giữ phiên bản quy trình khi được tiếp nhận.',
  signInNeeded: 'Trang này dành cho quản trị viên cấp tỉnh. Vui lòng đăng nhập.',
  signIn: 'Đăng nhập',
  pick: {
    title: 'Chọn thủ tục',
    code: 'Mã thủ tục',
    codeHint: 'Ví dụ: 1.001193',
    codeInvalid: 'Mã thủ tục dạng 1.001193',
    open: 'Xem quy trình',
    known: 'Thủ tục đã có quy trình',
    none: 'Chưa có thủ tục nào có quy trình.',
  },
  versions: {
    title: (code: string) => `Các phiên bản quy trình của thủ tục ${code}`,
    empty:
      'Thủ tục này chưa có quy trình nội bộ. Tạo quy trình đầu tiên theo các bước mẫu bên dưới.',
    startNew: 'Tạo quy trình mới',
    version: 'Phiên bản',
    scope: 'Phạm vi',
    status: 'Trạng thái',
    createdAt: 'Ngày tạo',
    publishedAt: 'Ngày ban hành',
    actions: 'Thao tác',
    province: 'Mặc định toàn tỉnh',
    fromThis: 'Tạo phiên bản mới từ bản này',
    openDraft: 'Mở bản nháp',
    statuses: { draft: 'Bản nháp', published: 'Đang áp dụng', retired: 'Hết hiệu lực' },
  },
  editor: {
    titleNew: (code: string) => `Phiên bản mới của quy trình ${code}`,
    titleDraft: (n: number) => `Bản nháp phiên bản ${n}`,
    basedOn: (n: number) => `Tạo từ phiên bản ${n}.`,
    close: 'Đóng trình soạn thảo',
    name: 'Tên quy trình',
    scope: 'Phạm vi áp dụng',
    stepsTitle: 'Các bước xử lý',
    step: (n: number) => `Bước ${n}`,
    transferStep: (n: number) => `Bước liên thông ${n}`,
    stepName: 'Tên bước',
    key: 'Mã bước',
    keyHint: 'Chữ thường, số và _',
    kind: 'Loại bước',
    role: 'Người thực hiện',
    unitCode: 'Mã phòng, đơn vị',
    unitHint: 'Để trống: người được phân công',
    hours: 'Thời gian (giờ làm việc)',
    addStep: 'Thêm bước',
    addTransferStep: 'Thêm bước liên thông',
    remove: 'Xóa bước',
    up: 'Chuyển bước lên',
    down: 'Chuyển bước xuống',
    consultTitle: 'Xin ý kiến song song',
    consultUnit: 'Mã đơn vị được xin ý kiến',
    consultHours: 'Thời gian xin ý kiến (giờ)',
    addConsult: 'Thêm đơn vị xin ý kiến',
    removeConsult: 'Xóa đơn vị xin ý kiến',
    transfer: 'Liên thông sang cơ quan khác',
    transferAgency: 'Mã định danh cơ quan liên thông',
    transferHint: 'Các bước của cơ quan liên thông nằm trong thời gian của bước này.',
    kinds: {
      receive: 'Tiếp nhận',
      assign: 'Phân công',
      appraise: 'Thẩm định',
      consult: 'Xin ý kiến',
      approve: 'Phê duyệt',
      sign: 'Ký',
      return: 'Trả kết quả',
      other: 'Khác',
    },
    roles: {
      receiving_officer: 'Cán bộ tiếp nhận',
      specialist: 'Chuyên viên',
      unit_leader: 'Trưởng phòng',
      agency_leader: 'Lãnh đạo cơ quan',
    },
  },
  check: {
    title: 'Kiểm tra và xem trước',
    run: 'Kiểm tra',
    running: 'Đang kiểm tra…',
    stale: 'Quy trình đã thay đổi từ lần kiểm tra gần nhất.',
    total: (total: number, legal: number | null) =>
      legal === null
        ? `Tổng ${total} giờ làm việc (thủ tục chưa có thời hạn giải quyết)`
        : `Tổng ${total}/${legal} giờ làm việc`,
    ok: 'Quy trình hợp lệ, có thể ban hành.',
    issues: (n: number) => `Có ${n} vấn đề cần sửa`,
    formIssues: 'Chưa kiểm tra được: có trường chưa hợp lệ',
    previewTitle: 'Thời hạn từng bước cho hồ sơ tiếp nhận lúc này',
    previewStep: 'Bước',
    previewHours: 'Số giờ',
    previewEnds: 'Đến giờ thứ',
    previewDue: 'Hạn hoàn thành',
  },
  save: 'Lưu bản nháp',
  publish: 'Ban hành',
  saved: (n: number) => `Đã lưu bản nháp phiên bản ${n}.`,
  published: (n: number) =>
    `Đã ban hành phiên bản ${n}. Phiên bản đang áp dụng trước đó hết hiệu lực.`,
  saveFirst: 'Lưu bản nháp trước khi ban hành.',
  newStepName: 'Bước mới',
};

export type WorkflowText = typeof vi;

const en: WorkflowText = {
  nav: 'Processing workflows',
  title: 'Internal processing workflows',
  intro:
    'Each procedure has a versioned internal workflow: its steps, who acts and in which unit, the working hours of each step (within the legal processing time), parallel consultations and transfers to other agencies. A dossier keeps the version it was received under.',
  signInNeeded: 'This page is for province administrators. Please sign in.',
  signIn: 'Sign in',
  pick: {
    title: 'Choose a procedure',
    code: 'Procedure code',
    codeHint: 'E.g. 1.001193',
    codeInvalid: 'A procedure code looks like 1.001193',
    open: 'Show workflow',
    known: 'Procedures with a workflow',
    none: 'No procedure has a workflow yet.',
  },
  versions: {
    title: (code: string) => `Workflow versions of procedure ${code}`,
    empty: 'This procedure has no workflow yet. Start one from the template steps below.',
    startNew: 'Create a workflow',
    version: 'Version',
    scope: 'Scope',
    status: 'Status',
    createdAt: 'Created',
    publishedAt: 'Published',
    actions: 'Actions',
    province: 'Province default',
    fromThis: 'New version from this one',
    openDraft: 'Open draft',
    statuses: { draft: 'Draft', published: 'In force', retired: 'Retired' },
  },
  editor: {
    titleNew: (code: string) => `New version of the workflow of ${code}`,
    titleDraft: (n: number) => `Draft version ${n}`,
    basedOn: (n: number) => `Based on version ${n}.`,
    close: 'Close the editor',
    name: 'Workflow name',
    scope: 'Applies to',
    stepsTitle: 'Steps',
    step: (n: number) => `Step ${n}`,
    transferStep: (n: number) => `Transfer step ${n}`,
    stepName: 'Step name',
    key: 'Step key',
    keyHint: 'Lower-case letters, digits and _',
    kind: 'Kind',
    role: 'Done by',
    unitCode: 'Unit code',
    unitHint: 'Empty: whoever it is assigned to',
    hours: 'Time (working hours)',
    addStep: 'Add a step',
    addTransferStep: 'Add a transfer step',
    remove: 'Remove the step',
    up: 'Move the step up',
    down: 'Move the step down',
    consultTitle: 'Parallel consultations',
    consultUnit: 'Consulted unit code',
    consultHours: 'Consultation time (hours)',
    addConsult: 'Add a consulted unit',
    removeConsult: 'Remove the consulted unit',
    transfer: 'Transfer to another agency',
    transferAgency: 'Electronic ID of the agency',
    transferHint: "The agency's steps run inside this step's time.",
    kinds: {
      receive: 'Receive',
      assign: 'Assign',
      appraise: 'Appraise',
      consult: 'Consult',
      approve: 'Approve',
      sign: 'Sign',
      return: 'Return the result',
      other: 'Other',
    },
    roles: {
      receiving_officer: 'Receiving officer',
      specialist: 'Specialist',
      unit_leader: 'Head of unit',
      agency_leader: 'Agency leader',
    },
  },
  check: {
    title: 'Check and preview',
    run: 'Check',
    running: 'Checking…',
    stale: 'The workflow changed since the last check.',
    total: (total: number, legal: number | null) =>
      legal === null
        ? `Total ${total} working hours (the procedure states no processing time)`
        : `Total ${total}/${legal} working hours`,
    ok: 'The workflow is valid and can be published.',
    issues: (n: number) => `${n} issue(s) to fix`,
    formIssues: 'Not checked yet: some fields are invalid',
    previewTitle: 'Due time of each step for a dossier received now',
    previewStep: 'Step',
    previewHours: 'Hours',
    previewEnds: 'Ends at hour',
    previewDue: 'Due',
  },
  save: 'Save draft',
  publish: 'Publish',
  saved: (n: number) => `Draft version ${n} saved.`,
  published: (n: number) => `Version ${n} published. The version in force before is retired.`,
  saveFirst: 'Save the draft before publishing.',
  newStepName: 'New step',
};

export function useWorkflowText(): WorkflowText {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? en : vi;
}

/** Date and time in Vietnam time, whatever the browser's own zone. */
export function formatVnTime(iso: string | null, language: string): string {
  if (iso === null) return '—';
  return new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : 'vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    dateStyle: 'short',
    timeStyle: 'short',
  });
}
