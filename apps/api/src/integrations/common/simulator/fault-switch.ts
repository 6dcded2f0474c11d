/**
 * Switchable faults shared by every simulator, so that tests and demos can rehearse what the real
 * national systems do on a bad day. The control plane lives under `/__sim/` and is never faulted,
 * otherwise a simulator stuck in `timeout` could not be switched back.
 *
 *   GET /__sim/fault                                 → current setting
 *   PUT /__sim/fault {mode, delayMs?, probability?}  → new setting
 */
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';

export const CONTROL_PREFIX = '/__sim';

/**
 * `down` drops the connection without a reply and `malformed` answers 200 with broken JSON; both
 * are carried out here for every simulator. `duplicate`, `reorder` and `already-exists` only mean
 * something to a simulator that stores deliveries (the DVCQG sync); the others answer normally.
 */
export const FAULT_MODES = [
  'none',
  'slow',
  'error5xx',
  'timeout',
  'duplicate',
  'down',
  'malformed',
  'reorder',
  'already-exists',
] as const;
export const FaultMode = z.enum(FAULT_MODES);
export type FaultMode = z.infer<typeof FaultMode>;

export const FaultSetting = z.object({
  mode: FaultMode,
  /** How long `slow` holds each request before answering normally. */
  delayMs: z.number().int().min(0).max(600_000).default(2_000),
  /** Share of requests the fault hits (0..1); the rest are answered normally. */
  probability: z.number().min(0).max(1).default(1),
});
export type FaultSetting = z.infer<typeof FaultSetting>;
export type FaultSettingInput = z.input<typeof FaultSetting>;

export interface FaultSwitch {
  current(): FaultSetting;
  set(input: FaultSettingInput): FaultSetting;
  /**
   * The fault drawn for this request when it arrived ('none' if it was spared). Only `duplicate`,
   * `reorder` and `already-exists` reach a handler; the others are carried out before it runs.
   */
  appliedTo(request: FastifyRequest): FaultMode;
}

export interface FaultSwitchOptions {
  initial?: FaultSettingInput | undefined;
  /** Body of the `error5xx` answer, in the simulated system's own error format. */
  unavailableBody: unknown;
  /** Injected so tests of partial probabilities can be deterministic. */
  random?: (() => number) | undefined;
}

/** Adds the fault hook and the `/__sim/fault` routes to a simulator; call before it is ready. */
export function installFaultSwitch(app: FastifyInstance, options: FaultSwitchOptions): FaultSwitch {
  const random = options.random ?? Math.random;
  let setting = FaultSetting.parse(options.initial ?? { mode: 'none' });
  const applied = new WeakMap<FastifyRequest, FaultMode>();
  // Requests held by `timeout` and sleeps of `slow` must not keep the process alive after close().
  const held = new Set<Socket>();
  const closing = new AbortController();

  const faultSwitch: FaultSwitch = {
    current: () => ({ ...setting }),
    set: (input) => {
      setting = FaultSetting.parse(input);
      return { ...setting };
    },
    appliedTo: (request) => applied.get(request) ?? 'none',
  };

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith(`${CONTROL_PREFIX}/`)) return;
    const { mode, delayMs, probability } = setting;
    if (mode === 'none' || random() >= probability) return;
    applied.set(request, mode);
    switch (mode) {
      case 'slow':
        await sleep(delayMs, undefined, { signal: closing.signal }).catch(() => undefined);
        return;
      case 'error5xx':
        return reply.code(503).header('retry-after', '30').send(options.unavailableBody);
      case 'timeout': {
        // Never answer: the connection stays open until the client gives up or we close.
        reply.hijack();
        const socket = request.raw.socket;
        held.add(socket);
        socket.once('close', () => held.delete(socket));
        return;
      }
      case 'down':
        // A reset without any reply, as when the far end or a proxy in front of it is gone.
        reply.hijack();
        request.raw.socket.destroy();
        return;
      case 'malformed':
        return reply
          .code(200)
          .header('content-type', 'application/json; charset=utf-8')
          .send('{"error_code":0,"message":"Th');
      case 'duplicate':
      case 'reorder':
      case 'already-exists':
        return;
    }
  });

  app.addHook('preClose', async () => {
    closing.abort();
    for (const socket of held) socket.destroy();
    held.clear();
  });

  app.get(`${CONTROL_PREFIX}/fault`, async () => faultSwitch.current());

  app.put(`${CONTROL_PREFIX}/fault`, async (request, reply) => {
    const parsed = FaultSetting.safeParse(request.body);
    if (!parsed.success) {
      return reply.code(400).send({
        error: 'Cấu hình lỗi giả lập không hợp lệ',
        allowedModes: FAULT_MODES,
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    return faultSwitch.set(parsed.data);
  });

  return faultSwitch;
}
