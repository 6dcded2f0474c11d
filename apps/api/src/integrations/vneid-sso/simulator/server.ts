/**
 * A stand-in for the national SSO (SSO DVCQG / VNeID): a real OpenID Connect provider
 * (oidc-provider) at DVCQG's paths, with a login page where a tester picks or types a test citizen
 * or a business by tax code, and the userinfo claims of ../contract.ts. Development and tests only.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { z } from 'zod';
import { installFaultSwitch, type FaultSettingInput } from '../../common/simulator/fault-switch.js';
import { SSO_PATHS, type VneidUserInfo } from '../contract.js';
import { businessClaims, citizenClaims, TEST_BUSINESSES, TEST_CITIZENS } from './test-people.js';

export interface VneidSimulatorOptions {
  /** Fixed issuer URL; default: taken from the first request's Host (works on any port). */
  issuer?: string;
  clientId?: string;
  clientSecret?: string;
  /** Redirect URIs besides any loopback `/api/auth/vneid/callback` (always allowed here). */
  redirectUris?: string[];
  fault?: FaultSettingInput | undefined;
  logger?: boolean;
}

const CLAIM_NAMES = [
  'TechID',
  'LoaiTaiKhoan',
  'SoDinhDanh',
  'HoVaTen',
  'NgayThangNamSinh',
  'GioiTinh',
  'QuocTich',
  'ThuongTru',
  'SoDienThoai',
  'ThuDienTu',
  'TrangThai',
  'MaSoThue',
  'MaSoDoanhNghiep',
  'TenDoanhNghiep',
  'NguoiDaiDien',
  'DiaChi',
  'loAs',
  'loginIdp',
];

const LoginForm = z.union([
  z.object({ pick: z.templateLiteral([z.enum(['citizen', 'business']), ':', z.number().int()]) }),
  z.object({
    pick: z.literal('typed-citizen'),
    SoDinhDanh: z.string().regex(/^\d{12}$/, { message: 'Số định danh cá nhân gồm 12 chữ số' }),
    HoVaTen: z.string().trim().min(2, { message: 'Vui lòng nhập họ và tên' }),
    NgayThangNamSinh: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Ngày sinh không hợp lệ' }),
  }),
  z.object({
    pick: z.literal('typed-business'),
    MaSoThue: z.string().regex(/^\d{10}(\d{3})?$/, { message: 'Mã số thuế gồm 10 hoặc 13 chữ số' }),
    TenDoanhNghiep: z.string().trim().optional(),
  }),
]);

