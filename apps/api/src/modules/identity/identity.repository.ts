import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../platform/db/database.js';
import {
  idnAccount,
  idnApiToken,
  idnDelegation,
  idnMembership,
  idnRoleAssignment,
  idnSecurityEvent,
  idnSession,
  idnSignInThrottle,
  idnSsoAttempt,
  idnUnit,
} from './identity.schema.js';

export type AccountRecord = typeof idnAccount.$inferSelect;
export type SessionRecord = typeof idnSession.$inferSelect;
export type RoleAssignmentRecord = typeof idnRoleAssignment.$inferSelect;
export type MembershipRecord = typeof idnMembership.$inferSelect & { unitName: string | null };
export type SecurityEventRecord = typeof idnSecurityEvent.$inferSelect;
export type UnitRecord = typeof idnUnit.$inferSelect;

export interface HeldAssignment extends RoleAssignmentRecord {
  /** Set when held through a delegation: its end. */
  delegatedUntil: Date | null;
}

/** json_agg rows of principalRows (snake_case, timestamps as text). */
interface RawHeld {
  id: string;
  account_id: string;
  role: string;
  scope: string;
  agency_id: string | null;
  unit_id: string | null;
  granted_by: string | null;
  created_at: string;
  delegated_until: string | null;
}
interface RawMembership {
  id: string;
  account_id: string;
  agency_id: string;
  unit_id: string | null;
  position: string | null;
  created_at: string;
  unit_name: string | null;
}

