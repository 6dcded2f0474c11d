import { z } from 'zod';

/** Roles of the one-stop system (issue 5); a role is always held with a scope. */
export const Role = z.enum([
  'citizen',
  'business',
  'receiving_officer',
  'specialist',
  'unit_leader',
  'agency_leader',
  'agency_admin',
  'province_admin',
  'inspector',
  'system_operator',
]);
export type Role = z.infer<typeof Role>;

/** What a role assignment covers: own records, one unit, one agency (and its sub-agencies), the province. */
export const Scope = z.enum(['own', 'unit', 'agency', 'province']);
export type Scope = z.infer<typeof Scope>;

export const AccountKind = z.enum(['officer', 'citizen', 'business', 'machine']);
export type AccountKind = z.infer<typeof AccountKind>;

export const LoginRequest = z.object({
  username: z
    .string({ message: 'Vui lòng nhập tên đăng nhập' })
    .trim()
    .min(1, { message: 'Vui lòng nhập tên đăng nhập' })
    .max(100, { message: 'Tên đăng nhập quá dài' }),
  password: z
    .string({ message: 'Vui lòng nhập mật khẩu' })
    .min(1, { message: 'Vui lòng nhập mật khẩu' })
    .max(200, { message: 'Mật khẩu quá dài' }),
  /** Six-digit code from an authenticator app, for officers who enabled a second factor. */
  totp: z
    .string()
    .regex(/^\d{6}$/, { message: 'Mã xác thực gồm 6 chữ số' })
    .optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const RoleGrant = z.object({
  id: z.string(),
  role: Role,
  scope: Scope,
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  /** Set when the grant is held through a delegation (ủy quyền), until this instant. */
  delegatedUntil: z.string().nullable(),
});
export type RoleGrant = z.infer<typeof RoleGrant>;

export const Membership = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  position: z.string().nullable(),
});
export type Membership = z.infer<typeof Membership>;

export const Permission = z.object({
  action: z.string(),
  subject: z.string(),
  /** Province-wide (the administrator pages need this), not only in some agency, unit or own records. */
  everywhere: z.boolean(),
});
export type Permission = z.infer<typeof Permission>;

/**
 * What VNeID vouches for about a signed-in citizen, under the e-forms' `x-prefill` names, so a
 * form starts from what the national population data already says instead of asking it again.
 * Only the fields the forms prefill (data minimisation, NĐ 13/2023 Art. 3); never for officers
 * or businesses.
 */
