// The role × route matrix (issue 5): every /api/admin route, found in the OpenAPI document so that
// none is forgotten, called by a signed-in account of every role. Allowed means the guard let the
// request through (the handler then answers 2xx, 400 or 404); denied means 401/403.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Role } from '@motcua/contracts';
import { signInOfficer } from '../../platform/testing/sign-in.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

const PASSWORD = 'Demo@motcua2026';
const ROLES: Role[] = [
  'citizen',
  'business',
  'receiving_officer',
  'specialist',
  'unit_leader',
  'agency_leader',
  'agency_admin',
  'province_admin',
  'inspector',
  'system_operator',
];
const ACCOUNT_ADMINS: Role[] = ['agency_admin', 'province_admin'];
const LEADERS_AND_ADMINS: Role[] = [
  'unit_leader',
  'agency_leader',
  'agency_admin',
  'province_admin',
];

/** Declared expectations; an /api/admin route not listed is an administration route of another module (catalog, calendar, …): province administrators only. */
const EXPECTED: Record<string, Role[]> = {
  'GET /api/admin/identity/officers': [
    'unit_leader',
    'agency_leader',
    'agency_admin',
    'province_admin',
    'inspector',
  ],
  'GET /api/admin/identity/units': [
    'unit_leader',
    'agency_leader',
    'agency_admin',
    'province_admin',
    'inspector',
  ],
  'POST /api/admin/identity/accounts/import': ACCOUNT_ADMINS,
  'POST /api/admin/identity/accounts/import/report': ACCOUNT_ADMINS,
  'POST /api/admin/identity/accounts/{id}/password': ACCOUNT_ADMINS,
  'POST /api/admin/identity/accounts/{id}/active': ACCOUNT_ADMINS,
  'POST /api/admin/identity/accounts/{id}/roles': ACCOUNT_ADMINS,
  'DELETE /api/admin/identity/roles/{id}': ACCOUNT_ADMINS,
  'POST /api/admin/identity/delegations': LEADERS_AND_ADMINS,
  'DELETE /api/admin/identity/delegations/{id}': LEADERS_AND_ADMINS,
  'POST /api/admin/identity/accounts/{id}/api-tokens': ['province_admin', 'system_operator'],
  'GET /api/admin/identity/audit': ['agency_admin', 'province_admin', 'inspector'],
  'GET /api/admin/identity/security-log': ['inspector', 'system_operator'],
  // The national sync's state: the provincial office and the operator who runs the systems.
  'GET /api/admin/sync/summary': ['province_admin', 'system_operator'],
  'GET /api/admin/sync/problems': ['province_admin', 'system_operator'],
  'POST /api/admin/sync/resend': ['province_admin', 'system_operator'],
  // Reconciliation and the error-dossier report belong to the same watch (issue 16, items 3–4).
  'POST /api/admin/sync/reconciliations': ['province_admin', 'system_operator'],
  'GET /api/admin/sync/reconciliations': ['province_admin', 'system_operator'],
  'GET /api/admin/sync/reconciliations/{id}': ['province_admin', 'system_operator'],
  'GET /api/admin/sync/reconciliations/{id}/export': ['province_admin', 'system_operator'],
  'POST /api/admin/sync/mismatches/{id}/resend': ['province_admin', 'system_operator'],
  'GET /api/admin/sync/incidents': ['province_admin', 'system_operator'],
  'GET /api/admin/sync/incidents/export': ['province_admin', 'system_operator'],
  'GET /api/admin/sync/incidents/{id}/evidence': ['province_admin', 'system_operator'],
  // The ministries' systems are integrations too (issue 16, item 5).
  'POST /api/admin/ministry-ingest/run': ['province_admin', 'system_operator'],
  'GET /api/admin/ministry-ingest/summary': ['province_admin', 'system_operator'],
  // Fee schedules are the catalogue's local configuration (issue 17): province administrators.
  'GET /api/admin/fee-schedules': ['province_admin'],
  'POST /api/admin/fee-schedules': ['province_admin'],
  'GET /api/admin/fee-schedules/review': ['province_admin'],
  // Payments' reconciliation and refunds: the provincial office; the settlement report also an
  // agency's administrators, for their agencies (issue 17 items 6–7).
  'POST /api/admin/payments/reconciliations': ['province_admin'],
  'GET /api/admin/payments/reconciliations': ['province_admin'],
  'GET /api/admin/payments/reconciliations/{id}': ['province_admin'],
  'GET /api/admin/payments/mismatches': ['province_admin'],
  'POST /api/admin/payments/mismatches/{id}/resolve': ['province_admin'],
  'GET /api/admin/payments/refunds': ['province_admin'],
  'GET /api/admin/payments/settlement': ACCOUNT_ADMINS,
  // A proposal read from the public national record, for whoever reviews a checklist.
  'GET /api/admin/procedures/{code}/checklist-proposal': ROLES.filter(
    (r) => r !== 'citizen' && r !== 'business',
  ),
};
const DEFAULT_ALLOWED: Role[] = ['province_admin'];

