import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The repository root, so that relative paths in config work from any working directory: the
 * nearest folder above this file that holds the migrations, whether it runs from the sources
 * (tsx) or from the compiled bundle in apps/api/dist, where chunks sit at other depths.
 */
export const repoRoot = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'apps/api/db/migrations'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('motcua: repository root not found above ' + dir);
    dir = parent;
  }
  return dir;
})();

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce.number().int().min(0).max(65535);

const DEMO_ADMIN_TOKEN = 'motcua-admin-demo';
/** The payment simulator's shared key (README): production must be given the platform's own. */
export const DEMO_PAYMENT_SECRET = 'payment-sim-secret';

/** Every setting the system reads from the environment; documented in .env.example. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Which proxies' X-Forwarded-For to believe: `false` (none), `true` (the one proxy in front,
   * = 1 hop), a number of hops, or a comma-separated list of proxy addresses/CIDRs. Trusting the
   * whole header let a client set its own IP in the security log and the rate-limit key.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .default('false')
    .transform((v, ctx): boolean | number | string[] => {
      if (v === 'false' || v === '0' || v === '') return false;
      if (v === 'true') return 1;
      if (/^\d+$/.test(v)) return Number(v);
      const list = v.split(',').map((s) => s.trim());
      if (list.every((s) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(s))) return list;
      ctx.addIssue({
        code: 'custom',
        message: 'must be false, true, a number of proxy hops or a list of proxy addresses',
      });
      return z.NEVER;
    }),

  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must start with postgres:// or postgresql://' })
    .optional(),
  /** Migrations' connection (the schema owner); without it DATABASE_URL's user migrates. */
  DATABASE_OWNER_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must start with postgres:// or postgresql://' })
    .optional(),
  /**
   * The least-privileged role the application's queries run as (SET ROLE at connect): no DDL,
   * no UPDATE/DELETE on the action, security and read logs. Created (NOLOGIN) by the migration
   * step when missing.
   */
  DATABASE_APP_ROLE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'must be a plain lower-case role name' })
    .default('motcua_app'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  EMBEDDED_PG_DIR: z.string().min(1).default('.data/pg'),
  EMBEDDED_PG_PORT: port.default(54320),
  EMBEDDED_PG_DATABASE: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('motcua'),
  EMBEDDED_PG_PASSWORD: z.string().min(8).default('motcua-local'),

  WORKER_MODE: z.enum(['in-process', 'external', 'off']).default('in-process'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(2),

  /** Administration by header, beside signed-in roles: for scripts, tests and the first setup. */
  ADMIN_TOKEN: z
    .string()
    .min(12, { message: 'must be at least 12 characters' })
    .default(DEMO_ADMIN_TOKEN),

  /**
   * Bearer token Prometheus must send to read /metrics. Unset: open in development; in
   * production only to scrapers on the machine itself (loopback), never to the internet.
   */
  METRICS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),

  /** Officer sign-in: failures before a temporary lock, its length, and session lifetime. */
  AUTH_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  AUTH_LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  SESSION_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(480),
  /** Seeds data/identity/demo-accounts.json at start; always refused when NODE_ENV=production. */
  DEMO_ACCOUNTS: booleanString.default(true),
  /** National SSO (VNeID / DVCQG, OpenID Connect). Defaults to the simulator (SIM_BASE_PORT + 1). */
  VNEID_ISSUER_URL: z.url().optional(),
  VNEID_CLIENT_ID: z.string().min(1).default('motcua'),
  VNEID_CLIENT_SECRET: z.string().min(1).default('motcua-sim-secret'),
  /** The callback registered at the SSO; default: <this site>/api/auth/vneid/callback. */
  VNEID_REDIRECT_URL: z.url().optional(),

  /** Office hours of state agencies (Asia/Ho_Chi_Minh), used for working-time deadlines. */
  CALENDAR_WORKING_WINDOWS: z
    .string()
    .default('07:00-11:30,13:30-17:00')
    .refine(
      (v) =>
        v
          .split(',')
          .every((w) => /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/.test(w.trim())),
      { message: 'must be comma-separated HH:MM-HH:MM windows, e.g. 07:00-11:30,13:30-17:00' },
    ),

  PROVINCE_CODE: z
    .string()
    .regex(/^\d{2}$/, { message: 'must be a 2-digit province code, e.g. 75' })
    .default('75'),

  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url())),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Anonymous dossier lookups per client IP and minute: codes are sequential (issue 13). */
  LOOKUP_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),

  /** Uploaded files: local disk (default) or an S3-compatible object store. */
  STORAGE: z.enum(['local', 's3']).default('local'),
  STORAGE_DIR: z.string().min(1).default('.data/files'),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().min(1).default('motcua-files'),
  S3_ACCESS_KEY_ID: z.string().default(''),
  S3_SECRET_ACCESS_KEY: z.string().default(''),
  S3_FORCE_PATH_STYLE: booleanString.default(true),

  SERVE_WEB: booleanString.default(true),
  WEB_DIST_DIR: z.string().min(1).default('apps/web/dist'),

  START_SIMULATORS: booleanString.default(true),
  SIM_HOST: z.string().min(1).default('127.0.0.1'),
  SIM_BASE_PORT: port.default(4010),
  /** Defaults to the simulator started by `npm start` (SIM_HOST:SIM_BASE_PORT). */
  NATIONAL_CATALOG_URL: z.url().optional(),
  NATIONAL_CATALOG_USERNAME: z.string().default('motcua'),
  NATIONAL_CATALOG_PASSWORD: z.string().default('motcua-sim'),

  /**
   * National sync targets (issue 16), comma-separated: `dvcqg` (Cổng DVCQG), `dieu-phoi` (Hệ
   * thống điều phối); empty turns sync off. URLs default to the simulators (SIM_BASE_PORT + 2, + 3).
   */
  SYNC_TARGETS: z
    .string()
    .default('dvcqg,dieu-phoi')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(['dvcqg', 'dieu-phoi']))),
  DVCQG_URL: z.url().optional(),
  DVCQG_USERNAME: z.string().default('motcua'),
  DVCQG_PASSWORD: z.string().default('dvcqg-sim'),
  /** Our unit's code sent as `madonvi`; by default the account name. */
  DVCQG_AGENCY_CODE: z.string().optional(),
  DIEU_PHOI_URL: z.url().optional(),
  DIEU_PHOI_USERNAME: z.string().default('motcua'),
  DIEU_PHOI_PASSWORD: z.string().default('dieu-phoi-sim'),
  DIEU_PHOI_AGENCY_CODE: z.string().optional(),
  /**
   * The reconciliation's listing of synced dossiers (đối chiếu): service name and path on both
   * targets. Giả định, cần xác nhận: no published name; default `LayDanhSachHoSoDongBo` on the
   * integration path.
   */
  SYNC_LIST_SERVICE: z.string().min(1).optional(),
  SYNC_LIST_PATH: z.string().startsWith('/').optional(),

  /**
   * Ministries' centralized systems to ingest dossiers from (issue 16 item 5), comma-separated:
   * `btp` (Bộ Tư pháp, hộ tịch), `bca` (Bộ Công an); empty turns the ingest off. Unset: `btp`
   * against its simulator (MINISTRY_BTP_URL defaults to SIM_BASE_PORT + 4), except in production,
   * where nothing is read until the systems are named; `bca` has no simulator and needs its URL.
   */
  MINISTRY_SYSTEMS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(['btp', 'bca'])).optional()),
  MINISTRY_BTP_URL: z.url().optional(),
  MINISTRY_BTP_USERNAME: z.string().default('motcua'),
  MINISTRY_BTP_PASSWORD: z.string().default('ministry-sim'),
  MINISTRY_BCA_URL: z.url().optional(),
  MINISTRY_BCA_USERNAME: z.string().default('motcua'),
  MINISTRY_BCA_PASSWORD: z.string().default(''),
  /** Dossiers asked per page; each page is stored with its cursor in one transaction. */
  MINISTRY_PAGE_SIZE: z.coerce.number().int().min(1).max(200).default(100),
  /** When the worker pulls them (cron, server time); default every 15 minutes. */
  MINISTRY_INGEST_CRON: z
    .string()
    .regex(/^\S+( \S+){4}$/, { message: 'must be a 5-field cron expression, e.g. */15 * * * *' })
    .default('*/15 * * * *'),

  /**
   * Online payment through the DVCQG payment platform (issue 17, domain.md §4.6). `false` hides
   * online payment (counter payment stays). Unset: on, except in production without a
   * PAYMENT_SECRET, where it stays off until the platform's key is given. The URL defaults to the
   * simulator (SIM_BASE_PORT + 5).
   */
  PAYMENT_ENABLED: booleanString.optional(),
  PAYMENT_PLATFORM_URL: z.url().optional(),
  /** MaDoiTac, the partner code the platform gave us. */
  PAYMENT_PARTNER_CODE: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,50}$/, { message: 'must be 1–50 letters, digits, _ . or -' })
    .default('MOTCUA'),
  /** The key for MaXacThuc (SHA-256 checksums) shared with the platform. */
  PAYMENT_SECRET: z.string().min(12, { message: 'must be at least 12 characters' }).optional(),
  /** Each request to the platform gives up after this long. */
  PAYMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Transactions without a CONFIRM are asked about (QUERY) once this old (§4.6: 30 minutes). */
  PAYMENT_QUERY_AFTER_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
});

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof EnvSchema>) {
  const resolve = (p: string) => (path.isAbsolute(p) ? p : path.join(repoRoot, p));
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY,
    adminToken: env.ADMIN_TOKEN,
    metrics: { token: env.METRICS_TOKEN, open: env.NODE_ENV !== 'production' },
    database: {
      url: env.DATABASE_URL,
      ownerUrl: env.DATABASE_OWNER_URL,
      appRole: env.DATABASE_APP_ROLE,
      poolMax: env.DATABASE_POOL_MAX,
      embedded: {
        dir: resolve(env.EMBEDDED_PG_DIR),
        port: env.EMBEDDED_PG_PORT,
        database: env.EMBEDDED_PG_DATABASE,
        password: env.EMBEDDED_PG_PASSWORD,
      },
    },
    worker: { mode: env.WORKER_MODE, concurrency: env.WORKER_CONCURRENCY },
    provinceCode: env.PROVINCE_CODE,
    calendar: { workingWindows: env.CALENDAR_WORKING_WINDOWS },
    auth: {
      lockoutThreshold: env.AUTH_LOCKOUT_THRESHOLD,
      lockoutMinutes: env.AUTH_LOCKOUT_MINUTES,
      sessionTtlMinutes: env.SESSION_TTL_MINUTES,
      demoAccounts: env.DEMO_ACCOUNTS,
    },
    http: {
      corsOrigins: env.CORS_ORIGINS,
      rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
      lookupPerMinute: env.LOOKUP_RATE_LIMIT_PER_MINUTE,
      bodyLimit: env.BODY_LIMIT_BYTES,
    },
    storage:
      env.STORAGE === 's3'
        ? {
            kind: 's3' as const,
            endpoint: env.S3_ENDPOINT,
            region: env.S3_REGION,
            bucket: env.S3_BUCKET,
            accessKeyId: env.S3_ACCESS_KEY_ID,
            secretAccessKey: env.S3_SECRET_ACCESS_KEY,
            forcePathStyle: env.S3_FORCE_PATH_STYLE,
          }
        : { kind: 'local' as const, dir: resolve(env.STORAGE_DIR) },
    uploads: { maxBytes: env.UPLOAD_MAX_BYTES },
    web: { serve: env.SERVE_WEB, distDir: resolve(env.WEB_DIST_DIR) },
    payment: {
      enabled:
        env.PAYMENT_ENABLED ?? !(env.NODE_ENV === 'production' && env.PAYMENT_SECRET === undefined),
      baseUrl: env.PAYMENT_PLATFORM_URL ?? `http://${env.SIM_HOST}:${env.SIM_BASE_PORT + 5}`,
      partnerCode: env.PAYMENT_PARTNER_CODE,
      secret: env.PAYMENT_SECRET ?? DEMO_PAYMENT_SECRET,
      timeoutMs: env.PAYMENT_TIMEOUT_MS,
      queryAfterMinutes: env.PAYMENT_QUERY_AFTER_MINUTES,
    },
    simulators: { start: env.START_SIMULATORS, host: env.SIM_HOST, basePort: env.SIM_BASE_PORT },
    integrations: {
      nationalCatalog: {
        url: env.NATIONAL_CATALOG_URL ?? `http://${env.SIM_HOST}:${env.SIM_BASE_PORT}`,
        username: env.NATIONAL_CATALOG_USERNAME,
        password: env.NATIONAL_CATALOG_PASSWORD,
      },
      sync: {
        targets: env.SYNC_TARGETS.map((target) =>
          target === 'dvcqg'
            ? {
                target,
                baseUrl: env.DVCQG_URL ?? `http://${env.SIM_HOST}:${env.SIM_BASE_PORT + 2}`,
                username: env.DVCQG_USERNAME,
                password: env.DVCQG_PASSWORD,
                ...(env.DVCQG_AGENCY_CODE ? { agencyCode: env.DVCQG_AGENCY_CODE } : {}),
                ...(env.SYNC_LIST_SERVICE ? { listService: env.SYNC_LIST_SERVICE } : {}),
                ...(env.SYNC_LIST_PATH ? { paths: { list: env.SYNC_LIST_PATH } } : {}),
              }
            : {
                target,
                baseUrl: env.DIEU_PHOI_URL ?? `http://${env.SIM_HOST}:${env.SIM_BASE_PORT + 3}`,
                username: env.DIEU_PHOI_USERNAME,
                password: env.DIEU_PHOI_PASSWORD,
                ...(env.DIEU_PHOI_AGENCY_CODE ? { agencyCode: env.DIEU_PHOI_AGENCY_CODE } : {}),
                ...(env.SYNC_LIST_SERVICE ? { listService: env.SYNC_LIST_SERVICE } : {}),
                ...(env.SYNC_LIST_PATH ? { paths: { list: env.SYNC_LIST_PATH } } : {}),
              },
        ),
      },
      ministries: {
        cron: env.MINISTRY_INGEST_CRON,
        pageSize: env.MINISTRY_PAGE_SIZE,
        systems: (
          env.MINISTRY_SYSTEMS ?? (env.NODE_ENV === 'production' ? [] : ['btp' as const])
        ).map((source) =>
          source === 'btp'
            ? {
                source,
                baseUrl: env.MINISTRY_BTP_URL ?? `http://${env.SIM_HOST}:${env.SIM_BASE_PORT + 4}`,
                username: env.MINISTRY_BTP_USERNAME,
                password: env.MINISTRY_BTP_PASSWORD,
              }
            : {
                source,
                // Checked in loadConfig: no simulator stands in for this one.
                baseUrl: env.MINISTRY_BCA_URL ?? '',
                username: env.MINISTRY_BCA_USERNAME,
                password: env.MINISTRY_BCA_PASSWORD,
              },
        ),
      },
      vneid: {
        issuerUrl: env.VNEID_ISSUER_URL ?? `http://${env.SIM_HOST}:${env.SIM_BASE_PORT + 1}`,
        clientId: env.VNEID_CLIENT_ID,
        clientSecret: env.VNEID_CLIENT_SECRET,
        redirectUrl: env.VNEID_REDIRECT_URL,
      },
    },
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Cấu hình không hợp lệ / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

const EMPTY_MEANS_NONE: ReadonlySet<string> = new Set(['SYNC_TARGETS', 'MINISTRY_SYSTEMS']);

/** The only reader of process.env: parse once at start-up, fail with every problem listed. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const withoutBlanks = Object.fromEntries(
    Object.entries(source).filter(
      // An empty list of sync targets or ministries' systems means "none", not "the default".
      ([k, v]) => v !== undefined && (v !== '' || EMPTY_MEANS_NONE.has(k)),
    ),
  );
  const parsed = EnvSchema.safeParse(withoutBlanks);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (i) =>
          `${i.path.join('.')}: ${i.message} (got ${JSON.stringify(withoutBlanks[String(i.path[0])])})`,
      ),
    );
  }
  // The demo's admin token is public (README): a production deployment must choose its own.
  if (parsed.data.NODE_ENV === 'production' && parsed.data.ADMIN_TOKEN === DEMO_ADMIN_TOKEN) {
    throw new ConfigError([
      'ADMIN_TOKEN: must be set to a secret of your own in production (the demo token is public)',
    ]);
  }
  // Anyone could sign a CONFIRM with the simulator's public key and mark a fee paid.
  if (
    parsed.data.NODE_ENV === 'production' &&
    parsed.data.PAYMENT_ENABLED !== false &&
    (parsed.data.PAYMENT_SECRET ?? DEMO_PAYMENT_SECRET) === DEMO_PAYMENT_SECRET &&
    (parsed.data.PAYMENT_ENABLED === true || parsed.data.PAYMENT_SECRET !== undefined)
  ) {
    throw new ConfigError([
      'PAYMENT_SECRET: must be set to the key agreed with the payment platform in production (the simulator key is public), or set PAYMENT_ENABLED=false',
    ]);
  }
  if (parsed.data.MINISTRY_SYSTEMS?.includes('bca') && !parsed.data.MINISTRY_BCA_URL) {
    throw new ConfigError([
      'MINISTRY_BCA_URL: required when MINISTRY_SYSTEMS lists bca (no simulator stands in for it)',
    ]);
  }
  return toConfig(parsed.data);
}
