import assert from 'node:assert/strict';
import { answeredByEform, isRequiredItem, ProcedureDetail } from '@motcua/contracts';
import { samplePdf } from './files.js';

/** Any way to GET a route in a test: `server.inject`, or an officer's `as(…)`. */
type Get = (url: string) => Promise<{ statusCode: number; body: string; json(): unknown }>;

/**
 * The components a procedure requires whatever the case, by name, as its page serves them: what a
 * counter records as received, or (`online`) what a citizen uploads — there, the e-form answers
 * stand for the declaration when the procedure has one.
 */
export async function requiredComponents(
  get: Get,
  procedureCode: string,
  at: 'counter' | 'online' = 'counter',
): Promise<string[]> {
  const res = await get(`/api/procedures/${procedureCode}`);
  assert.equal(res.statusCode, 200, res.body);
  const detail = ProcedureDetail.parse(res.json());
  return detail.checklist.items
    .filter(isRequiredItem)
    .filter((i) => !(at === 'online' && detail.local.eform !== null && answeredByEform(i)))
    .map((i) => i.name);
}

/** Every required component as handed in at the counter, one original each. */
export async function receivedRequired(get: Get, procedureCode: string) {
  return (await requiredComponents(get, procedureCode)).map((name) => ({
    name,
    originals: 1,
    copies: 0,
  }));
}

/**
 * A signed-in citizen (a `browser()` of sso-browser.ts) uploads a sample PDF to the draft for
 * each component the procedure requires online, as the filing page would before submitting.
 */
export async function uploadRequiredToDraft(
  go: (url: string, init?: RequestInit) => Promise<Response>,
  base: string,
  csrfToken: string,
  procedureCode: string,
): Promise<void> {
  const get: Get = async (url) => {
    const res = await go(`${base}${url}`);
    const body = await res.text();
    return { statusCode: res.status, body, json: () => JSON.parse(body) as unknown };
  };
  for (const component of await requiredComponents(get, procedureCode, 'online')) {
    const query = new URLSearchParams({ fileName: 'ban-chup.pdf', component });
    const res = await go(`${base}/api/my/drafts/${procedureCode}/files?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': csrfToken },
      body: new Uint8Array(samplePdf(component)),
    });
    assert.equal(res.status, 201, `${component}: ${await res.text()}`);
  }
}
