import { existsSync } from 'node:fs';
import {
  AccountImportRowInput,
  type AccountImportReport,
  type AccountImportResult,
  type TotpSetup,
  type UnitList,
} from '@motcua/contracts';
import type {
  ApiTokenCreated,
  ApiTokenInput,
  AuditFinding,
  AuditFindingKind,
  Delegation,
  DelegationInput,
  LoginRequest,
  LogoutResponse,
  Membership,
  Officer,
  OfficerList,
  OfficerListQuery,
  PermissionAudit,
  Role,
  RoleAssignmentInput,
  RoleGrant,
  SecurityEventKind,
  SecurityEventList,
  SecurityEventQuery,
  SessionInfo,
} from '@motcua/contracts';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import { assuranceOf, type VneidClient } from '../../integrations/vneid-sso/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { ExportTable } from '../../platform/exports/table-export.js';
import type { Logger } from '../../platform/logger.js';
import { generatePassword, readImportFile } from './account-import.js';
import { readDemoAccountsFile } from './identity-data.js';
import {
  createIdentityRepository,
  type AccountRecord,
  type HeldAssignment,
  type MembershipRecord,
  type UnitRecord,
} from './identity.repository.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.js';
import {
  buildAbility,
  reachOf,
  resource,
  type AppAbility,
  type ScopedResource,
} from './permissions.js';
import { hashToken, newToken, sameSecret } from './tokens.js';

export interface AgencyRef {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  electronicId: string;
}

export interface AuthSettings {
  lockoutThreshold: number;
  lockoutMinutes: number;
  sessionTtlMinutes: number;
}

export interface IdentityDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** The organisation's agencies (names and tree), for scopes and display. */
  listAgencies(): Promise<AgencyRef[]>;
  demoAccountsFile: string;
  /** Demo accounts are refused in production whatever this says. */
  seedDemoAccounts: boolean;
  production: boolean;
  auth: AuthSettings;
  /** The national SSO; null when not configured. */
  vneid: VneidClient | null;
}

/** Who is calling, and what they may do; built per request from the session or token. */
export interface Principal {
  accountId: string;
  kind: AccountRecord['kind'];
  username: string | null;
  displayName: string;
  assuranceLevel: string | null;
  /** Số định danh cá nhân or tax code from the SSO (citizens, businesses); prefills dossiers. */
  idNumber: string | null;
  method: 'password' | 'vneid' | 'token';
  sessionId: string | null;
  csrfToken: string | null;
  ssoIdToken: string | null;
  grants: RoleGrant[];
  memberships: Membership[];
  ability: AppAbility;
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

const GENERIC_LOGIN_FAILURE = 'Tên đăng nhập hoặc mật khẩu không đúng.';
const DAY_MS = 24 * 60 * 60 * 1000;

function formatTime(at: Date): string {
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(at);
}

export function createIdentityService(deps: IdentityDeps) {
  const repo = createIdentityRepository(deps.db);
  const { clock, log } = deps;

  // The agency tree changes rarely (administrators edit it); a short cache keeps per-request
  // ability building off the database.
  let agencyCache:
    { at: number; byId: Map<string, AgencyRef>; children: Map<string, string[]> } | undefined;
  async function agencies() {
    const now = Date.now();
    if (!agencyCache || now - agencyCache.at > 60_000) {
      const list = await deps.listAgencies();
      const byId = new Map(list.map((a) => [a.id, a]));
      const children = new Map<string, string[]>();
      for (const a of list) {
        if (!a.parentId) continue;
        children.set(a.parentId, [...(children.get(a.parentId) ?? []), a.id]);
      }
      agencyCache = { at: now, byId, children };
    }
    return agencyCache;
  }
  function closureIn(tree: { children: Map<string, string[]> }, agencyId: string): string[] {
    const out: string[] = [];
    const queue = [agencyId];
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (out.includes(id)) continue;
      out.push(id);
      queue.push(...(tree.children.get(id) ?? []));
    }
    return out;
  }
  const agencyName = (tree: { byId: Map<string, AgencyRef> }, id: string | null) =>
    id ? (tree.byId.get(id)?.shortName ?? tree.byId.get(id)?.name ?? id) : null;

  // Units (phòng, bộ phận) change as rarely as the agency tree, yet every authenticated request
  // named its grants' units from a full read of the table (bench 2026-12-03 profile: all units,
  // every request, before any route work). Cached like the agencies: this process's own writes
  // (upsertUnit below) clear it at once, other processes' within the TTL.
  let unitCache: { at: number; list: UnitRecord[]; byId: Map<string, UnitRecord> } | undefined;
  let unitLoad: Promise<NonNullable<typeof unitCache>> | undefined;
  async function cachedUnits() {
    if (unitCache && Date.now() - unitCache.at <= 60_000) return unitCache;
    unitLoad ??= repo
      .units()
      .then((list) => {
        unitCache = { at: Date.now(), list, byId: new Map(list.map((u) => [u.id, u])) };
        return unitCache;
      })
      .finally(() => {
        unitLoad = undefined;
      });
    return unitLoad;
  }
  function forgetUnits() {
    unitCache = undefined;
  }
  /** Units by id; a wanted id the cache lacks (created elsewhere since) reloads it once. */
  async function unitsById(wanted: Array<string | null> = []) {
    const cached = await cachedUnits();
    if (wanted.every((id) => id === null || cached.byId.has(id))) return cached.byId;
    forgetUnits();
    return (await cachedUnits()).byId;
  }

  async function event(
    kind: SecurityEventKind,
    values: {
      accountId?: string | null;
      actorAccountId?: string | null;
      username?: string | null;
      meta?: RequestMeta;
      details?: Record<string, unknown>;
    },
  ) {
    await repo.insertEvent({
      at: clock.now(),
      kind,
      accountId: values.accountId ?? null,
      actorAccountId: values.actorAccountId ?? null,
      username: values.username ?? null,
      ip: values.meta?.ip ?? null,
      details: values.details ?? {},
    });
  }

