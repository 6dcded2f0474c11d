import {
  type AccountImportReport,
  type AccountImportResult,
  AccountImportRowInput,
} from '@motcua/contracts';
import type { ExportTable } from '../../../platform/exports/table-export.js';
import { generatePassword, readImportFile } from '../account-import.js';
import { createIdentityRepository } from '../identity.repository.js';
import { hashPassword } from '../passwords.js';
import { resource, type ScopedResource } from '../permissions.js';
import { formatTime, type IdentityContext, type Principal, type RequestMeta } from './context.js';

export function importAccountUseCases(ctx: IdentityContext) {
  const { deps, repo, clock, log, agencies } = ctx;
  return {
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
  };
}
