import type {
  AuditFinding,
  AuditFindingKind,
  PermissionAudit,
  SecurityEventKind,
  SecurityEventList,
  SecurityEventQuery,
} from '@motcua/contracts';
import type { ExportTable } from '../../../platform/exports/table-export.js';
import type { AccountRecord } from '../identity.repository.js';
import { reachOf } from '../permissions.js';
import {
  DAY_MS,
  formatTime,
  type IdentityContext,
  type Principal,
  type RequestMeta,
} from './context.js';

export function auditUseCases(ctx: IdentityContext) {
  const { repo, clock, agencies, closureIn, agencyName, unitsById, event } = ctx;
  return {
    /** A use of the x-admin-token header: its own principal in the security log. */
    async recordAdminTokenUse(meta: RequestMeta, details: { method: string; route: string }) {
      await event('admin_token_used', { username: 'x-admin-token', meta, details });
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
  };
}
