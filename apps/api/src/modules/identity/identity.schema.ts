import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// Foreign keys to org_agency are added by hand in the migration: importing organisation's
// schema here would cross the module door (organisation is reached only through its index).

/** Units (phòng, bộ phận) inside an agency; officers belong to agencies and optionally units. */
export const idnUnit = pgTable(
  'idn_unit',
  {
    id: uuid().primaryKey().defaultRandom(),
    agencyId: uuid().notNull(),
    code: text().notNull(),
    name: text().notNull(),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('idn_unit_agency_code_unique').on(t.agencyId, t.code)],
);

/**
 * Every account: officers (username + password), citizens and businesses (VNeID/DVCQG SSO,
 * keyed on TechID) and machine clients (API tokens only).
 */
export const idnAccount = pgTable(
  'idn_account',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull(),
    username: text(),
    displayName: text().notNull(),
    email: text(),
    phone: text(),
    passwordHash: text(),
    /** Base32 TOTP secret when the officer enabled a second factor. */
    totpSecret: text(),
    active: boolean().notNull().default(true),
    failedAttempts: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    lastSignInAt: timestamp({ withTimezone: true }),
    /** Stable DVCQG/VNeID user id: citizen accounts are keyed on it, never on the ID number. */
    techId: text(),
    personalId: text(),
    taxCode: text(),
    birthDate: date(),
    /** Level of assurance reported by the SSO (loAs / IAL), refreshed at each sign-in. */
    assuranceLevel: text(),
    /** The last userinfo claims, for display and cross-checks. */
    ssoProfile: jsonb(),
    demo: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('idn_account_username_unique').on(sql`lower(${t.username})`),
    uniqueIndex('idn_account_tech_id_unique').on(t.techId),
    check(
      'idn_account_kind_known',
      sql`${t.kind} IN ('officer', 'citizen', 'business', 'machine')`,
    ),
  ],
);

/** Which agencies (and units) an officer works in; one officer may belong to several. */
export const idnMembership = pgTable(
  'idn_membership',
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid().notNull(),
    agencyId: uuid().notNull(),
    unitId: uuid(),
    position: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'idn_membership_account_fk',
      columns: [t.accountId],
      foreignColumns: [idnAccount.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'idn_membership_unit_fk',
      columns: [t.unitId],
      foreignColumns: [idnUnit.id],
    }),
    unique('idn_membership_unique').on(t.accountId, t.agencyId, t.unitId).nullsNotDistinct(),
  ],
);

/** A role held by an account, with the scope it applies to (own, unit, agency, province). */
export const idnRoleAssignment = pgTable(
  'idn_role_assignment',
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid().notNull(),
    role: text().notNull(),
    scope: text().notNull(),
    agencyId: uuid(),
    unitId: uuid(),
    grantedBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'idn_role_assignment_account_fk',
      columns: [t.accountId],
      foreignColumns: [idnAccount.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'idn_role_assignment_unit_fk',
      columns: [t.unitId],
      foreignColumns: [idnUnit.id],
    }),
    index('idn_role_assignment_account_idx').on(t.accountId),
    check(
      'idn_role_assignment_role_known',
      sql`${t.role} IN ('citizen', 'business', 'receiving_officer', 'specialist', 'unit_leader', 'agency_leader', 'agency_admin', 'province_admin', 'inspector', 'system_operator')`,
    ),
    check(
      'idn_role_assignment_scope_known',
      sql`${t.scope} IN ('own', 'unit', 'agency', 'province')`,
    ),
    check(
      'idn_role_assignment_scope_target',
      sql`(${t.scope} <> 'unit' OR ${t.unitId} IS NOT NULL) AND (${t.scope} <> 'agency' OR ${t.agencyId} IS NOT NULL)`,
    ),
  ],
);