/** A demo officer per role (data/identity/demo-accounts.json); citizens and businesses are made here. */
const OFFICER_OF: Partial<Record<Role, string>> = {
  receiving_officer: 'stp.tiepnhan',
  specialist: 'stp.chuyenvien',
  unit_leader: 'stp.truongphong',
  agency_leader: 'stp.giamdoc',
  agency_admin: 'stp.quantri',
  province_admin: 'qt.tinh',
  inspector: 'thanhtra.tinh',
  system_operator: 'vanhanh',
};

let t: TestApp;
const sessions = new Map<Role, { cookie: string; csrf: string }>();

before(async () => {
  t = await createTestApp();
  for (const role of ROLES) {
    const username = OFFICER_OF[role];
    if (username) {
      const { cookie, csrf } = await signInOfficer(t.app.server, username, PASSWORD);
      sessions.set(role, { cookie, csrf });
    } else {
      // Citizens and businesses sign in through the SSO; a session row stands in for it here.
      const pool = t.db.database.pool;
      const account = await pool.query(
        `INSERT INTO idn_account (kind, display_name, tech_id) VALUES ($1, $2, $3) RETURNING id`,
        [role, `Thử ${role}`, randomUUID()],
      );
      const id = account.rows[0].id as string;
      await pool.query(
        `INSERT INTO idn_role_assignment (account_id, role, scope) VALUES ($1, $2, 'own')`,
        [id, role],
      );
      const token = randomUUID();
      await pool.query(
        `INSERT INTO idn_session (token_hash, account_id, method, csrf_token, expires_at)
         VALUES ($1, $2, 'vneid', 'csrf-matrix', now() + interval '1 hour')`,
        [createHash('sha256').update(token).digest('hex'), id],
      );
      sessions.set(role, { cookie: `motcua_session=${token}`, csrf: 'csrf-matrix' });
    }
  }
});
after(async () => {
  await t.close();
});

function sample(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'id') return randomUUID();
    if (name === 'date') return '2026-12-01';
    if (name === 'year') return '2026';
    if (name === 'code') return '1.000001';
    return 'x';
  });
}

test('every /api/admin route × every role is allowed or denied as declared', async () => {
  const doc = (await t.app.server.inject('/api/openapi.json')).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  const routes = Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/api/admin/'))
    .flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })),
    );
  assert.ok(routes.length >= Object.keys(EXPECTED).length);
  for (const key of Object.keys(EXPECTED)) {
    assert.ok(
      routes.some((r) => `${r.method} ${r.path}` === key),
      `declared route ${key} exists`,
    );
  }
  const mismatches: string[] = [];
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    const allowed = new Set(EXPECTED[key] ?? DEFAULT_ALLOWED);
    const write = route.method !== 'GET';
    const anonymous = await t.app.server.inject({
      method: route.method as 'GET',
      url: sample(route.path),
      ...(write && route.method !== 'DELETE' ? { payload: {} } : {}),
    });
    if (anonymous.statusCode !== 401) mismatches.push(`${key} anonymous → ${anonymous.statusCode}`);
    for (const role of ROLES) {
      const s = sessions.get(role)!;
      const res = await t.app.server.inject({
        method: route.method as 'GET',
        url: sample(route.path),
        headers: { cookie: s.cookie, ...(write ? { 'x-csrf-token': s.csrf } : {}) },
        ...(write && route.method !== 'DELETE' ? { payload: {} } : {}),
      });
      const granted = res.statusCode !== 401 && res.statusCode !== 403;
      if (granted !== allowed.has(role)) {
        mismatches.push(
          `${key} as ${role} → ${res.statusCode} (expected ${allowed.has(role) ? 'allowed' : 'denied'})`,
        );
      }
    }
  }
  assert.deepEqual(mismatches, []);
});