const isLoopbackCallback = (value: string) => {
  try {
    const url = new URL(value);
    return (
      url.protocol === 'http:' &&
      ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) &&
      url.pathname === '/api/auth/vneid/callback'
    );
  } catch {
    return false;
  }
};
const isLoopbackOrigin = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
};

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:640px;margin:24px auto;padding:0 16px;color:#1a1a1a}
h1{font-size:1.3rem;color:#b3261e}fieldset{border:1px solid #ccc;border-radius:6px;margin:12px 0;padding:12px}
label{display:block;margin:6px 0}input[type=text],input[type=date]{padding:6px;width:100%;box-sizing:border-box}
button{background:#b3261e;color:#fff;border:0;border-radius:4px;padding:8px 16px;font-size:1rem;cursor:pointer;margin-top:8px}
.note{color:#555;font-size:.9rem}.error{color:#b3261e}</style></head><body>${body}</body></html>`;
}

function loginPage(uid: string, error?: string): string {
  const citizens = TEST_CITIZENS.map(
    (c, i) =>
      `<label><input type="radio" name="pick" value="citizen:${i}" ${i === 0 ? 'checked' : ''}> ${escapeHtml(c.HoVaTen)} — ${c.SoDinhDanh} (${c.loAs})</label>`,
  ).join('');
  const businesses = TEST_BUSINESSES.map(
    (b, i) =>
      `<label><input type="radio" name="pick" value="business:${i}"> ${escapeHtml(b.TenDoanhNghiep)} — MST ${b.MaSoThue}</label>`,
  ).join('');
  return page(
    'Đăng nhập VNeID (giả lập)',
    `<h1>Cổng Dịch vụ công quốc gia — đăng nhập bằng VNeID (GIẢ LẬP)</h1>
<p class="note">Máy chủ giả lập phục vụ thử nghiệm: chọn hoặc nhập một công dân, doanh nghiệp thử.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<fieldset><legend>Công dân thử</legend>${citizens}</fieldset>
<fieldset><legend>Doanh nghiệp thử</legend>${businesses}</fieldset>
<fieldset><legend><label><input type="radio" name="pick" value="typed-citizen"> Nhập công dân khác</label></legend>
<label>Số định danh cá nhân <input type="text" name="SoDinhDanh" inputmode="numeric" maxlength="12"></label>
<label>Họ và tên <input type="text" name="HoVaTen"></label>
<label>Ngày sinh <input type="date" name="NgayThangNamSinh"></label></fieldset>
<fieldset><legend><label><input type="radio" name="pick" value="typed-business"> Nhập doanh nghiệp theo mã số thuế</label></legend>
<label>Mã số thuế <input type="text" name="MaSoThue" inputmode="numeric" maxlength="13"></label>
<label>Tên doanh nghiệp <input type="text" name="TenDoanhNghiep"></label></fieldset>
<button type="submit">Đăng nhập</button>
</form>`,
  );
}

export function createVneidSimulator(options: VneidSimulatorOptions = {}): FastifyInstance {
  const clientId = options.clientId ?? 'motcua';
  const clientSecret = options.clientSecret ?? 'motcua-sim-secret';
  const accounts = new Map<string, VneidUserInfo>();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = {
    ...privateKey.export({ format: 'jwk' }),
    kid: 'sim-1',
    alg: 'RS256',
    use: 'sig',
  };
  let provider: Provider | undefined;

  const configuration = (): Configuration => ({
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris?.length
          ? options.redirectUris
          : ['http://127.0.0.1:3000/api/auth/vneid/callback'],
        post_logout_redirect_uris: ['http://127.0.0.1:3000/'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingKey as never] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    // Lifetimes set explicitly (and short): a simulator holds everything in memory.
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Grant: 28_800,
      Session: 28_800,
    },
    acrValues: ['LoA1', 'LoA2'],
    claims: { openid: ['sub'], profile: CLAIM_NAMES },
    routes: {
      authorization: SSO_PATHS.authorize,
      token: SSO_PATHS.token,
      userinfo: SSO_PATHS.userinfo,
      jwks: SSO_PATHS.jwks,
      end_session: SSO_PATHS.endSession,
    },
    findAccount: async (_ctx, sub) => {
      const claims = accounts.get(sub);
      if (!claims) return undefined;
      return { accountId: sub, claims: async () => ({ ...claims, sub }) };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // First-party client: no consent screen, as on the national portal.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const oidcCtx = ctx.oidc;
      const accountId = oidcCtx.session?.accountId;
      if (!oidcCtx.client || !accountId) return undefined;
      const grantId =
        oidcCtx.result?.consent?.grantId ?? oidcCtx.session?.grantIdFor(oidcCtx.client.clientId);
      if (grantId) {
        const found = await oidcCtx.provider.Grant.find(grantId);
        if (found) return found;
      }
      const grant = new oidcCtx.provider.Grant({ clientId: oidcCtx.client.clientId, accountId });
      grant.addOIDCScope('openid profile');
      grant.addOIDCClaims(CLAIM_NAMES);
      await grant.save();
      return grant;
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // Sign-out needs no confirmation here: the form submits itself.
        logoutSource: async (ctx, form) => {
          ctx.body = page(
            'Đăng xuất',
            `<p>Đang đăng xuất khỏi VNeID (giả lập)…</p>${form.replace('</form>', '<input type="hidden" name="logout" value="yes"><button type="submit">Đăng xuất</button></form>')}<script>document.forms[0].submit()</script>`,
          );
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = page('Đã đăng xuất', '<p>Bạn đã đăng xuất khỏi VNeID (giả lập).</p>');
        },
      },
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page(
        'Lỗi đăng nhập',
        `<h1>Lỗi đăng nhập (giả lập)</h1><pre>${escapeHtml(JSON.stringify(out, null, 2))}</pre>`,
      );
    },
  });

  const providerFor = (request: FastifyRequest): Provider => {
    if (!provider) {
      provider = new Provider(
        options.issuer ?? `http://${request.headers.host ?? '127.0.0.1'}`,
        configuration(),
      );
      // Any loopback callback is accepted, so tests and demos on any port work. Never in production.
      const proto = provider.Client.prototype as unknown as {
        redirectUriAllowed(this: unknown, value: string): boolean;
        postLogoutRedirectUriAllowed(this: unknown, value: string): boolean;
      };
      const redirectAllowed = proto.redirectUriAllowed;
      const logoutAllowed = proto.postLogoutRedirectUriAllowed;
      proto.redirectUriAllowed = function (value) {
        return isLoopbackCallback(value) || redirectAllowed.call(this, value);
      };
      proto.postLogoutRedirectUriAllowed = function (value) {
        return isLoopbackOrigin(value) || logoutAllowed.call(this, value);
      };
    }
    return provider;
  };

  const app = Fastify({ logger: options.logger ?? false, forceCloseConnections: true });
  installFaultSwitch(app, {
    initial: options.fault,
    unavailableBody: {
      error: 'temporarily_unavailable',
      error_description: 'Hệ thống xác thực đang bảo trì, vui lòng thử lại sau.',
    },
  });

  // Everything but our login page and the fault switch belongs to the OpenID provider (Koa),
  // handed the raw request before Fastify parses a body the provider must read itself.
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (reply.sent || path.startsWith('/__sim/') || path.startsWith('/interaction/')) return;
    const handler = providerFor(request).callback() as (
      req: IncomingMessage,
      res: ServerResponse,
    ) => Promise<void>;
    reply.hijack();
    await handler(request.raw, reply.raw);
  });

  app.get('/__sim/health', async () => ({ status: 'ok', testCitizens: TEST_CITIZENS.length }));

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  app.get('/interaction/:uid', async (request, reply) => {
    const details = await providerFor(request).interactionDetails(request.raw, reply.raw);
    return reply.type('text/html; charset=utf-8').send(loginPage(details.uid));
  });

  app.post('/interaction/:uid/login', async (request, reply) => {
    const oidc = providerFor(request);
    const details = await oidc.interactionDetails(request.raw, reply.raw);
    const parsed = LoginForm.safeParse(request.body);
    if (!parsed.success) {
      const message = parsed.error.issues.map((i) => i.message).join('; ');
      return reply.code(400).type('text/html; charset=utf-8').send(loginPage(details.uid, message));
    }
    const form = parsed.data;
    let claims: VneidUserInfo | undefined;
    if (form.pick === 'typed-citizen') {
      claims = citizenClaims({
        SoDinhDanh: form.SoDinhDanh,
        HoVaTen: form.HoVaTen,
        NgayThangNamSinh: form.NgayThangNamSinh.replaceAll('-', ''),
      });
    } else if (form.pick === 'typed-business') {
      claims = businessClaims({
        MaSoThue: form.MaSoThue,
        TenDoanhNghiep: form.TenDoanhNghiep || `Doanh nghiệp MST ${form.MaSoThue}`,
      });
    } else {
      const [kind, index] = form.pick.split(':') as ['citizen' | 'business', string];
      const citizen = kind === 'citizen' ? TEST_CITIZENS[Number(index)] : undefined;
      const business = kind === 'business' ? TEST_BUSINESSES[Number(index)] : undefined;
      claims = citizen ? citizenClaims(citizen) : business ? businessClaims(business) : undefined;
    }
    if (!claims)
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(loginPage(details.uid, 'Lựa chọn không hợp lệ'));
    accounts.set(claims.sub, claims);
    reply.hijack();
    await oidc.interactionFinished(
      request.raw,
      reply.raw,
      { login: { accountId: claims.sub, acr: claims.loAs === 'LoA1' ? 'LoA1' : 'LoA2' } },
      { mergeWithLastSubmission: false },
    );
  });

  return app;
}
