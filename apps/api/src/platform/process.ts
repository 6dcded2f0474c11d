import net from 'node:net';
import type { Logger } from './logger.js';

type Step = [string, () => Promise<unknown>];

/** Runs shutdown steps in order; one failing step never keeps the others from running. */
export async function runShutdownSteps(log: Logger, steps: Step[]): Promise<void> {
  for (const [name, step] of steps) {
    try {
      await step();
    } catch (error) {
      log.error({ err: error, step: name }, 'shutdown step failed');
    }
  }
}

/**
 * Runs the given shutdown steps once on SIGINT/SIGTERM, in order, then exits. A second
 * signal or a stuck step forces the exit so that an orchestrator is never left waiting.
 */
export function onShutdown(log: Logger, steps: Step[], timeoutMs = 15_000): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, timeoutMs).unref();
    await runShutdownSteps(log, steps);
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/** The ports one setting moves: the simulators take SIM_BASE_PORT + 0, + 1, + 2, + 3. */
export interface PortClaim {
  /** The environment variable a person changes to move these ports. */
  setting: string;
  host: string;
  base: number;
  offsets?: readonly number[];
}

/**
 * A port held by another program, as the one line a person needs: which variable to change and
 * to what. Thrown before anything starts, so the process exits with nothing left half-started.
 */
export class PortInUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PortInUseError';
  }
}

/** Whether this process could listen on host:port right now (EADDRINUSE, EACCES: it could not). */
export function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', () => resolve(false));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

const portsOf = (claim: PortClaim, base = claim.base) =>
  (claim.offsets ?? [0]).map((offset) => base + offset);

/**
 * A free base for the claim, in steps of 100 so the suggestion is easy to read and keeps the
 * offsets' meaning (4010 → 4110); never one of the ports the other settings of this run take.
 */
export async function suggestBase(
  claim: PortClaim,
  reserved: ReadonlySet<number> = new Set(),
): Promise<number | undefined> {
  for (let step = 1; step <= 50; step += 1) {
    const candidate = claim.base + step * 100;
    const ports = portsOf(claim, candidate);
    if (ports.some((p) => p > 65_535)) return undefined;
    if (ports.some((p) => reserved.has(p))) continue;
    const free = await Promise.all(ports.map((p) => canListen(claim.host, p)));
    if (free.every(Boolean)) return candidate;
  }
  return undefined;
}

export function portInUseLine(
  claim: PortClaim,
  port: number,
  suggestion: number | undefined,
): string {
  const offset = port - claim.base;
  const which = offset === 0 ? claim.setting : `${claim.setting} + ${offset}`;
  const set = suggestion === undefined ? undefined : `${claim.setting}=${suggestion}`;
  return (
    `Cổng ${port} (${which}) đang được dùng bởi chương trình khác; ` +
    (set ? `đặt ${set} rồi chạy lại.` : `đặt ${claim.setting} là một cổng khác rồi chạy lại.`) +
    ` / Port ${port} (${which}) is in use; ` +
    (set ? `set ${set} and run again.` : `set ${claim.setting} to another port and run again.`)
  );
}

/**
 * Checks every claimed port before anything starts and throws one line per setting whose port
 * is taken. Port 0 (an ephemeral port chosen by the system) is never taken.
 */
export async function assertPortsFree(claims: readonly PortClaim[]): Promise<void> {
  const reserved = new Set(claims.flatMap((c) => (c.base === 0 ? [] : portsOf(c))));
  const lines: string[] = [];
  for (const claim of claims) {
    if (claim.base === 0) continue;
    for (const port of portsOf(claim)) {
      if (await canListen(claim.host, port)) continue;
      lines.push(portInUseLine(claim, port, await suggestBase(claim, reserved)));
      break;
    }
  }
  if (lines.length > 0) throw new PortInUseError(lines.join('\n'));
}

/** A listen that lost a race for its port, reported like the up-front check. */
export async function asPortInUse(
  error: unknown,
  claim: PortClaim,
  port: number,
): Promise<unknown> {
  if ((error as NodeJS.ErrnoException | undefined)?.code !== 'EADDRINUSE') return error;
  return new PortInUseError(portInUseLine(claim, port, await suggestBase(claim)));
}
