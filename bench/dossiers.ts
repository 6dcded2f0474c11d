// The dossier part of the bench (issues 6/7): a receiving officer with an API token, created with
// the identity module's own repository and route, and the requests of the intake and lookup loads.
import { randomInt, randomUUID } from 'node:crypto';
import type autocannon from 'autocannon';
import { ApiTokenCreated, AgencyListResponse, DossierView, SessionInfo } from '@motcua/contracts';
import { createIdentityRepository } from '../apps/api/src/modules/identity/identity.repository.js';
import { hashToken, newToken } from '../apps/api/src/modules/identity/tokens.js';
import { openDatabase } from '../apps/api/src/platform/db/database.js';
import { requiredComponents } from '../apps/api/src/platform/testing/components.js';
import { samplePdf } from '../apps/api/src/platform/testing/files.js';
import { browser, signInThroughSso } from '../apps/api/src/platform/testing/sso-browser.js';

/** Đăng ký giám hộ: commune level, 3 working days on every channel. */
export const DOSSIER_PROCEDURE = '1.004837';
export const RECEIVING_AGENCY = 'Trung tâm Phục vụ hành chính công Phường Trấn Biên';
const OFFICER = 'bench.tiepnhan';
const OPERATOR = 'bench.operator';
const TOKEN_TTL_MS = 3 * 60 * 60 * 1000;

export interface DossierBench {
  agencyId: string;
  /**
   * The procedure's required components (issue 15): the counter records each as received, a
   * citizen uploads each to the draft before submitting. Filled by `loadRequiredComponents`.
   */
  components: { counter: string[]; online: string[] };
  officerId: string;
  /** `Authorization: Bearer mct_…` of the receiving officer. */
  authorization: string;
  /** Citizens signed in through the simulated VNeID (signInCitizens); deleted by cleanup. */
  citizens: CitizenSession[];
  /** Deletes the bench's dossiers and accounts (tokens, roles, sessions go with the accounts). */
  cleanup(): Promise<void>;
}

export interface CitizenSession {
  accountId: string;
  /** `cookie` header value: the API's session cookies. */
  cookie: string;
  csrfToken: string;
}