export const CitizenClaims = z.object({
  name: z.string(),
  idNumber: z.string().nullable(),
  /** yyyy-mm-dd */
  birthDate: z.string().nullable(),
  /** As the e-forms' choices name it. */
  gender: z.enum(['male', 'female']).nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type CitizenClaims = z.infer<typeof CitizenClaims>;

export const SessionInfo = z.object({
  account: z.object({
    id: z.string(),
    kind: AccountKind,
    username: z.string().nullable(),
    displayName: z.string(),
    assuranceLevel: z.string().nullable(),
  }),
  method: z.enum(['password', 'vneid', 'token']),
  roles: z.array(RoleGrant),
  memberships: z.array(Membership),
  /**
   * What the account may do, so the web offers only that (navigation, admin tiles): each
   * (action, subject) granted by some role, and whether it reaches the whole province. Read-only
   * mirror of the server's ability; the server still checks every request.
   */
  permissions: z.array(Permission).default([]),
  /** A citizen signed in through VNeID: the claims the e-forms prefill from; null for others. */
  claims: CitizenClaims.nullable().default(null),
  /** Send back as `x-csrf-token` on every write made with the session cookie. */
  csrfToken: z.string().nullable(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const LogoutResponse = z.object({
  /** When signed in through VNeID: the SSO's end-session URL, to end that session too. */
  redirectTo: z.string().nullable(),
});
export type LogoutResponse = z.infer<typeof LogoutResponse>;

export const OfficerListQuery = z.object({
  agencyId: z.uuid({ message: 'Mã cơ quan không hợp lệ' }).optional(),
  q: z.string().trim().max(100).optional(),
});
export type OfficerListQuery = z.infer<typeof OfficerListQuery>;

export const Officer = z.object({
  id: z.string(),
  username: z.string().nullable(),
  displayName: z.string(),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
  totpEnabled: z.boolean(),
  memberships: z.array(Membership),
  roles: z.array(RoleGrant),
});
export type Officer = z.infer<typeof Officer>;

export const OfficerList = z.object({ total: z.number(), items: z.array(Officer) });
export type OfficerList = z.infer<typeof OfficerList>;

export const PasswordResetRequest = z.object({
  newPassword: z
    .string()
    .min(10, { message: 'Mật khẩu mới phải có ít nhất 10 ký tự' })
    .max(200, { message: 'Mật khẩu quá dài' }),
});
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

export const RoleAssignmentInput = z.object({
  role: Role,
  scope: Scope,
  agencyId: z.uuid({ message: 'Mã cơ quan không hợp lệ' }).nullable().default(null),
  unitId: z.uuid({ message: 'Mã phòng/bộ phận không hợp lệ' }).nullable().default(null),
});
export type RoleAssignmentInput = z.infer<typeof RoleAssignmentInput>;

export const DelegationInput = z
  .object({
    toAccountId: z.uuid({ message: 'Mã tài khoản không hợp lệ' }),
    roleAssignmentId: z.uuid({ message: 'Mã vai trò không hợp lệ' }),
    validFrom: z.iso.datetime({ offset: true, message: 'Thời điểm bắt đầu không hợp lệ' }),
    validUntil: z.iso.datetime({ offset: true, message: 'Thời điểm kết thúc không hợp lệ' }),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((d) => new Date(d.validUntil) > new Date(d.validFrom), {
    message: 'Thời điểm kết thúc ủy quyền phải sau thời điểm bắt đầu',
    path: ['validUntil'],
  });
export type DelegationInput = z.infer<typeof DelegationInput>;

export const Delegation = z.object({
  id: z.string(),
  fromAccountId: z.string(),
  toAccountId: z.string(),
  roleAssignmentId: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  reason: z.string().nullable(),
});
export type Delegation = z.infer<typeof Delegation>;

export const ApiTokenInput = z.object({
  name: z.string().trim().min(1, { message: 'Vui lòng đặt tên cho mã truy cập' }).max(100),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type ApiTokenInput = z.infer<typeof ApiTokenInput>;

export const ApiTokenCreated = z.object({
  id: z.string(),
  prefix: z.string(),
  /** Shown once; only a hash is stored. */
  token: z.string(),
});
export type ApiTokenCreated = z.infer<typeof ApiTokenCreated>;

export const AuditFindingKind = z.enum([
  'no_role',
  'role_outside_units',
  'inactive_with_roles',
  'unused_90_days',
]);
export type AuditFindingKind = z.infer<typeof AuditFindingKind>;

export const AuditFinding = z.object({
  kind: AuditFindingKind,
  accountId: z.string(),
  username: z.string().nullable(),
  displayName: z.string(),
  detail: z.string(),
});
export type AuditFinding = z.infer<typeof AuditFinding>;

export const PermissionAudit = z.object({
  generatedAt: z.string(),
  counts: z.record(AuditFindingKind, z.number()),
  findings: z.array(AuditFinding),
});
export type PermissionAudit = z.infer<typeof PermissionAudit>;

export const SecurityEventKind = z.enum([
  'sign_in',
  'sign_in_failed',
  'lockout',
  'sign_out',
  'password_reset',
  'role_granted',
  'role_revoked',
  'delegation_created',
  'delegation_revoked',
  'api_token_created',
  'account_deactivated',
  'account_activated',
  'account_created',
  'totp_enabled',
  'admin_token_used',
]);
export type SecurityEventKind = z.infer<typeof SecurityEventKind>;

export const SecurityEvent = z.object({
  id: z.number(),
  at: z.string(),
  kind: SecurityEventKind,
  accountId: z.string().nullable(),
  actorAccountId: z.string().nullable(),
  username: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type SecurityEvent = z.infer<typeof SecurityEvent>;

export const SecurityEventQuery = z.object({
  kind: SecurityEventKind.optional(),
  accountId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type SecurityEventQuery = z.infer<typeof SecurityEventQuery>;

export const SecurityEventList = z.object({ items: z.array(SecurityEvent) });
export type SecurityEventList = z.infer<typeof SecurityEventList>;

/** Roles an officer account may hold (citizen and business come from the SSO only). */
export const OfficerRole = Role.exclude(['citizen', 'business']);
export type OfficerRole = z.infer<typeof OfficerRole>;

/** Media types accepted by the bulk import (sent as the raw request body). */
export const ACCOUNT_IMPORT_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * One row of an account import file, after the header has been mapped to these keys
 * (CSV or XLSX; the header may use these names or their Vietnamese labels).
 */
export const AccountImportRowInput = z.object({
  username: z
    .string({ message: 'Thiếu tên đăng nhập' })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,60}$/, {
      message:
        'Tên đăng nhập phải dài 3–60 ký tự, chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới',
    }),
  displayName: z
    .string({ message: 'Thiếu họ và tên' })
    .trim()
    .min(3, { message: 'Họ và tên phải có ít nhất 3 ký tự' })
    .max(200, { message: 'Họ và tên quá dài' }),
  email: z
    .email({ message: 'Thư điện tử không hợp lệ' })
    .max(200, { message: 'Thư điện tử quá dài' })
    .nullable()
    .default(null),
  phone: z
    .string()
    .regex(/^\+?[0-9 .-]{8,20}$/, { message: 'Số điện thoại không hợp lệ' })
    .nullable()
    .default(null),
  agency: z
    .string({ message: 'Thiếu mã định danh điện tử của cơ quan' })
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z]{2,4}(\.[0-9A-Z]{2,4}){1,4}$/, {
      message: 'Mã định danh điện tử của cơ quan không hợp lệ (ví dụ 000.00.15.H75)',
    }),
  unit: z.string().trim().max(50, { message: 'Mã phòng/bộ phận quá dài' }).nullable().default(null),
  role: z.enum(OfficerRole.options, {
    message: `Vai trò không hợp lệ; dùng một trong: ${OfficerRole.options.join(', ')}`,
  }),
  scope: z.enum(Scope.options, {
    message: 'Phạm vi không hợp lệ; dùng một trong: own, unit, agency, province',
  }),
  password: z
    .string()
    .min(10, { message: 'Mật khẩu ban đầu phải có ít nhất 10 ký tự' })
    .max(200, { message: 'Mật khẩu quá dài' })
    .nullable()
    .default(null),
});
export type AccountImportRowInput = z.infer<typeof AccountImportRowInput>;

export const AccountImportQuery = z.object({ format: z.enum(['json', 'xlsx']).default('json') });
export type AccountImportQuery = z.infer<typeof AccountImportQuery>;

export const AccountImportStatus = z.enum(['created', 'skipped', 'error']);
export type AccountImportStatus = z.infer<typeof AccountImportStatus>;

export const AccountImportResult = z.object({
  /** Line in the file (the header is line 1). */
  line: z.number(),
  username: z.string().nullable(),
  displayName: z.string().nullable(),
  status: AccountImportStatus,
  /** Vietnamese reason for a skipped or refused row. */
  reason: z.string().nullable(),
  accountId: z.string().nullable(),
  /** Generated when the file gave none: shown in this report only, never stored in clear. */
  initialPassword: z.string().nullable(),
});
export type AccountImportResult = z.infer<typeof AccountImportResult>;

export const AccountImportReport = z.object({
  fileType: z.enum(['csv', 'xlsx']),
  total: z.number(),
  created: z.number(),
  skipped: z.number(),
  errors: z.number(),
  rows: z.array(AccountImportResult),
});
export type AccountImportReport = z.infer<typeof AccountImportReport>;

export const Unit = z.object({
  id: z.string(),
  agencyId: z.string(),
  code: z.string(),
  name: z.string(),
});
export type Unit = z.infer<typeof Unit>;

export const UnitListQuery = z.object({
  agencyId: z.uuid({ message: 'Mã cơ quan không hợp lệ' }).optional(),
});
export type UnitListQuery = z.infer<typeof UnitListQuery>;

export const UnitList = z.object({ items: z.array(Unit) });
export type UnitList = z.infer<typeof UnitList>;

export const TotpSetup = z.object({
  /** otpauth:// URI for authenticator apps. */
  otpauthUri: z.string(),
  /** The same, as a base32 secret to type in by hand (the web draws the QR code). */
  secret: z.string(),
});
export type TotpSetup = z.infer<typeof TotpSetup>;

export const TotpConfirm = z.object({
  /** The secret from the setup answer (kept by the browser until confirmed). */
  secret: z.string().regex(/^[A-Z2-7]{32,64}$/, { message: 'Khóa bí mật không hợp lệ' }),
  code: z.string().regex(/^\d{6}$/, { message: 'Mã xác thực gồm 6 chữ số' }),
});
export type TotpConfirm = z.infer<typeof TotpConfirm>;