export function createIdentityRepository(db: DbExecutor) {
  return {
    async accountByUsername(username: string) {
      const rows = await db
        .select()
        .from(idnAccount)
        .where(sql`lower(${idnAccount.username}) = lower(${username})`);
      return rows[0];
    },

    async accountById(id: string) {
      const rows = await db.select().from(idnAccount).where(eq(idnAccount.id, id));
      return rows[0];
    },

    async accountByTechId(techId: string) {
      const rows = await db.select().from(idnAccount).where(eq(idnAccount.techId, techId));
      return rows[0];
    },

    /**
     * Counts a failure on the account from any source, atomically; beyond `backoffFrom` failures
     * each one closes the account for 1, 2, 4, … seconds, at most `capSeconds`.
     */
    async recordAccountFailure(id: string, at: Date, backoffFrom: number, capSeconds: number) {
      const rows = await db
        .update(idnAccount)
        .set({
          failedAttempts: sql`${idnAccount.failedAttempts} + 1`,
          lockedUntil: sql`CASE WHEN ${idnAccount.failedAttempts} + 1 > ${backoffFrom}
            THEN ${at.toISOString()}::timestamptz + make_interval(secs => least(
              power(2, ${idnAccount.failedAttempts} - ${backoffFrom}), ${capSeconds})::float8)
            ELSE ${idnAccount.lockedUntil} END`,
        })
        .where(eq(idnAccount.id, id))
        .returning({
          failedAttempts: idnAccount.failedAttempts,
          lockedUntil: idnAccount.lockedUntil,
        });
      return rows[0]!;
    },

    /** The locks in force for this source, as a whole and together with this account. */
    async signInLocks(source: string, accountId: string | null, at: Date) {
      const rows = await db
        .select({ accountId: idnSignInThrottle.accountId })
        .from(idnSignInThrottle)
        .where(
          and(
            eq(idnSignInThrottle.source, source),
            accountId
              ? or(isNull(idnSignInThrottle.accountId), eq(idnSignInThrottle.accountId, accountId))
              : isNull(idnSignInThrottle.accountId),
            gt(idnSignInThrottle.lockedUntil, at),
          ),
        );
      return {
        source: rows.some((r) => r.accountId === null),
        pair: rows.some((r) => r.accountId !== null),
      };
    },

    /**
     * Counts a failure of `source` (with `accountId`, of that pair) within a window of `windowMs`,
     * atomically; the row locks for `lockMs` when the count reaches `threshold`. Rows whose window
     * and lock have passed are dropped on the way, which keeps the table to recent sources.
     */
    async recordSignInFailure(input: {
      source: string;
      accountId: string | null;
      at: Date;
      windowMs: number;
      threshold: number;
      lockMs: number;
    }) {
      const at = input.at.toISOString();
      const windowFloor = new Date(input.at.getTime() - input.windowMs).toISOString();
      const lockUntil = new Date(input.at.getTime() + input.lockMs).toISOString();
      await db
        .delete(idnSignInThrottle)
        .where(
          and(
            lte(idnSignInThrottle.windowStart, new Date(windowFloor)),
            or(isNull(idnSignInThrottle.lockedUntil), lte(idnSignInThrottle.lockedUntil, input.at)),
          ),
        );
      const t = idnSignInThrottle;
      const restart = sql`${t.windowStart} <= ${windowFloor}::timestamptz`;
      const count = sql`CASE WHEN ${restart} THEN 1 ELSE ${t.failures} + 1 END`;
      const rows = await db
        .insert(t)
        .values({
          source: input.source,
          accountId: input.accountId,
          failures: 1,
          windowStart: input.at,
          lockedUntil: input.threshold <= 1 ? new Date(lockUntil) : null,
        })
        .onConflictDoUpdate({
          target: [t.source, t.accountId],
          set: {
            failures: count,
            windowStart: sql`CASE WHEN ${restart} THEN ${at}::timestamptz ELSE ${t.windowStart} END`,
            lockedUntil: sql`CASE WHEN ${count} >= ${input.threshold} THEN ${lockUntil}::timestamptz ELSE ${t.lockedUntil} END`,
          },
        })
        .returning({ failures: t.failures, lockedUntil: t.lockedUntil });
      return rows[0]!;
    },

    /** A success from a source forgets that pair's failures. */
    async clearSignInFailures(source: string, accountId: string) {
      await db
        .delete(idnSignInThrottle)
        .where(
          and(eq(idnSignInThrottle.source, source), eq(idnSignInThrottle.accountId, accountId)),
        );
    },

    async recordSuccess(id: string, at: Date) {
      await db
        .update(idnAccount)
        .set({ failedAttempts: 0, lockedUntil: null, lastSignInAt: at })
        .where(eq(idnAccount.id, id));
    },

    /** A new password lifts every lock on the account, from every source. */
    async setPassword(id: string, passwordHash: string, at: Date) {
      await db
        .update(idnAccount)
        .set({ passwordHash, failedAttempts: 0, lockedUntil: null, updatedAt: at })
        .where(eq(idnAccount.id, id));
      await db.delete(idnSignInThrottle).where(eq(idnSignInThrottle.accountId, id));
    },

    async setTotpSecret(id: string, totpSecret: string | null, at: Date) {
      await db.update(idnAccount).set({ totpSecret, updatedAt: at }).where(eq(idnAccount.id, id));
    },

    async setActive(id: string, active: boolean, at: Date) {
      await db.update(idnAccount).set({ active, updatedAt: at }).where(eq(idnAccount.id, id));
    },

    async insertAccount(values: typeof idnAccount.$inferInsert) {
      const rows = await db.insert(idnAccount).values(values).returning();
      return rows[0]!;
    },

    async updateAccount(id: string, values: Partial<typeof idnAccount.$inferInsert>) {
      const rows = await db.update(idnAccount).set(values).where(eq(idnAccount.id, id)).returning();
      return rows[0]!;
    },

    async insertSession(values: typeof idnSession.$inferInsert) {
      const rows = await db.insert(idnSession).values(values).returning();
      return rows[0]!;
    },

    /** A live session and its account. */
    async sessionByTokenHash(tokenHash: string, now: Date) {
      const rows = await db
        .select({ session: idnSession, account: idnAccount })
        .from(idnSession)
        .innerJoin(idnAccount, eq(idnAccount.id, idnSession.accountId))
        .where(
          and(
            eq(idnSession.tokenHash, tokenHash),
            isNull(idnSession.revokedAt),
            gt(idnSession.expiresAt, now),
          ),
        );
      return rows[0];
    },

    async touchSession(id: string, at: Date) {
      await db.update(idnSession).set({ lastSeenAt: at }).where(eq(idnSession.id, id));
    },

    async revokeSession(id: string, at: Date) {
      await db.update(idnSession).set({ revokedAt: at }).where(eq(idnSession.id, id));
    },

    async revokeSessionsOf(accountId: string, at: Date) {
      await db
        .update(idnSession)
        .set({ revokedAt: at })
        .where(and(eq(idnSession.accountId, accountId), isNull(idnSession.revokedAt)));
    },

    async insertApiToken(values: typeof idnApiToken.$inferInsert) {
      const rows = await db.insert(idnApiToken).values(values).returning();
      return rows[0]!;
    },

    async apiTokenByHash(tokenHash: string, now: Date) {
      const rows = await db
        .select({ token: idnApiToken, account: idnAccount })
        .from(idnApiToken)
        .innerJoin(idnAccount, eq(idnAccount.id, idnApiToken.accountId))
        .where(
          and(
            eq(idnApiToken.tokenHash, tokenHash),
            isNull(idnApiToken.revokedAt),
            sql`(${idnApiToken.expiresAt} IS NULL OR ${idnApiToken.expiresAt} > ${now.toISOString()}::timestamptz)`,
          ),
        );
      const row = rows[0];
      // Like sessions, record use at most once a minute: a busy integration sending every
      // request with one token would otherwise queue all its connections on this one row.
      const last = row?.token.lastUsedAt?.getTime() ?? 0;
      if (row && now.getTime() - last >= 60_000)
        await db
          .update(idnApiToken)
          .set({ lastUsedAt: now })
          .where(eq(idnApiToken.id, row.token.id));
      return row;
    },

    /**
     * What a request's principal needs, in one round trip: the roles held now (own first, by
     * creation, then those delegated to it and valid at `now`) and the memberships. Every
     * authenticated request asks this; as three statements (own, delegated, memberships) it was
     * three round trips and three query builds per request (bench 2026-12-03 profile).
     */
    async principalRows(
      accountId: string,
      now: Date,
    ): Promise<{ held: HeldAssignment[]; memberships: MembershipRecord[] }> {
      const at = now.toISOString();
      const result = await db.execute<{
        held: RawHeld[] | null;
        memberships: RawMembership[] | null;
      }>(sql`
        SELECT
          (SELECT json_agg(h ORDER BY h.own DESC, h.created_at, h.id) FROM (
             SELECT ra.id, ra.account_id, ra.role, ra.scope, ra.agency_id, ra.unit_id, ra.granted_by,
                    ra.created_at, NULL::timestamptz AS delegated_until, true AS own
               FROM idn_role_assignment ra
              WHERE ra.account_id = ${accountId}
             UNION ALL
             SELECT ra.id, ra.account_id, ra.role, ra.scope, ra.agency_id, ra.unit_id, ra.granted_by,
                    ra.created_at, d.valid_until, false
               FROM idn_delegation d
               JOIN idn_role_assignment ra ON ra.id = d.role_assignment_id
               JOIN idn_account lender ON lender.id = d.from_account_id
              WHERE d.to_account_id = ${accountId}
                AND d.revoked_at IS NULL
                AND d.valid_from <= ${at}::timestamptz
                AND d.valid_until > ${at}::timestamptz
                -- A deactivated leader cannot lend what they no longer hold.
                AND lender.active
           ) h) AS held,
          (SELECT json_agg(m) FROM (
             SELECT m.id, m.account_id, m.agency_id, m.unit_id, m.position, m.created_at,
                    u.name AS unit_name
               FROM idn_membership m LEFT JOIN idn_unit u ON u.id = m.unit_id
              WHERE m.account_id = ${accountId}
           ) m) AS memberships`);
      const row = result.rows[0];
      return {
        held: (row?.held ?? []).map((h) => ({
          id: h.id,
          accountId: h.account_id,
          role: h.role,
          scope: h.scope,
          agencyId: h.agency_id,
          unitId: h.unit_id,
          grantedBy: h.granted_by,
          createdAt: new Date(h.created_at),
          delegatedUntil: h.delegated_until === null ? null : new Date(h.delegated_until),
        })),
        memberships: (row?.memberships ?? []).map((m) => ({
          id: m.id,
          accountId: m.account_id,
          agencyId: m.agency_id,
          unitId: m.unit_id,
          position: m.position,
          createdAt: new Date(m.created_at),
          unitName: m.unit_name,
        })),
      };
    },

    async assignmentsOf(accountIds: string[]) {
      if (accountIds.length === 0) return [];
      return db
        .select()
        .from(idnRoleAssignment)
        .where(inArray(idnRoleAssignment.accountId, accountIds));
    },

    async assignmentById(id: string) {
      const rows = await db.select().from(idnRoleAssignment).where(eq(idnRoleAssignment.id, id));
      return rows[0];
    },

    async insertAssignment(values: typeof idnRoleAssignment.$inferInsert) {
      const rows = await db.insert(idnRoleAssignment).values(values).returning();
      return rows[0]!;
    },

    async deleteAssignment(id: string) {
      await db.delete(idnRoleAssignment).where(eq(idnRoleAssignment.id, id));
    },

    async insertDelegation(values: typeof idnDelegation.$inferInsert) {
      const rows = await db.insert(idnDelegation).values(values).returning();
      return rows[0]!;
    },

    async delegationById(id: string) {
      const rows = await db.select().from(idnDelegation).where(eq(idnDelegation.id, id));
      return rows[0];
    },

    async revokeDelegation(id: string, at: Date) {
      await db.update(idnDelegation).set({ revokedAt: at }).where(eq(idnDelegation.id, id));
    },

    async membershipsOf(accountIds: string[]): Promise<MembershipRecord[]> {
      if (accountIds.length === 0) return [];
      const rows = await db
        .select({ m: idnMembership, unitName: idnUnit.name })
        .from(idnMembership)
        .leftJoin(idnUnit, eq(idnUnit.id, idnMembership.unitId))
        .where(inArray(idnMembership.accountId, accountIds));
      return rows.map((r) => ({ ...r.m, unitName: r.unitName }));
    },

    async insertMembership(values: typeof idnMembership.$inferInsert) {
      await db.insert(idnMembership).values(values).onConflictDoNothing();
    },

    async officers() {
      return db
        .select()
        .from(idnAccount)
        .where(eq(idnAccount.kind, 'officer'))
        .orderBy(asc(idnAccount.username));
    },

    async units() {
      return db.select().from(idnUnit).orderBy(asc(idnUnit.name));
    },

    async upsertUnit(values: { agencyId: string; code: string; name: string }) {
      const rows = await db
        .insert(idnUnit)
        .values(values)
        .onConflictDoUpdate({
          target: [idnUnit.agencyId, idnUnit.code],
          set: { code: values.code },
        })
        .returning();
      return rows[0]!;
    },

    async insertEvent(values: typeof idnSecurityEvent.$inferInsert) {
      await db.insert(idnSecurityEvent).values(values);
    },

    async events(filter: { kind?: string; accountId?: string; limit: number }) {
      return db
        .select()
        .from(idnSecurityEvent)
        .where(
          and(
            filter.kind ? eq(idnSecurityEvent.kind, filter.kind) : undefined,
            filter.accountId ? eq(idnSecurityEvent.accountId, filter.accountId) : undefined,
          ),
        )
        .orderBy(desc(idnSecurityEvent.at), desc(idnSecurityEvent.id))
        .limit(filter.limit);
    },

    async insertSsoAttempt(values: typeof idnSsoAttempt.$inferInsert) {
      await db.insert(idnSsoAttempt).values(values);
    },

    /** One-shot: an attempt is consumed by its callback, so a replayed callback fails. */
    async takeSsoAttempt(keyHash: string, now: Date) {
      await db.delete(idnSsoAttempt).where(lte(idnSsoAttempt.expiresAt, now));
      const rows = await db
        .delete(idnSsoAttempt)
        .where(eq(idnSsoAttempt.keyHash, keyHash))
        .returning();
      return rows[0];
    },
  };
}

export type IdentityRepository = ReturnType<typeof createIdentityRepository>;