  function toGrants(
    held: HeldAssignment[],
    tree: { byId: Map<string, AgencyRef> },
    units: Map<string, { name: string }>,
  ): RoleGrant[] {
    return held.map((a) => ({
      id: a.id,
      role: a.role as Role,
      scope: a.scope as RoleGrant['scope'],
      agencyId: a.agencyId,
      agencyName: agencyName(tree, a.agencyId),
      unitId: a.unitId,
      unitName: a.unitId ? (units.get(a.unitId)?.name ?? null) : null,
      delegatedUntil: a.delegatedUntil ? a.delegatedUntil.toISOString() : null,
    }));
  }

  function toMemberships(
    rows: MembershipRecord[],
    tree: { byId: Map<string, AgencyRef> },
  ): Membership[] {
    return rows.map((m) => ({
      agencyId: m.agencyId,
      agencyName: agencyName(tree, m.agencyId) ?? m.agencyId,
      unitId: m.unitId,
      unitName: m.unitName,
      position: m.position,
    }));
  }

  async function principalFor(
    account: AccountRecord,
    session: {
      method: Principal['method'];
      sessionId: string | null;
      csrfToken: string | null;
      ssoIdToken: string | null;
    },
  ): Promise<Principal> {
    const [tree, { held, memberships }] = await Promise.all([
      agencies(),
      repo.principalRows(account.id, clock.now()),
    ]);
    const grants = toGrants(held, tree, await unitsById(held.map((a) => a.unitId)));
    return {
      accountId: account.id,
      kind: account.kind as Principal['kind'],
      username: account.username,
      displayName: account.displayName,
      assuranceLevel: account.assuranceLevel,
      idNumber: account.personalId ?? account.taxCode ?? null,
      ...session,
      grants,
      memberships: toMemberships(memberships, tree),
      ability: buildAbility({
        accountId: account.id,
        grants,
        agencyClosure: (id) => closureIn(tree, id),
      }),
    };
  }

