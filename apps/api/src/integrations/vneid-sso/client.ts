import * as oidc from 'openid-client';
import { IntegrationError } from '../integration-error.js';
import { VneidUserInfo } from './contract.js';

export interface VneidClientOptions {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
}

export interface VneidAuthorization {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface VneidSignIn {
  userInfo: VneidUserInfo;
  /** Kept for RP-initiated logout (id_token_hint); never logged. */
  idToken: string | null;
}

/** The only way production code talks to the national SSO (OpenID Connect, code + PKCE). */
export interface VneidClient {
  authorize(input: { redirectUri: string }): Promise<VneidAuthorization>;
  finish(input: {
    callbackUrl: URL;
    redirectUri: string;
    state: string;
    nonce: string;
    codeVerifier: string;
  }): Promise<VneidSignIn>;
  endSessionUrl(input: {
    idToken: string | null;
    postLogoutRedirectUri: string;
  }): Promise<string | null>;
}

const fault = (
  kind: ConstructorParameters<typeof IntegrationError>[1],
  message: string,
  cause?: unknown,
) => new IntegrationError('vneid-sso', kind, `Hệ thống xác thực VNeID/DVCQG ${message}`, { cause });

function translate(error: unknown): IntegrationError {
  if (error instanceof IntegrationError) return error;
  if (error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError) {
    return fault('rejected', `từ chối đăng nhập: ${error.error}.`, error);
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return fault('timeout', 'không phản hồi kịp.', error);
  }
  if (error instanceof oidc.ClientError)
    return fault('bad_response', `trả lời không hợp lệ (${error.code ?? error.message}).`, error);
  return fault('unavailable', 'không kết nối được.', error);
}

export function createVneidClient(options: VneidClientOptions): VneidClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let discovered: Promise<oidc.Configuration> | undefined;
  const insecure = new URL(options.issuerUrl).protocol === 'http:';

  // Discovery is lazy and retried after a failure: the API must start while the SSO is down.
  const configuration = () => {
    discovered ??= oidc
      .discovery(new URL(options.issuerUrl), options.clientId, options.clientSecret, undefined, {
        timeout: Math.ceil(timeoutMs / 1000),
        // Only the local simulator speaks plain HTTP; the real service is HTTPS.
        execute: insecure ? [oidc.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw translate(error);
      });
    return discovered;
  };

  return {
    async authorize({ redirectUri }) {
      const config = await configuration();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid profile',
        acr_values: 'LoA1',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, state, nonce, codeVerifier };
    },

    async finish({ callbackUrl, redirectUri, state, nonce, codeVerifier }) {
      const config = await configuration();
      try {
        const tokens = await oidc.authorizationCodeGrant(
          config,
          callbackUrl,
          {
            pkceCodeVerifier: codeVerifier,
            expectedState: state,
            expectedNonce: nonce,
            idTokenExpected: true,
          },
          { redirect_uri: redirectUri },
        );
        const sub = tokens.claims()?.sub;
        if (!sub) throw fault('bad_response', 'không trả về định danh người dùng (sub).');
        const raw = await oidc.fetchUserInfo(config, tokens.access_token, sub);
        const parsed = VneidUserInfo.safeParse(raw);
        if (!parsed.success) {
          const where = parsed.error.issues
            .slice(0, 5)
            .map((i) => i.path.join('.'))
            .join(', ');
          throw fault(
            'bad_response',
            `trả thông tin người dùng sai cấu trúc ở: ${where}.`,
            parsed.error,
          );
        }
        return { userInfo: parsed.data, idToken: tokens.id_token ?? null };
      } catch (error) {
        throw translate(error);
      }
    },

    async endSessionUrl({ idToken, postLogoutRedirectUri }) {
      const config = await configuration().catch(() => undefined);
      if (!config?.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(config, {
        post_logout_redirect_uri: postLogoutRedirectUri,
        ...(idToken ? { id_token_hint: idToken } : {}),
      }).href;
    },
  };
}
