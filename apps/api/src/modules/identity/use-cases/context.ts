import type {
  CitizenClaims,
  Membership,
  Role,
  RoleGrant,
  SecurityEventKind,
} from '@motcua/contracts';
import type { VneidClient } from '../../../integrations/vneid-sso/index.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { Logger } from '../../../platform/logger.js';
import {
  createIdentityRepository,
  type AccountRecord,
  type HeldAssignment,
  type MembershipRecord,
  type UnitRecord,
} from '../identity.repository.js';
import { buildAbility, type AppAbility, type ScopedResource } from '../permissions.js';
import { hashToken, newToken } from '../tokens.js';

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
  /** A citizen's VNeID claims the e-forms prefill from; null for every other account. */
  claims: CitizenClaims | null;
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

export const DAY_MS = 24 * 60 * 60 * 1000;

const profileText = (profile: Record<string, unknown>, key: string): string | null => {
  const value = profile[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

/**
 * A citizen's claims as the last VNeID sign-in gave them (the account row keeps them). The
 * address is where they live now (NoiOHienNay) before the permanent residence (ThuongTru): it is
 * where a paper result or a letter reaches them.
 */
export function citizenClaimsOf(account: AccountRecord): CitizenClaims | null {
  if (account.kind !== 'citizen') return null;
  const profile =
    typeof account.ssoProfile === 'object' && account.ssoProfile !== null
      ? (account.ssoProfile as Record<string, unknown>)
      : {};
  const gender = profileText(profile, 'GioiTinh')?.toLowerCase();
  return {
    name: account.displayName,
    idNumber: account.personalId,
    birthDate: account.birthDate,
    gender: gender === 'nam' ? 'male' : gender === 'nữ' ? 'female' : null,
    address: profileText(profile, 'NoiOHienNay') ?? profileText(profile, 'ThuongTru'),
    phone: account.phone,
    email: account.email,
  };
}

export function formatTime(at: Date): string {
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(at);
}

/**
 * What every identity use case shares: the repository, the cached agency tree and units, the
 * security log, and how a principal and a session are built.
 */
export function createIdentityContext(deps: IdentityDeps) {
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
      claims: citizenClaimsOf(account),
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
    deps,
    repo,
    clock,
    log,
    agencies,
    closureIn,
    agencyName,
    cachedUnits,
    forgetUnits,
    unitsById,
    event,
    toGrants,
    toMemberships,
    principalFor,
    createSession,
    whereAccount,
    officerAccount,
    forbid,
    whereAssignment,
  };
}

export type IdentityContext = ReturnType<typeof createIdentityContext>;