async function json(response: Response, what: string): Promise<unknown> {
  if (!response.ok) {
    throw new Error(
      `${what} answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
    );
  }
  return response.json();
}

/**
 * A receiving officer of the Trấn Biên one-stop centre (receiving_officer, agency scope) with an
 * API token. Production seeds no demo accounts, so the bench makes its own: the officer and a
 * system operator (system_operator, province scope) through the identity repository, a bootstrap
 * token for the operator as an installer would, then the officer's token through the product's
 * route POST /api/admin/identity/accounts/:id/api-tokens. Both tokens expire after 3 hours.
 */
export async function prepareDossierBench(apiUrl: string, databaseUrl: string) {
  const agencies = AgencyListResponse.parse(
    await json(
      await fetch(`${apiUrl}/api/agencies?q=${encodeURIComponent(RECEIVING_AGENCY)}`),
      'GET /api/agencies',
    ),
  );
  const agency = agencies.items.find((a) => a.name === RECEIVING_AGENCY);
  if (!agency) throw new Error(`no agency named ${RECEIVING_AGENCY}`);

  const database = openDatabase(databaseUrl, { max: 2, applicationName: 'motcua-bench' });
  const repo = createIdentityRepository(database.db);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS);
  const account = async (
    username: string,
    kind: 'officer' | 'machine',
    displayName: string,
    role: 'receiving_officer' | 'system_operator',
  ) => {
    const known = await repo.accountByUsername(username);
    if (known) return known; // left by an interrupted run: its roles are already there
    const created = await repo.insertAccount({
      kind,
      username,
      displayName,
      createdAt: now,
      updatedAt: now,
    });
    if (role === 'receiving_officer') {
      await repo.insertMembership({
        accountId: created.id,
        agencyId: agency.id,
        unitId: null,
        position: 'Công chức Bộ phận Một cửa (benchmark)',
      });
    }
    await repo.insertAssignment({
      accountId: created.id,
      role,
      scope: role === 'receiving_officer' ? 'agency' : 'province',
      agencyId: role === 'receiving_officer' ? agency.id : null,
      unitId: null,
      createdAt: now,
    });
    return created;
  };
  try {
    const officer = await account(
      OFFICER,
      'officer',
      'Cán bộ tiếp nhận (benchmark)',
      'receiving_officer',
    );
    const operator = await account(OPERATOR, 'machine', 'Benchmark', 'system_operator');
    const bootstrap = `mct_${newToken()}`;
    await repo.insertApiToken({
      accountId: operator.id,
      name: 'bench bootstrap',
      tokenHash: hashToken(bootstrap),
      prefix: bootstrap.slice(0, 10),
      createdAt: now,
      expiresAt,
    });
    const created = ApiTokenCreated.parse(
      await json(
        await fetch(`${apiUrl}/api/admin/identity/accounts/${officer.id}/api-tokens`, {
          method: 'POST',
          headers: { authorization: `Bearer ${bootstrap}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'bench intake', expiresAt: expiresAt.toISOString() }),
        }),
        'POST /api/admin/identity/accounts/:id/api-tokens',
      ),
    );
    const bench: DossierBench = {
      agencyId: agency.id,
      officerId: officer.id,
      authorization: `Bearer ${created.token}`,
      citizens: [],
      components: { counter: [], online: [] },
      async cleanup() {
        const db = openDatabase(databaseUrl, { max: 1, applicationName: 'motcua-bench' });
        const citizenIds = bench.citizens.map((c) => c.accountId);
        const client = await db.pool.connect();
        try {
          // The action log refuses DELETE (migration 0011). The bench's own dossiers in the
          // bench's own database are no one's record: removed by the owner with the log's
          // triggers off for this one transaction (a superuser, as the embedded server's is).
          await client.query('BEGIN');
          await client.query('SET LOCAL session_replication_role = replica');
          await client.query(
            `WITH mine AS (
               DELETE FROM dos_action WHERE dossier_id IN (
                 SELECT dossier_id FROM dos_action WHERE seq = 1 AND actor->>'id' = ANY($1::text[]))
               RETURNING dossier_id)
             DELETE FROM dos_dossier WHERE id IN (SELECT dossier_id FROM mine)`,
            [[officer.id, ...citizenIds]],
          );
          await client.query(`DELETE FROM idn_account WHERE id = ANY($1::uuid[])`, [
            [officer.id, operator.id, ...citizenIds],
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
          await db.close();
        }
      },
    };
    return bench;
  } finally {
    await database.close();
  }
}

const GIVEN = ['Nguyễn Văn', 'Trần Thị', 'Lê Hoàng', 'Phạm Thị', 'Hoàng Văn', 'Võ Minh'];
const LAST = ['An', 'Bình', 'Cường', 'Dung', 'Em', 'Hướng', 'Khánh', 'Lan'];

/** What the procedure requires, as its public page serves it. */
export async function loadRequiredComponents(apiUrl: string, bench: DossierBench) {
  const get = async (url: string) => {
    const res = await fetch(`${apiUrl}${url}`);
    const body = await res.text();
    return { statusCode: res.status, body, json: () => JSON.parse(body) as unknown };
  };
  bench.components = {
    counter: await requiredComponents(get, DOSSIER_PROCEDURE, 'counter'),
    online: await requiredComponents(get, DOSSIER_PROCEDURE, 'online'),
  };
}

/** A counter intake, a new applicant and Idempotency-Key each time (the key is unique). */
export function intakeBody(bench: DossierBench): string {
  return JSON.stringify({
    procedureCode: DOSSIER_PROCEDURE,
    channel: 'direct',
    receivingAgencyId: bench.agencyId,
    received: bench.components.counter.map((name) => ({ name, originals: 1, copies: 0 })),
    applicant: {
      name: `${GIVEN[randomInt(GIVEN.length)]} ${LAST[randomInt(LAST.length)]}`,
      idNumber: `0751${String(randomInt(1e8)).padStart(8, '0')}`,
      phone: `09${String(randomInt(1e8)).padStart(8, '0')}`,
    },
  });
}

export function intakeRequest(bench: DossierBench): autocannon.Request {
  const headers = { 'content-type': 'application/json', authorization: bench.authorization };
  return {
    method: 'POST',
    path: '/api/officer/dossiers',
    setupRequest: (request) => ({
      ...request,
      headers: { ...headers, 'idempotency-key': randomUUID() },
      body: intakeBody(bench),
    }),
  };
}

