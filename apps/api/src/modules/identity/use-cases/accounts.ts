import type { Officer, OfficerList, OfficerListQuery, UnitList } from '@motcua/contracts';
import { hashPassword } from '../passwords.js';
import { reachOf, resource } from '../permissions.js';
import type { IdentityContext, Principal, RequestMeta } from './context.js';

export function accountUseCases(ctx: IdentityContext) {
  const {
    repo,
    clock,
    agencies,
    closureIn,
    cachedUnits,
    unitsById,
    event,
    toGrants,
    toMemberships,
    whereAccount,
    officerAccount,
    forbid,
  } = ctx;
  return {
    /**
     * An officer's name and work phone, as the forms print them for the applicant to call
     * (form 02: "liên hệ … số điện thoại …"); nothing else about the account.
     */
    async officerContact(
      accountId: string,
    ): Promise<{ name: string; phone: string | null } | undefined> {
      // Actors of seeded or system actions are not account ids.
      if (!/^[0-9a-f-]{36}$/i.test(accountId)) return undefined;
      const account = await repo.accountById(accountId);
      if (!account || account.kind !== 'officer') return undefined;
      return { name: account.displayName, phone: account.phone };
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

    /** Units (phòng, bộ phận), optionally of one agency, for pickers. */
    async listUnits(query: { agencyId?: string | undefined }): Promise<UnitList> {
      const units = (await cachedUnits()).list;
      return {
        items: units
          .filter((u) => u.active && (!query.agencyId || u.agencyId === query.agencyId))
          .map((u) => ({ id: u.id, agencyId: u.agencyId, code: u.code, name: u.name })),
      };
    },
  };
}
