import { createMongoAbility, subject as asSubject, type MongoAbility } from '@casl/ability';
import type { Role, Scope } from '@motcua/contracts';

/**
 * The permission model in one place (no scattered if-statements): a role grants actions on
 * subjects; the scope of the assignment turns each grant into a CASL condition on the resource's
 * agencies, units or owner. Routes declare (action, subject); use cases check a concrete
 * resource or ask for the scope to filter a query.
 */
export const ACTIONS = [
  'manage',
  'read',
  'create',
  'update',
  'delete',
  'receive',
  'process',
  'approve',
  'delegate',
] as const;
export type Action = (typeof ACTIONS)[number];

export const SUBJECTS = [
  'Account',
  'RoleAssignment',
  'Delegation',
  'Unit',
  'ApiToken',
  'SecurityLog',
  'PermissionAudit',
  'Catalog',
  'Calendar',
  'Organisation',
  'Dossier',
  'Integration',
] as const;
export type SubjectName = (typeof SUBJECTS)[number];

/** Every resource is described by where it lives, so one condition language covers them all. */
export interface ScopedResource {
  agencyIds?: string[];
  unitIds?: string[];
  ownerId?: string;
}

export type AppAbility = MongoAbility<
  [Action, SubjectName | ({ __caslSubjectType__: SubjectName } & ScopedResource)]
>;

type Grant = readonly [Action, SubjectName];

/** What each role may do, before its scope narrows it. */
export const ROLE_PERMISSIONS: Record<Role, readonly Grant[]> = {
  citizen: [
    ['read', 'Dossier'],
    ['create', 'Dossier'],
  ],
  business: [
    ['read', 'Dossier'],
    ['create', 'Dossier'],
  ],
  receiving_officer: [
    ['read', 'Dossier'],
    ['receive', 'Dossier'],
  ],
  specialist: [
    ['read', 'Dossier'],
    ['process', 'Dossier'],
  ],
  unit_leader: [
    ['read', 'Dossier'],
    ['approve', 'Dossier'],
    ['read', 'Account'],
    ['delegate', 'RoleAssignment'],
  ],
  agency_leader: [
    ['read', 'Dossier'],
    ['approve', 'Dossier'],
    ['read', 'Account'],
    ['delegate', 'RoleAssignment'],
  ],
  agency_admin: [
    ['manage', 'Account'],
    ['manage', 'RoleAssignment'],
    ['manage', 'Delegation'],
    ['manage', 'Unit'],
    ['read', 'PermissionAudit'],
  ],
  province_admin: [
    ['manage', 'Account'],
    ['manage', 'RoleAssignment'],
    ['manage', 'Delegation'],
    ['manage', 'Unit'],
    ['manage', 'ApiToken'],
    ['manage', 'Catalog'],
    ['manage', 'Calendar'],
    ['manage', 'Organisation'],
    // The provincial office runs the links to the national systems (sync, reference checks).
    ['manage', 'Integration'],
    ['read', 'PermissionAudit'],
  ],
  // Read-only audit: everything about accounts and the security log, nothing writable.
  inspector: [
    ['read', 'Account'],
    ['read', 'RoleAssignment'],
    ['read', 'Delegation'],
    ['read', 'SecurityLog'],
    ['read', 'PermissionAudit'],
    ['read', 'Dossier'],
  ],
  system_operator: [
    ['manage', 'Integration'],
    ['manage', 'ApiToken'],
    ['read', 'SecurityLog'],
  ],
};

/** A role held right now, directly or through a delegation. */
export interface EffectiveGrant {
  role: Role;
  scope: Scope;
  agencyId: string | null;
  unitId: string | null;
}

export interface AbilityContext {
  accountId: string;
  grants: EffectiveGrant[];
  /** An agency and every agency under it (a ward's committee covers its one-stop centre). */
  agencyClosure(agencyId: string): string[];
}

function conditionsFor(grant: EffectiveGrant, ctx: AbilityContext): ScopedResource | null | false {
  switch (grant.scope) {
    case 'province':
      return null;
    case 'agency':
      return grant.agencyId ? { agencyIds: ctx.agencyClosure(grant.agencyId) } : false;
    case 'unit':
      return grant.unitId ? { unitIds: [grant.unitId] } : false;
    case 'own':
      return { ownerId: ctx.accountId };
  }
}

export function buildAbility(ctx: AbilityContext): AppAbility {
  const rules: Array<{ action: Action; subject: SubjectName; conditions?: object }> = [];
  for (const grant of ctx.grants) {
    const where = conditionsFor(grant, ctx);
    if (where === false) continue;
    for (const [action, subjectName] of ROLE_PERMISSIONS[grant.role]) {
      if (where === null) rules.push({ action, subject: subjectName });
      else if (where.agencyIds)
        rules.push({
          action,
          subject: subjectName,
          conditions: { agencyIds: { $in: where.agencyIds } },
        });
      else if (where.unitIds)
        rules.push({
          action,
          subject: subjectName,
          conditions: { unitIds: { $in: where.unitIds } },
        });
      else rules.push({ action, subject: subjectName, conditions: { ownerId: where.ownerId } });
    }
  }
  return createMongoAbility(rules as never) as AppAbility;
}

/** A concrete resource for `ability.can(action, resource(...))`. */
export function resource(name: SubjectName, where: ScopedResource) {
  return asSubject(name, { ...where }) as { __caslSubjectType__: SubjectName } & ScopedResource;
}

/** Where an ability lets `action` on `subject` reach: everywhere, or these agencies/units/owner. */
export type Reach =
  { all: true } | { all: false; agencyIds: Set<string>; unitIds: Set<string>; own: boolean };

/** Turns the rules into a filter for queries (list only what the caller may see). */
export function reachOf(ability: AppAbility, action: Action, subjectName: SubjectName): Reach {
  const reach = {
    all: false as const,
    agencyIds: new Set<string>(),
    unitIds: new Set<string>(),
    own: false,
  };
  for (const rule of ability.rulesFor(action, subjectName)) {
    if (rule.inverted) continue;
    const c = rule.conditions as
      { agencyIds?: { $in: string[] }; unitIds?: { $in: string[] }; ownerId?: string } | undefined;
    if (!c) return { all: true };
    for (const id of c.agencyIds?.$in ?? []) reach.agencyIds.add(id);
    for (const id of c.unitIds?.$in ?? []) reach.unitIds.add(id);
    if (c.ownerId) reach.own = true;
  }
  return reach;
}

/** Can the ability do this everywhere (province-wide), not only inside some scope? */
export function canEverywhere(
  ability: AppAbility,
  action: Action,
  subjectName: SubjectName,
): boolean {
  return reachOf(ability, action, subjectName).all;
}

/**
 * Every (action, subject) the ability grants somewhere, for the session answer: the web shows
 * only the pages the account may use. CASL's `manage` covers every action, so it is expanded.
 */
export function permissionsOf(
  ability: AppAbility,
): Array<{ action: Action; subject: SubjectName; everywhere: boolean }> {
  return SUBJECTS.flatMap((subject) =>
    ACTIONS.filter((action) => ability.can(action, subject)).map((action) => ({
      action,
      subject,
      everywhere: canEverywhere(ability, action, subject),
    })),
  );
}
