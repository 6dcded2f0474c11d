import type { ParseKeys } from 'i18next';
import type { Access } from '../../features/identity/access';
import { paths } from '../paths';

/** A page behind the sign-in, offered in the navigation and on the overview pages to those who may use it. */
export interface Section {
  to: string;
  /** i18n key of its name. */
  label: ParseKeys;
  /** i18n key of one line saying what it is for (the administration overview's tiles). */
  body?: ParseKeys;
  allowed(access: Access): boolean;
}

const catalogAdmin = (a: Access) => a.can('manage', 'Catalog', { everywhere: true });

/**
 * Each page's condition mirrors the guard of the API it calls (apps/api/src/app.ts and the
 * identity routes), so nobody is sent to a page that answers "Bạn không có quyền…".
 */
export const ACCOUNT_SECTIONS: Section[] = [
  {
    to: paths.myDossiers,
    label: 'myDossiers.title',
    allowed: (a) => a.kind === 'citizen' || a.kind === 'business',
  },
];

export const OFFICER_SECTIONS: Section[] = [
  {
    to: paths.officer,
    label: 'nav.officerWorkspace',
    allowed: (a) => a.kind === 'officer' && a.can('read', 'Dossier'),
  },
  { to: paths.intake, label: 'intake.title', allowed: (a) => a.can('receive', 'Dossier') },
  // Read-only; the API answers officers for their own agencies (ministry-ingest routes).
  {
    to: '/can-bo/ho-so-bo-nganh',
    label: 'ministry.nav',
    allowed: (a) => a.kind === 'officer' && a.can('read', 'Dossier'),
  },
];

export const ADMIN_SECTIONS: Section[] = [
  {
    to: paths.agencies,
    label: 'nav.agencies',
    body: 'admin.agencies.body',
    allowed: (a) => a.can('manage', 'Organisation', { everywhere: true }),
  },
  {
    to: paths.proceduresAdmin,
    label: 'nav.proceduresAdmin',
    body: 'catalogAdmin.intro',
    allowed: catalogAdmin,
  },
  { to: paths.review, label: 'nav.review', body: 'review.intro', allowed: catalogAdmin },
  {
    to: paths.calendar,
    label: 'nav.calendar',
    body: 'admin.calendarBody',
    allowed: (a) => a.can('manage', 'Calendar', { everywhere: true }),
  },
  {
    to: paths.processes,
    label: 'nav.processes',
    body: 'admin.processesBody',
    allowed: catalogAdmin,
  },
  {
    to: paths.accounts,
    label: 'identity.accountsTitle',
    body: 'admin.accountsBody',
    allowed: (a) => a.can('read', 'Account'),
  },
  {
    to: paths.permissionAudit,
    label: 'nav.permissionAudit',
    body: 'admin.auditBody',
    allowed: (a) => a.can('read', 'PermissionAudit'),
  },
  {
    to: paths.securityLog,
    label: 'nav.securityLog',
    body: 'admin.securityLogBody',
    allowed: (a) => a.can('read', 'SecurityLog'),
  },
  {
    to: paths.sync,
    label: 'nav.sync',
    body: 'sync.adminBody',
    allowed: (a) => a.can('manage', 'Integration', { everywhere: true }),
  },
  // Fee schedules belong to the catalogue's administrators (the fees routes' guard).
  {
    to: paths.fees,
    label: 'payments.fees.title',
    body: 'payments.fees.adminBody',
    allowed: catalogAdmin,
  },
  // Reconciliation and refunds: the province administrator; the settlement report also an
  // agency's administrators for their agencies (the payments admin routes' guards).
  {
    to: paths.payments,
    label: 'payments.admin.title',
    body: 'payments.admin.adminBody',
    allowed: (a) =>
      a.can('manage', 'Organisation', { everywhere: true }) || a.can('manage', 'Account'),
  },
  {
    to: paths.system,
    label: 'nav.system',
    body: 'admin.system.body',
    allowed: (a) => a.can('manage', 'Integration'),
  },
];

export function allowedSections(sections: Section[], access: Access): Section[] {
  return sections.filter((s) => s.allowed(access));
}
