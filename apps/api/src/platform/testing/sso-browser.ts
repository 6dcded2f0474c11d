import assert from 'node:assert/strict';

/** A tiny browser: one cookie jar per host, redirects followed by hand so each hop is visible. */
export function browser() {
  const jars = new Map<string, Map<string, string>>();
  return async function go(url: string, init: RequestInit = {}): Promise<Response> {
    const host = new URL(url).host;
    const jar = jars.get(host) ?? new Map<string, string>();
    jars.set(host, jar);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };
}

/** Signs a test citizen in through the simulated VNeID, as a browser would; returns the last hop. */
export async function signInThroughSso(
  base: string,
  go: ReturnType<typeof browser>,
  pick: Record<string, string>,
) {
  let res = await go(`${base}/api/auth/vneid/start?returnTo=/ho-so-cua-toi`);
  assert.equal(res.status, 302);
  let location = res.headers.get('location')!;
  assert.match(location, /\/oauth2\/authorize\?/);
  assert.match(location, /code_challenge_method=S256/);
  assert.match(location, /acr_values=LoA1/);
  res = await go(location);
  location = new URL(res.headers.get('location')!, location).href;
  assert.match(location, /\/interaction\//);
  const form = await go(location);
  assert.equal(form.status, 200);
  assert.match(await form.text(), /Nguyễn Văn An/);
  res = await go(`${location}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(pick).toString(),
  });
  // Provider hops (resume the authorization) until it sends the browser back to us.
  for (let hops = 0; hops < 5 && !location.startsWith(base); hops++) {
    location = new URL(res.headers.get('location')!, location).href;
    if (!location.startsWith(base)) res = await go(location);
  }
  assert.match(location, /\/api\/auth\/vneid\/callback\?code=/);
  res = await go(location);
  assert.equal(res.status, 302, await res.clone().text());
  return res;
}