/** `count` dossiers filed through the API (a few at a time), for the lookup load. */
export async function fileDossiers(apiUrl: string, bench: DossierBench, count: number) {
  const codes: string[] = [];
  const one = async () => {
    const response = await fetch(`${apiUrl}/api/officer/dossiers`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: bench.authorization,
        'idempotency-key': randomUUID(),
      },
      body: intakeBody(bench),
    });
    codes.push(DossierView.parse(await json(response, 'POST /api/officer/dossiers')).code);
  };
  const workers = Array.from({ length: 8 }, async () => {
    while (codes.length < count) await one();
  });
  await Promise.all(workers);
  return codes.slice(0, count);
}

/**
 * `count` distinct citizens signed in the way a browser does it: the API's VNeID start, the
 * simulated SSO's login form ("Nhập công dân khác", a new 12-digit ID each), the callback; then
 * GET /api/auth/me for the CSRF token. Distinct citizens keep the duplicate-dossier check
 * (findOpenSimilar, at most 5 codes) from answering every filing with warnings.
 */
export async function signInCitizens(apiUrl: string, bench: DossierBench, count: number) {
  const one = async (i: number): Promise<CitizenSession> => {
    const inner = browser();
    const jar = new Map<string, string>();
    const go: ReturnType<typeof browser> = async (url, init) => {
      const res = await inner(url, init);
      if (url.startsWith(apiUrl)) {
        for (const line of res.headers.getSetCookie()) {
          const [pair = ''] = line.split(';');
          const eq = pair.indexOf('=');
          const value = pair.slice(eq + 1);
          if (value === '' || /max-age=0/i.test(line)) jar.delete(pair.slice(0, eq));
          else jar.set(pair.slice(0, eq), value);
        }
      }
      return res;
    };
    await signInThroughSso(apiUrl, go, {
      pick: 'typed-citizen',
      SoDinhDanh: `0759${String(randomInt(1e8)).padStart(8, '0')}`,
      HoVaTen: `${GIVEN[i % GIVEN.length]} ${LAST[i % LAST.length]}`,
      NgayThangNamSinh: '1990-01-15',
    });
    const me = SessionInfo.parse(await json(await go(`${apiUrl}/api/auth/me`), 'GET /api/auth/me'));
    if (!me.csrfToken) throw new Error('signed-in citizen has no CSRF token');
    const session: CitizenSession = {
      accountId: me.account.id,
      cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      csrfToken: me.csrfToken,
    };
    bench.citizens.push(session);
    return session;
  };
  const sessions: CitizenSession[] = [];
  for (let i = 0; i < count; i += 8) {
    sessions.push(
      ...(await Promise.all(Array.from({ length: Math.min(8, count - i) }, (_, j) => one(i + j)))),
    );
  }
  return sessions;
}

/**
 * Online filing as a citizen's browser does it: each required component uploaded to the draft,
 * then POST /api/dossiers, which files the draft. One citizen per connection (autocannon's
 * per-connection context), so that no two connections fill the same draft at once.
 */
export function onlineRequests(
  bench: DossierBench,
  sessions: CitizenSession[],
): autocannon.Request[] {
  let next = 0;
  const sessionOf = (context: Record<string, unknown>) => {
    context['session'] ??= sessions[next++ % sessions.length];
    return context['session'] as CitizenSession;
  };
  const auth = (session: CitizenSession) => ({
    cookie: session.cookie,
    'x-csrf-token': session.csrfToken,
  });
  const uploads: autocannon.Request[] = bench.components.online.map((component) => ({
    method: 'POST',
    path: `/api/my/drafts/${DOSSIER_PROCEDURE}/files?${new URLSearchParams({ fileName: 'ban-chup.pdf', component })}`,
    setupRequest: (request, context) => ({
      ...request,
      headers: { 'content-type': 'application/octet-stream', ...auth(sessionOf(context)) },
      body: samplePdf(component),
    }),
  }));
  const submit: autocannon.Request = {
    method: 'POST',
    path: '/api/dossiers',
    setupRequest: (request, context) => ({
      ...request,
      headers: {
        'content-type': 'application/json',
        ...auth(sessionOf(context)),
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        procedureCode: DOSSIER_PROCEDURE,
        receivingAgencyId: bench.agencyId,
        contact: {
          phone: `09${String(randomInt(1e8)).padStart(8, '0')}`,
          email: null,
          address: 'Khu phố 1, phường Trấn Biên',
        },
        formData: {},
      }),
    }),
  };
  return [...uploads, submit];
}