/** Ủy quyền: a leader lends one of their role assignments to a deputy for a time window. */
export const idnDelegation = pgTable(
  'idn_delegation',
  {
    id: uuid().primaryKey().defaultRandom(),
    fromAccountId: uuid().notNull(),
    toAccountId: uuid().notNull(),
    roleAssignmentId: uuid().notNull(),
    validFrom: timestamp({ withTimezone: true }).notNull(),
    validUntil: timestamp({ withTimezone: true }).notNull(),
    reason: text(),
    revokedAt: timestamp({ withTimezone: true }),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'idn_delegation_from_fk',
      columns: [t.fromAccountId],
      foreignColumns: [idnAccount.id],
    }),
    foreignKey({
      name: 'idn_delegation_to_fk',
      columns: [t.toAccountId],
      foreignColumns: [idnAccount.id],
    }),
    foreignKey({
      name: 'idn_delegation_assignment_fk',
      columns: [t.roleAssignmentId],
      foreignColumns: [idnRoleAssignment.id],
    }).onDelete('cascade'),
    index('idn_delegation_to_idx').on(t.toAccountId),
    check('idn_delegation_window', sql`${t.validUntil} > ${t.validFrom}`),
  ],
);

/** Browser sessions; only a SHA-256 of the cookie token is stored. */
export const idnSession = pgTable(
  'idn_session',
  {
    id: uuid().primaryKey().defaultRandom(),
    tokenHash: text().notNull(),
    accountId: uuid().notNull(),
    method: text().notNull(),
    csrfToken: text().notNull(),
    /** For RP-initiated logout at the SSO (id_token_hint) when signed in through VNeID. */
    ssoIdToken: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    ip: text(),
    userAgent: text(),
  },
  (t) => [
    uniqueIndex('idn_session_token_unique').on(t.tokenHash),
    foreignKey({
      name: 'idn_session_account_fk',
      columns: [t.accountId],
      foreignColumns: [idnAccount.id],
    }).onDelete('cascade'),
    check('idn_session_method_known', sql`${t.method} IN ('password', 'vneid')`),
  ],
);

/** Bearer tokens for machine clients (integrations); only a SHA-256 is stored. */
export const idnApiToken = pgTable(
  'idn_api_token',
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid().notNull(),
    name: text().notNull(),
    tokenHash: text().notNull(),
    /** First characters of the token, shown so an administrator can tell tokens apart. */
    prefix: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('idn_api_token_hash_unique').on(t.tokenHash),
    foreignKey({
      name: 'idn_api_token_account_fk',
      columns: [t.accountId],
      foreignColumns: [idnAccount.id],
    }).onDelete('cascade'),
  ],
);

/** One SSO sign-in in progress: state, nonce and PKCE verifier between start and callback. */
export const idnSsoAttempt = pgTable('idn_sso_attempt', {
  keyHash: text().primaryKey(),
  state: text().notNull(),
  nonce: text().notNull(),
  codeVerifier: text().notNull(),
  returnTo: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
});

/** Security log: sign-ins, failures, lockouts, role and delegation changes, with who and when. */
export const idnSecurityEvent = pgTable(
  'idn_security_event',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull(),
    kind: text().notNull(),
    accountId: uuid(),
    actorAccountId: uuid(),
    username: text(),
    ip: text(),
    details: jsonb().notNull().default({}),
  },
  (t) => [
    index('idn_security_event_at_idx').on(t.at),
    index('idn_security_event_account_idx').on(t.accountId),
  ],
);

/**
 * Failed sign-ins counted per (account, source) and per source alone (`accountId` null), within
 * a window, for the sign-in throttle (use-cases/sign-in.ts). Kept apart from the account so that
 * what one source does locks only that source.
 */
export const idnSignInThrottle = pgTable(
  'idn_sign_in_throttle',
  {
    source: text().notNull(),
    accountId: uuid(),
    failures: integer().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    lockedUntil: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique('idn_sign_in_throttle_key').on(t.source, t.accountId).nullsNotDistinct(),
    foreignKey({
      name: 'idn_sign_in_throttle_account_fk',
      columns: [t.accountId],
      foreignColumns: [idnAccount.id],
    }).onDelete('cascade'),
    index('idn_sign_in_throttle_account_idx').on(t.accountId),
    index('idn_sign_in_throttle_window_idx').on(t.windowStart),
  ],
);