  async function createSession(
    account: AccountRecord,
    method: 'password' | 'vneid',
    meta: RequestMeta,
    ssoIdToken: string | null = null,
  ) {
    const token = newToken();
    const now = clock.now();
    const session = await repo.insertSession({
      tokenHash: hashToken(token),
      accountId: account.id,
      method,
      csrfToken: newToken(24),
      ssoIdToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + deps.auth.sessionTtlMinutes * 60_000),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    return { token, session };
  }

  /** Where a target account lives, for scope checks on it. */
  async function whereAccount(accountId: string): Promise<ScopedResource> {
    const memberships = await repo.membershipsOf([accountId]);
    return {
      agencyIds: [...new Set(memberships.map((m) => m.agencyId))],
      unitIds: memberships.flatMap((m) => (m.unitId ? [m.unitId] : [])),
      ownerId: accountId,
    };
  }

  async function officerAccount(accountId: string) {
    const account = await repo.accountById(accountId);
    if (!account || account.kind === 'citizen' || account.kind === 'business') {
      throw notFound('Không tìm thấy tài khoản cán bộ.');
    }
    return account;
  }

  function forbid(
    message = 'Bạn không có quyền thực hiện thao tác này với tài khoản ngoài phạm vi được giao.',
  ) {
    return new AppError('FORBIDDEN', message);
  }

  async function whereAssignment(
    input: { scope: string; agencyId: string | null; unitId: string | null },
    accountId: string,
  ): Promise<ScopedResource> {
    switch (input.scope) {
      case 'province':
        return {};
      case 'agency':
        return { agencyIds: input.agencyId ? [input.agencyId] : [] };
      case 'unit': {
        const unit = input.unitId ? (await unitsById([input.unitId])).get(input.unitId) : undefined;
        return {
          unitIds: input.unitId ? [input.unitId] : [],
          agencyIds: unit ? [unit.agencyId] : [],
        };
      }
      default:
        return whereAccount(accountId);
    }
  }

  return {
    /** Officer sign-in with username and password (and TOTP when enabled); lockout on repeated failures. */
    async login(
      input: LoginRequest,
      meta: RequestMeta,
    ): Promise<{ token: string; info: SessionInfo }> {
      const now = clock.now();
      const account = await repo.accountByUsername(input.username);
      if (!account || account.kind !== 'officer' || !account.passwordHash) {
        await burnPasswordCheck(input.password);
        await event('sign_in_failed', {
          username: input.username,
          meta,
          details: { reason: 'unknown_user' },
        });
        throw new AppError('UNAUTHENTICATED', GENERIC_LOGIN_FAILURE);
      }
      if (account.lockedUntil && account.lockedUntil > now) {
        await event('sign_in_failed', {
          accountId: account.id,
          username: account.username,
          meta,
          details: { reason: 'locked' },
        });
        throw new AppError(
          'UNAUTHENTICATED',
          `Tài khoản đang tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ${formatTime(account.lockedUntil)}.`,
        );
      }
      let ok = await verifyPassword(account.passwordHash, input.password);
      let reason = 'password';
      if (ok && account.totpSecret) {
        if (!input.totp) {
          // The password was right: ask for the second factor without counting a failure.
          throw new AppError(
            'UNAUTHENTICATED',
            'Vui lòng nhập mã xác thực 6 chữ số từ ứng dụng xác thực.',
            {
              issues: [{ path: 'totp', message: 'Cần mã xác thực hai lớp' }],
            },
          );
        }
        const result = await verifyTotp({
          secret: account.totpSecret,
          token: input.totp,
          epoch: Math.floor(now.getTime() / 1000),
          epochTolerance: 30,
        });
        ok = result.valid;
        reason = 'totp';
      }
      if (!ok) {
        const lockUntil = new Date(now.getTime() + deps.auth.lockoutMinutes * 60_000);
        const after = await repo.recordFailure(account.id, deps.auth.lockoutThreshold, lockUntil);
        await event('sign_in_failed', {
          accountId: account.id,
          username: account.username,
          meta,
          details: { reason },
        });
        if (after.lockedUntil && after.lockedUntil > now) {
          await event('lockout', {
            accountId: account.id,
            username: account.username,
            meta,
            details: { until: after.lockedUntil.toISOString(), minutes: deps.auth.lockoutMinutes },
          });
          throw new AppError(
            'UNAUTHENTICATED',
            `Đăng nhập sai ${deps.auth.lockoutThreshold} lần: tài khoản bị tạm khóa ${deps.auth.lockoutMinutes} phút, đến ${formatTime(after.lockedUntil)}.`,
          );
        }
        const left = deps.auth.lockoutThreshold - after.failedAttempts;
        throw new AppError(
          'UNAUTHENTICATED',
          `${reason === 'totp' ? 'Mã xác thực không đúng.' : GENERIC_LOGIN_FAILURE} Còn ${left} lần thử trước khi tài khoản bị tạm khóa.`,
        );
      }
      if (!account.active) {
        await event('sign_in_failed', {
          accountId: account.id,
          username: account.username,
          meta,
          details: { reason: 'inactive' },
        });
        throw new AppError(
          'FORBIDDEN',
          'Tài khoản đã ngừng hoạt động. Vui lòng liên hệ quản trị viên.',
        );
      }
      await repo.recordSuccess(account.id, now);
      const { token, session } = await createSession(account, 'password', meta);
      await event('sign_in', {
        accountId: account.id,
        username: account.username,
        meta,
        details: { method: 'password' },
      });
      const principal = await principalFor(account, {
        method: 'password',
        sessionId: session.id,
        csrfToken: session.csrfToken,
        ssoIdToken: null,
      });
      return { token, info: this.sessionInfo(principal) };
    },

    /**
     * The caller of a request, from a session cookie or a bearer API token. Writes made with a
     * cookie must carry the session's CSRF token: a cross-site form can send the cookie but
     * cannot read the token.
     */
    async authenticate(input: {
      sessionToken: string | undefined;
      bearerToken: string | undefined;
      unsafeMethod: boolean;
      csrfHeader: string | undefined;
    }): Promise<Principal | null> {
      const now = clock.now();
      if (input.bearerToken) {
        const found = await repo.apiTokenByHash(hashToken(input.bearerToken), now);
        if (!found || !found.account.active)
          throw new AppError(
            'UNAUTHENTICATED',
            'Mã truy cập (API token) không hợp lệ hoặc đã hết hạn.',
          );
        return principalFor(found.account, {
          method: 'token',
          sessionId: null,
          csrfToken: null,
          ssoIdToken: null,
        });
      }
      if (!input.sessionToken) return null;
      const found = await repo.sessionByTokenHash(hashToken(input.sessionToken), now);
      if (!found || !found.account.active) return null;
      if (
        input.unsafeMethod &&
        !(input.csrfHeader && sameSecret(input.csrfHeader, found.session.csrfToken))
      ) {
        throw new AppError(
          'FORBIDDEN',
          'Thiếu hoặc sai mã chống giả mạo yêu cầu (x-csrf-token). Vui lòng tải lại trang.',
        );
      }
      // Touch at most once a minute: every request writing a row would be wasteful.
      if (now.getTime() - found.session.lastSeenAt.getTime() > 60_000)
        await repo.touchSession(found.session.id, now);
      return principalFor(found.account, {
        method: found.session.method as 'password' | 'vneid',
        sessionId: found.session.id,
        csrfToken: found.session.csrfToken,
        ssoIdToken: found.session.ssoIdToken,
      });
    },

    sessionInfo(principal: Principal): SessionInfo {
      return {
        account: {
          id: principal.accountId,
          kind: principal.kind as SessionInfo['account']['kind'],
          username: principal.username,
          displayName: principal.displayName,
          assuranceLevel: principal.assuranceLevel,
        },
        method: principal.method,
        roles: principal.grants,
        memberships: principal.memberships,
        csrfToken: principal.csrfToken,
      };
    },

    /** Ends our session; for an SSO session also returns the SSO's end-session URL. */
    async logout(
      principal: Principal,
      postLogoutRedirectUri: string,
      meta: RequestMeta,
    ): Promise<LogoutResponse> {
      if (principal.sessionId) await repo.revokeSession(principal.sessionId, clock.now());
      await event('sign_out', {
        accountId: principal.accountId,
        username: principal.username,
        meta,
        details: { method: principal.method },
      });
      if (principal.method === 'vneid' && deps.vneid) {
        const redirectTo = await deps.vneid.endSessionUrl({
          idToken: principal.ssoIdToken,
          postLogoutRedirectUri,
        });
        return { redirectTo };
      }
      return { redirectTo: null };
    },

    /** Officers the caller may see: everyone province-wide, else those in the caller's agencies/units. */
    async listOfficers(principal: Principal, query: OfficerListQuery): Promise<OfficerList> {
      const tree = await agencies();
      if (query.agencyId) {
        const agencyIds = closureIn(tree, query.agencyId);
        if (!principal.ability.can('read', resource('Account', { agencyIds }))) {
          throw forbid('Bạn không có quyền xem danh sách cán bộ của cơ quan này.');
        }
      }
      const reach = reachOf(principal.ability, 'read', 'Account');
      const accounts = await repo.officers();
      const ids = accounts.map((a) => a.id);
      const [memberships, assignments, units] = await Promise.all([
        repo.membershipsOf(ids),
        repo.assignmentsOf(ids),
        unitsById(),
      ]);
      const filterAgencies = query.agencyId ? new Set(closureIn(tree, query.agencyId)) : undefined;
      const q = query.q?.toLocaleLowerCase('vi');
      const items: Officer[] = [];
      for (const account of accounts) {
        const mine = memberships.filter((m) => m.accountId === account.id);
        const visible =
          reach.all ||
          mine.some(
            (m) =>
              reach.agencyIds.has(m.agencyId) || (m.unitId !== null && reach.unitIds.has(m.unitId)),
          ) ||
          (reach.own && account.id === principal.accountId);
        if (!visible) continue;
        if (filterAgencies && !mine.some((m) => filterAgencies.has(m.agencyId))) continue;
        if (
          q &&
          !`${account.username ?? ''} ${account.displayName}`.toLocaleLowerCase('vi').includes(q)
        )
          continue;
        items.push({
          id: account.id,
          username: account.username,
          displayName: account.displayName,
          active: account.active,
          lockedUntil:
            account.lockedUntil && account.lockedUntil > clock.now()
              ? account.lockedUntil.toISOString()
              : null,
          lastSignInAt: account.lastSignInAt?.toISOString() ?? null,
          totpEnabled: account.totpSecret !== null,
          memberships: toMemberships(mine, tree),
          roles: toGrants(
            assignments
              .filter((a) => a.accountId === account.id)
              .map((a) => ({ ...a, delegatedUntil: null })),
            tree,
            units,
          ),
        });
      }
      return { total: items.length, items };
    },

    /** An administrator sets a new password; the officer's sessions end and any lock is lifted. */
    async resetPassword(
      principal: Principal,
      accountId: string,
      newPassword: string,
      meta: RequestMeta,
    ) {
      const account = await officerAccount(accountId);
      if (!principal.ability.can('update', resource('Account', await whereAccount(accountId))))
        throw forbid();
      await repo.setPassword(account.id, await hashPassword(newPassword), clock.now());
      await repo.revokeSessionsOf(account.id, clock.now());
      await event('password_reset', {
        accountId: account.id,
        actorAccountId: principal.accountId,
        username: account.username,
        meta,
      });
    },

    async setActive(principal: Principal, accountId: string, active: boolean, meta: RequestMeta) {
      const account = await officerAccount(accountId);
      if (!principal.ability.can('update', resource('Account', await whereAccount(accountId))))
        throw forbid();
      await repo.setActive(account.id, active, clock.now());
      if (!active) await repo.revokeSessionsOf(account.id, clock.now());
      if (active !== account.active) {
        await event(active ? 'account_activated' : 'account_deactivated', {
          accountId: account.id,
          actorAccountId: principal.accountId,
          username: account.username,
          meta,
        });
      }
    },

    async grantRole(
      principal: Principal,
      accountId: string,
      input: RoleAssignmentInput,
      meta: RequestMeta,
    ): Promise<RoleGrant> {
      const account = await officerAccount(accountId);
      if (input.role === 'province_admin' && input.scope !== 'province') {
        throw new AppError(
          'VALIDATION_FAILED',
          'Vai trò quản trị cấp tỉnh chỉ gán với phạm vi toàn tỉnh.',
        );
      }
      if (input.scope === 'agency' && !input.agencyId)
        throw new AppError('VALIDATION_FAILED', 'Phạm vi cơ quan cần chọn cơ quan.');
      if (input.scope === 'unit' && !input.unitId)
        throw new AppError('VALIDATION_FAILED', 'Phạm vi phòng/bộ phận cần chọn phòng/bộ phận.');
      const where = await whereAssignment(input, accountId);
      if (!principal.ability.can('create', resource('RoleAssignment', where))) throw forbid();
      const unit = input.unitId ? (await unitsById([input.unitId])).get(input.unitId) : undefined;
      if (input.unitId && !unit) throw notFound('Không tìm thấy phòng/bộ phận.');
      const row = await repo.insertAssignment({
        accountId: account.id,
        role: input.role,
        scope: input.scope,
        agencyId: input.scope === 'unit' ? (unit?.agencyId ?? null) : input.agencyId,
        unitId: input.scope === 'unit' ? input.unitId : null,
        grantedBy: principal.accountId,
        createdAt: clock.now(),
      });
      await event('role_granted', {
        accountId: account.id,
        actorAccountId: principal.accountId,
        username: account.username,
        meta,
        details: {
          assignmentId: row.id,
          role: row.role,
          scope: row.scope,
          agencyId: row.agencyId,
          unitId: row.unitId,
        },
      });
      return toGrants([{ ...row, delegatedUntil: null }], await agencies(), await unitsById())[0]!;
    },

    async revokeRole(principal: Principal, assignmentId: string, meta: RequestMeta) {
      const row = await repo.assignmentById(assignmentId);
      if (!row) throw notFound('Không tìm thấy vai trò đã gán.');
      if (
        !principal.ability.can(
          'delete',
          resource('RoleAssignment', await whereAssignment(row, row.accountId)),
        )
      ) {
        throw forbid();
      }
      await repo.deleteAssignment(row.id);
      await event('role_revoked', {
        accountId: row.accountId,
        actorAccountId: principal.accountId,
        meta,
        details: {
          assignmentId: row.id,
          role: row.role,
          scope: row.scope,
          agencyId: row.agencyId,
          unitId: row.unitId,
        },
      });
    },

    /** Ủy quyền: the leader (or an administrator over the scope) lends a leader role to a deputy. */
    async delegate(
      principal: Principal,
      input: DelegationInput,
      meta: RequestMeta,
    ): Promise<Delegation> {
      const assignment = await repo.assignmentById(input.roleAssignmentId);
      if (!assignment) throw notFound('Không tìm thấy vai trò cần ủy quyền.');
      if (assignment.role !== 'unit_leader' && assignment.role !== 'agency_leader') {
        throw new AppError(
          'VALIDATION_FAILED',
          'Chỉ ủy quyền được vai trò lãnh đạo phòng hoặc lãnh đạo cơ quan.',
        );
      }
      const where = await whereAssignment(assignment, assignment.accountId);
      const ownLeader =
        assignment.accountId === principal.accountId &&
        principal.ability.can('delegate', resource('RoleAssignment', where));
      if (!ownLeader && !principal.ability.can('create', resource('Delegation', where)))
        throw forbid();
      const deputy = await officerAccount(input.toAccountId);
      if (!deputy.active)
        throw new AppError('CONFLICT', 'Không ủy quyền cho tài khoản đã ngừng hoạt động.');
      if (deputy.id === assignment.accountId)
        throw new AppError('VALIDATION_FAILED', 'Không thể tự ủy quyền cho chính mình.');
      const row = await repo.insertDelegation({
        fromAccountId: assignment.accountId,
        toAccountId: deputy.id,
        roleAssignmentId: assignment.id,
        validFrom: new Date(input.validFrom),
        validUntil: new Date(input.validUntil),
        reason: input.reason ?? null,
        createdBy: principal.accountId,
        createdAt: clock.now(),
      });
      await event('delegation_created', {
        accountId: deputy.id,
        actorAccountId: principal.accountId,
        username: deputy.username,
        meta,
        details: {
          delegationId: row.id,
          from: assignment.accountId,
          role: assignment.role,
          validFrom: input.validFrom,
          validUntil: input.validUntil,
        },
      });
      return {
        id: row.id,
        fromAccountId: row.fromAccountId,
        toAccountId: row.toAccountId,
        roleAssignmentId: row.roleAssignmentId,
        validFrom: row.validFrom.toISOString(),
        validUntil: row.validUntil.toISOString(),
        reason: row.reason,
      };
    },

    async revokeDelegation(principal: Principal, delegationId: string, meta: RequestMeta) {
      const row = await repo.delegationById(delegationId);
      if (!row || row.revokedAt) throw notFound('Không tìm thấy ủy quyền còn hiệu lực.');
      const assignment = await repo.assignmentById(row.roleAssignmentId);
      const where = assignment ? await whereAssignment(assignment, assignment.accountId) : {};
      const own = row.fromAccountId === principal.accountId;
      if (!own && !principal.ability.can('delete', resource('Delegation', where))) throw forbid();
      await repo.revokeDelegation(row.id, clock.now());
      await event('delegation_revoked', {
        accountId: row.toAccountId,
        actorAccountId: principal.accountId,
        meta,
        details: { delegationId: row.id },
      });
    },

    /** A bearer token for a machine client (integration), shown once. */
    async createApiToken(
      principal: Principal,
      accountId: string,
      input: ApiTokenInput,
      meta: RequestMeta,
    ): Promise<ApiTokenCreated> {
      const account = await officerAccount(accountId);
      const token = `mct_${newToken()}`;
      const row = await repo.insertApiToken({
        accountId: account.id,
        name: input.name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, 10),
        createdAt: clock.now(),
        expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
      });
      await event('api_token_created', {
        accountId: account.id,
        actorAccountId: principal.accountId,
        username: account.username,
        meta,
        details: { tokenId: row.id, name: input.name, prefix: row.prefix },
      });
      return { id: row.id, prefix: row.prefix, token };
    },

    /** Units (phòng, bộ phận), optionally of one agency, for pickers. */
    async listUnits(query: { agencyId?: string | undefined }): Promise<UnitList> {
      const units = (await cachedUnits()).list;
      return {
        items: units
          .filter((u) => u.active && (!query.agencyId || u.agencyId === query.agencyId))
          .map((u) => ({ id: u.id, agencyId: u.agencyId, code: u.code, name: u.name })),
      };
    },

    /**
     * Bulk import of officer accounts (CSV or XLSX): every row is validated, checked against the
     * caller's scope and created in its own transaction, so a bad row never blocks good ones.
     * Existing usernames are skipped, which makes re-importing the same file harmless.
     */
    async importAccounts(
      principal: Principal,
      type: 'csv' | 'xlsx',
      body: Buffer,
      meta: RequestMeta,
    ): Promise<AccountImportReport> {
      const raw = await readImportFile(type, body);
      const tree = await agencies();
      const byElectronicId = new Map(
        [...tree.byId.values()].map((a) => [a.electronicId.toUpperCase(), a]),
      );
      const unitByKey = new Map(
        (await repo.units()).map((u) => [`${u.agencyId}/${u.code.toUpperCase()}`, u]),
      );
      const seen = new Map<string, number>();
      const rows: AccountImportResult[] = [];
      for (const { line, values } of raw) {
        const base = {
          line,
          username: values.username ?? null,
          displayName: values.displayName ?? null,
          accountId: null,
          initialPassword: null,
        };
        const refuse = (reason: string) => rows.push({ ...base, status: 'error', reason });
        const parsed = AccountImportRowInput.safeParse(values);
        if (!parsed.success) {
          refuse([...new Set(parsed.error.issues.map((i) => i.message))].join('; '));
          continue;
        }
        const input = parsed.data;
        base.username = input.username;
        const earlier = seen.get(input.username);
        if (earlier !== undefined) {
          refuse(`Trùng tên đăng nhập với dòng ${earlier} trong tệp.`);
          continue;
        }
        seen.set(input.username, line);
        const agency = byElectronicId.get(input.agency);
        if (!agency) {
          refuse(`Không tìm thấy cơ quan có mã định danh điện tử ${input.agency}.`);
          continue;
        }
        const agencyLabel = agency.shortName ?? agency.name;
        const unit = input.unit
          ? unitByKey.get(`${agency.id}/${input.unit.toUpperCase()}`)
          : undefined;
        if (input.unit && !unit) {
          refuse(`Không tìm thấy phòng/bộ phận mã ${input.unit} thuộc ${agencyLabel}.`);
          continue;
        }
        if (input.role === 'province_admin' && input.scope !== 'province') {
          refuse('Vai trò quản trị cấp tỉnh chỉ gán với phạm vi toàn tỉnh (province).');
          continue;
        }
        if (input.scope === 'unit' && !unit) {
          refuse('Phạm vi phòng (unit) cần mã phòng/bộ phận ở cột unit.');
          continue;
        }
        const home: ScopedResource = { agencyIds: [agency.id], unitIds: unit ? [unit.id] : [] };
        const grantWhere: ScopedResource =
          input.scope === 'province'
            ? {}
            : input.scope === 'unit'
              ? { agencyIds: [agency.id], unitIds: [unit!.id] }
              : home;
        if (!principal.ability.can('create', resource('Account', home))) {
          refuse(`Bạn không có quyền tạo tài khoản tại ${agencyLabel} (ngoài phạm vi quản trị).`);
          continue;
        }
        if (!principal.ability.can('create', resource('RoleAssignment', grantWhere))) {
          refuse(
            input.scope === 'province'
              ? 'Bạn không có quyền gán vai trò phạm vi toàn tỉnh.'
              : `Bạn không có quyền gán vai trò tại ${agencyLabel} (ngoài phạm vi quản trị).`,
          );
          continue;
        }
        if (await repo.accountByUsername(input.username)) {
          rows.push({
            ...base,
            status: 'skipped',
            reason: 'Tên đăng nhập đã tồn tại; không tạo lại.',
          });
          continue;
        }
        const password = input.password ?? generatePassword();
        const passwordHash = await hashPassword(password);
        try {
          const accountId = await deps.db.transaction(async (tx) => {
            const r = createIdentityRepository(tx);
            const now = clock.now();
            const account = await r.insertAccount({
              kind: 'officer',
              username: input.username,
              displayName: input.displayName,
              email: input.email,
              phone: input.phone,
              passwordHash,
              createdAt: now,
              updatedAt: now,
            });
            await r.insertMembership({
              accountId: account.id,
              agencyId: agency.id,
              unitId: unit?.id ?? null,
            });
            const assignment = await r.insertAssignment({
              accountId: account.id,
              role: input.role,
              scope: input.scope,
              agencyId: input.scope === 'agency' || input.scope === 'unit' ? agency.id : null,
              unitId: input.scope === 'unit' ? unit!.id : null,
              grantedBy: principal.accountId,
              createdAt: now,
            });
            const common = {
              at: now,
              accountId: account.id,
              actorAccountId: principal.accountId,
              username: account.username,
              ip: meta.ip,
            };
            await r.insertEvent({
              ...common,
              kind: 'account_created',
              details: { via: 'import', agencyId: agency.id, unitId: unit?.id ?? null },
            });
            await r.insertEvent({
              ...common,
              kind: 'role_granted',
              details: {
                assignmentId: assignment.id,
                role: assignment.role,
                scope: assignment.scope,
                agencyId: assignment.agencyId,
                unitId: assignment.unitId,
              },
            });
            return account.id;
          });
          rows.push({
            ...base,
            status: 'created',
            reason: null,
            accountId,
            initialPassword: input.password ? null : password,
          });
        } catch (error) {
          // Another import (or an administrator) took the username meanwhile.
          if (
            (error as { code?: string }).code === '23505' ||
            (error as { cause?: { code?: string } }).cause?.code === '23505'
          ) {
            rows.push({
              ...base,
              status: 'skipped',
              reason: 'Tên đăng nhập đã tồn tại; không tạo lại.',
            });
            continue;
          }
          log.error({ err: error, line }, 'account import row failed');
          refuse('Lỗi khi ghi tài khoản vào cơ sở dữ liệu; dòng này chưa được tạo.');
        }
      }
      const count = (status: AccountImportResult['status']) =>
        rows.filter((r) => r.status === status).length;
      return {
        fileType: type,
        total: rows.length,
        created: count('created'),
        skipped: count('skipped'),
        errors: count('error'),
        rows,
      };
    },

    importReportTable(report: AccountImportReport): ExportTable {
      const label = { created: 'Đã tạo', skipped: 'Bỏ qua', error: 'Lỗi' } as const;
      return {
        title: 'Kết quả nhập tài khoản cán bộ',
        subtitle: `Lập lúc ${formatTime(clock.now())} — đã tạo ${report.created}, bỏ qua ${report.skipped}, lỗi ${report.errors}. Mật khẩu ban đầu chỉ hiển thị một lần: giao riêng cho từng cán bộ.`,
        columns: [
          { key: 'line', header: 'Dòng', width: 8, align: 'center' },
          { key: 'username', header: 'Tên đăng nhập', width: 22 },
          { key: 'displayName', header: 'Họ và tên', width: 26 },
          { key: 'status', header: 'Kết quả', width: 12 },
          { key: 'reason', header: 'Lý do', width: 60 },
          { key: 'initialPassword', header: 'Mật khẩu ban đầu', width: 20 },
        ],
        rows: report.rows.map((r) => ({
          line: r.line,
          username: r.username,
          displayName: r.displayName,
          status: label[r.status],
          reason: r.reason,
          initialPassword: r.initialPassword,
        })),
        footer: {
          line: '',
          username: 'Tổng số',
          displayName: report.total,
          status: '',
          reason: '',
          initialPassword: '',
        },
      };
    },

    /** First step of the second factor: a new secret for the signed-in officer's app. */
    async totpSetup(principal: Principal): Promise<TotpSetup> {
      if (principal.kind !== 'officer' || principal.method !== 'password')
        throw new AppError(
          'FORBIDDEN',
          'Chỉ tài khoản cán bộ đăng nhập bằng mật khẩu mới bật được xác thực hai lớp.',
        );
      const secret = generateSecret({ length: 20 });
      return {
        secret,
        otpauthUri: generateURI({
          issuer: 'motcua',
          label: principal.username ?? principal.accountId,
          secret,
        }),
      };
    },

    /** Second step: the code from the app proves it holds the secret; then sign-in asks for it. */
    async totpConfirm(
      principal: Principal,
      input: { secret: string; code: string },
      meta: RequestMeta,
    ): Promise<void> {
      if (principal.kind !== 'officer' || principal.method !== 'password')
        throw new AppError(
          'FORBIDDEN',
          'Chỉ tài khoản cán bộ đăng nhập bằng mật khẩu mới bật được xác thực hai lớp.',
        );
      const now = clock.now();
      const result = await verifyTotp({
        secret: input.secret,
        token: input.code,
        epoch: Math.floor(now.getTime() / 1000),
        epochTolerance: 30,
      });
      if (!result.valid)
        throw new AppError(
          'VALIDATION_FAILED',
          'Mã xác thực không đúng. Vui lòng thử lại với mã mới.',
          {
            issues: [{ path: 'code', message: 'Mã xác thực không đúng' }],
          },
        );
      await repo.setTotpSecret(principal.accountId, input.secret, now);
      await event('totp_enabled', {
        accountId: principal.accountId,
        username: principal.username,
        meta,
      });
    },

    /** The permission audit of seed 002: accounts and roles that are wrong by construction. */
    async audit(): Promise<PermissionAudit> {
      const now = clock.now();
      const tree = await agencies();
      const units = await unitsById();
      const accounts = await repo.officers();
      const ids = accounts.map((a) => a.id);
      const [memberships, assignments] = await Promise.all([
        repo.membershipsOf(ids),
        repo.assignmentsOf(ids),
      ]);
      const findings: AuditFinding[] = [];
      const add = (kind: AuditFindingKind, account: AccountRecord, detail: string) =>
        findings.push({
          kind,
          accountId: account.id,
          username: account.username,
          displayName: account.displayName,
          detail,
        });
      for (const account of accounts) {
        const mine = memberships.filter((m) => m.accountId === account.id);
        const roles = assignments.filter((a) => a.accountId === account.id);
        if (account.active && roles.length === 0) {
          add('no_role', account, 'Tài khoản đang hoạt động nhưng chưa được gán vai trò nào.');
        }
        const inside = new Set(mine.flatMap((m) => closureIn(tree, m.agencyId)));
        for (const role of roles) {
          if (role.scope === 'province' || role.scope === 'own') continue;
          const target =
            role.scope === 'unit' ? units.get(role.unitId ?? '')?.agencyId : role.agencyId;
          const unitOk =
            role.scope !== 'unit' ||
            mine.some(
              (m) => m.unitId === role.unitId || (m.unitId === null && m.agencyId === target),
            );
          if (!target || !inside.has(target) || !unitOk) {
            const where =
              role.scope === 'unit'
                ? `phòng/bộ phận ${units.get(role.unitId ?? '')?.name ?? role.unitId}`
                : agencyName(tree, role.agencyId);
            const memberOf =
              mine.map((m) => agencyName(tree, m.agencyId)).join(', ') || 'không thuộc đơn vị nào';
            add(
              'role_outside_units',
              account,
              `Vai trò ${role.role} tại ${where}, ngoài đơn vị của tài khoản (${memberOf}).`,
            );
          }
        }
        if (!account.active && roles.length > 0) {
          add(
            'inactive_with_roles',
            account,
            `Tài khoản đã ngừng hoạt động nhưng còn ${roles.length} vai trò: ${roles.map((r) => r.role).join(', ')}.`,
          );
        }
        const lastUse = account.lastSignInAt ?? account.createdAt;
        if (account.active && now.getTime() - lastUse.getTime() > 90 * DAY_MS) {
          add(
            'unused_90_days',
            account,
            account.lastSignInAt
              ? `Không đăng nhập từ ${formatTime(account.lastSignInAt)} (quá 90 ngày).`
              : 'Chưa đăng nhập lần nào từ khi tạo (quá 90 ngày).',
          );
        }
      }
      const counts = {
        no_role: 0,
        role_outside_units: 0,
        inactive_with_roles: 0,
        unused_90_days: 0,
      };
      for (const f of findings) counts[f.kind] += 1;
      return { generatedAt: now.toISOString(), counts, findings };
    },

    auditTable(report: PermissionAudit): ExportTable {
      const label: Record<AuditFindingKind, string> = {
        no_role: 'Không có vai trò',
        role_outside_units: 'Vai trò ngoài đơn vị',
        inactive_with_roles: 'Ngừng hoạt động còn vai trò',
        unused_90_days: 'Không sử dụng 90 ngày',
      };
      return {
        title: 'Báo cáo rà soát phân quyền tài khoản',
        subtitle: `Lập lúc ${formatTime(new Date(report.generatedAt))}`,
        columns: [
          { key: 'no', header: 'STT', width: 6, align: 'center' },
          { key: 'kind', header: 'Loại vấn đề', width: 28 },
          { key: 'username', header: 'Tên đăng nhập', width: 22 },
          { key: 'displayName', header: 'Họ và tên', width: 26 },
          { key: 'detail', header: 'Chi tiết', width: 70 },
        ],
        rows: report.findings.map((f, i) => ({
          no: i + 1,
          kind: label[f.kind],
          username: f.username,
          displayName: f.displayName,
          detail: f.detail,
        })),
        footer: {
          no: '',
          kind: 'Tổng số',
          username: report.findings.length,
          displayName: '',
          detail: '',
        },
      };
    },

    async securityEvents(
      principal: Principal,
      query: SecurityEventQuery,
    ): Promise<SecurityEventList> {
      const reach = reachOf(principal.ability, 'read', 'SecurityLog');
      let rows = await repo.events({ ...query, limit: reach.all ? query.limit : 2000 });
      if (!reach.all) {
        const memberships = await repo.membershipsOf([
          ...new Set(rows.flatMap((r) => (r.accountId ? [r.accountId] : []))),
        ]);
        const visible = new Set(
          memberships
            .filter(
              (m) =>
                reach.agencyIds.has(m.agencyId) ||
                (m.unitId !== null && reach.unitIds.has(m.unitId)),
            )
            .map((m) => m.accountId),
        );
        rows = rows.filter((r) => r.accountId && visible.has(r.accountId)).slice(0, query.limit);
      }
      return {
        items: rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          kind: r.kind as SecurityEventKind,
          accountId: r.accountId,
          actorAccountId: r.actorAccountId,
          username: r.username,
          ip: r.ip,
          details: (r.details ?? {}) as Record<string, unknown>,
        })),
      };
    },

    /** Starts a VNeID/DVCQG sign-in: the browser goes to `url`, keeping `attemptKey` in a cookie. */
    async ssoStart(
      redirectUri: string,
      returnTo: string,
    ): Promise<{ url: string; attemptKey: string }> {
      if (!deps.vneid)
        throw new AppError('SERVICE_UNAVAILABLE', 'Chưa cấu hình đăng nhập bằng VNeID.');
      const auth = await deps.vneid.authorize({ redirectUri }).catch((error: unknown) => {
        log.warn({ err: error }, 'VNeID SSO discovery failed');
        throw new AppError(
          'SERVICE_UNAVAILABLE',
          'Hệ thống xác thực VNeID đang không phản hồi. Vui lòng thử lại sau.',
        );
      });
      const attemptKey = newToken();
      const now = clock.now();
      await repo.insertSsoAttempt({
        keyHash: hashToken(attemptKey),
        state: auth.state,
        nonce: auth.nonce,
        codeVerifier: auth.codeVerifier,
        returnTo,
        createdAt: now,
        expiresAt: new Date(now.getTime() + 10 * 60_000),
      });
      return { url: auth.url, attemptKey };
    },

    /** Completes the sign-in: account keyed on TechID, profile refreshed, session created. */
    async ssoFinish(
      attemptKey: string | undefined,
      callbackUrl: URL,
      redirectUri: string,
      meta: RequestMeta,
    ): Promise<{ token: string; returnTo: string }> {
      if (!deps.vneid)
        throw new AppError('SERVICE_UNAVAILABLE', 'Chưa cấu hình đăng nhập bằng VNeID.');
      const attempt = attemptKey
        ? await repo.takeSsoAttempt(hashToken(attemptKey), clock.now())
        : undefined;
      if (!attempt) {
        throw new AppError(
          'UNAUTHENTICATED',
          'Phiên đăng nhập VNeID đã hết hạn hoặc không hợp lệ. Vui lòng đăng nhập lại.',
        );
      }
      const signIn = await deps.vneid
        .finish({
          callbackUrl,
          redirectUri,
          state: attempt.state,
          nonce: attempt.nonce,
          codeVerifier: attempt.codeVerifier,
        })
        .catch(async (error: unknown) => {
          log.warn({ err: error }, 'VNeID SSO sign-in failed');
          await event('sign_in_failed', {
            meta,
            details: { method: 'vneid', reason: error instanceof Error ? error.message : 'error' },
          });
          throw new AppError(
            'UNAUTHENTICATED',
            'Đăng nhập bằng VNeID không thành công. Vui lòng thử lại.',
          );
        });
      const info = signIn.userInfo;
      const kind = info.LoaiTaiKhoan === 2 ? 'business' : 'citizen';
      const birth = info.NgayThangNamSinh
        ? `${info.NgayThangNamSinh.slice(0, 4)}-${info.NgayThangNamSinh.slice(4, 6)}-${info.NgayThangNamSinh.slice(6, 8)}`
        : null;
      const now = clock.now();
      const profile = {
        kind,
        displayName:
          kind === 'business' && info.TenDoanhNghiep ? info.TenDoanhNghiep : info.HoVaTen,
        personalId: info.SoDinhDanh ?? null,
        taxCode: info.MaSoThue ?? info.MaSoDoanhNghiep ?? null,
        birthDate: birth,
        email: info.ThuDienTu ?? null,
        phone: info.SoDienThoai ?? null,
        assuranceLevel: assuranceOf(info),
        ssoProfile: info,
        lastSignInAt: now,
        updatedAt: now,
      } as const;
      let account = await repo.accountByTechId(info.TechID);
      if (account) {
        if (!account.active)
          throw new AppError(
            'FORBIDDEN',
            'Tài khoản đã bị khóa trên hệ thống. Vui lòng liên hệ bộ phận hỗ trợ.',
          );
        account = await repo.updateAccount(account.id, profile);
      } else {
        account = await repo.insertAccount({ ...profile, techId: info.TechID, createdAt: now });
        await repo.insertAssignment({
          accountId: account.id,
          role: kind,
          scope: 'own',
          createdAt: now,
        });
      }
      const { token } = await createSession(account, 'vneid', meta, signIn.idToken);
      await event('sign_in', {
        accountId: account.id,
        meta,
        details: { method: 'vneid', assuranceLevel: profile.assuranceLevel },
      });
      return { token, returnTo: attempt.returnTo };
    },

    /** Idempotent: adds demo units and officers the database lacks; never in production. */
    async seedDemoAccounts(): Promise<{ inserted: number }> {
      if (deps.production) {
        log.info('demo accounts are never seeded in production');
        return { inserted: 0 };
      }
      if (!deps.seedDemoAccounts || !existsSync(deps.demoAccountsFile)) return { inserted: 0 };
      const data = await readDemoAccountsFile(deps.demoAccountsFile);
      const tree = await agencies();
      const byElectronicId = new Map([...tree.byId.values()].map((a) => [a.electronicId, a.id]));
      const agencyOf = (electronicId: string) => {
        const id = byElectronicId.get(electronicId);
        if (!id) throw new Error(`demo accounts: no agency with electronic ID ${electronicId}`);
        return id;
      };
      const unitIds = new Map<string, string>();
      for (const u of data.units) {
        const row = await repo.upsertUnit({
          agencyId: agencyOf(u.agency),
          code: u.code,
          name: u.name,
        });
        forgetUnits();
        unitIds.set(`${u.agency}/${u.code}`, row.id);
      }
      const unitOf = (agency: string | null, code: string | null) => {
        if (!code) return null;
        const id = agency ? unitIds.get(`${agency}/${code}`) : undefined;
        if (!id) throw new Error(`demo accounts: unknown unit ${agency}/${code}`);
        return id;
      };
      const passwordHash = await hashPassword(data.password);
      const assignmentOf = new Map<string, string>();
      const created = new Set<string>();
      for (const a of data.accounts) {
        if (await repo.accountByUsername(a.username)) continue;
        const now = clock.now();
        const account = await repo.insertAccount({
          kind: 'officer',
          username: a.username,
          displayName: a.displayName,
          passwordHash,
          active: a.active,
          lastSignInAt: a.lastSignInAt ? new Date(a.lastSignInAt) : null,
          demo: true,
          createdAt: now,
          updatedAt: now,
        });
        created.add(a.username);
        for (const m of a.memberships) {
          await repo.insertMembership({
            accountId: account.id,
            agencyId: agencyOf(m.agency),
            unitId: unitOf(m.agency, m.unit),
            position: m.position,
          });
        }
        for (const r of a.roles) {
          const row = await repo.insertAssignment({
            accountId: account.id,
            role: r.role,
            scope: r.scope,
            agencyId: r.agency ? agencyOf(r.agency) : null,
            unitId: unitOf(r.agency, r.unit),
            createdAt: now,
          });
          assignmentOf.set(`${a.username}/${r.role}`, row.id);
        }
      }
      for (const d of data.delegations) {
        if (!created.has(d.from) || !created.has(d.to)) continue;
        const assignmentId = assignmentOf.get(`${d.from}/${d.role}`);
        const to = await repo.accountByUsername(d.to);
        if (!assignmentId || !to) continue;
        const from = await repo.accountByUsername(d.from);
        await repo.insertDelegation({
          fromAccountId: from!.id,
          toAccountId: to.id,
          roleAssignmentId: assignmentId,
          validFrom: new Date(d.validFrom),
          validUntil: new Date(d.validUntil),
          reason: d.reason,
          createdAt: clock.now(),
        });
      }
      if (created.size > 0) log.info({ inserted: created.size }, 'demo accounts seeded');
      return { inserted: created.size };
    },
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
