import type {
  Delegation,
  DelegationInput,
  RoleAssignmentInput,
  RoleGrant,
} from '@motcua/contracts';
import { AppError, notFound } from '../../../platform/errors.js';
import { resource } from '../permissions.js';
import type { IdentityContext, Principal, RequestMeta } from './context.js';

/** What the security log records of a role assignment granted or revoked. */
function assignmentDetails(row: {
  id: string;
  role: string;
  scope: string;
  agencyId: string | null;
  unitId: string | null;
}) {
  return {
    assignmentId: row.id,
    role: row.role,
    scope: row.scope,
    agencyId: row.agencyId,
    unitId: row.unitId,
  };
}

export function roleAndDelegationUseCases(ctx: IdentityContext) {
  const {
    repo,
    clock,
    agencies,
    unitsById,
    event,
    toGrants,
    officerAccount,
    forbid,
    whereAssignment,
  } = ctx;
  return {
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
        details: assignmentDetails(row),
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
        details: assignmentDetails(row),
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
  };
}
