import { existsSync } from 'node:fs';
import { readDemoAccountsFile } from '../identity-data.js';
import { hashPassword } from '../passwords.js';
import type { IdentityContext } from './context.js';

export function demoAccountUseCases(ctx: IdentityContext) {
  const { deps, repo, clock, log, agencies, forgetUnits } = ctx;
  return {
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
          phone: a.phone,
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

    /**
     * The demo citizen (the VNeID simulator's first test person), found or created as their
     * first VNeID sign-in would, so that demo data can be filed in their name and they find it
     * under "Hồ sơ của tôi" (the dossier waiting for its fee, issue 17). Never in production.
     */
    async demoCitizen(person: {
      techId: string;
      name: string;
      idNumber: string;
      phone: string | null;
    }): Promise<{
      accountId: string;
      name: string;
      idNumber: string;
      phone: string | null;
    } | null> {
      if (deps.production || !deps.seedDemoAccounts) return null;
      let account = await repo.accountByTechId(person.techId);
      if (!account) {
        const now = clock.now();
        account = await repo.insertAccount({
          kind: 'citizen',
          techId: person.techId,
          displayName: person.name,
          personalId: person.idNumber,
          phone: person.phone,
          demo: true,
          createdAt: now,
          updatedAt: now,
        });
        await repo.insertAssignment({
          accountId: account.id,
          role: 'citizen',
          scope: 'own',
          createdAt: now,
        });
      }
      return {
        accountId: account.id,
        name: person.name,
        idNumber: person.idNumber,
        phone: person.phone,
      };
    },
  };
}
