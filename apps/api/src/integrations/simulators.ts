/**
 * Starts every simulated external system, each on its own port, for development, demos and
 * end-to-end tests. Production never imports this file.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createNationalCatalogSimulator } from './national-catalog/simulator/server.js';
import { createVneidSimulator } from './vneid-sso/simulator/server.js';
import { createDvcqgSimulator } from './dvcqg/simulator/server.js';
import { createMinistrySimulator } from './ministry/simulator/server.js';
import { createPaymentPlatformSimulator } from './payment-platform/simulator/server.js';
import type { FaultSettingInput } from './common/simulator/fault-switch.js';
import { asPortInUse, type PortClaim } from '../platform/process.js';

interface SimulatorEntry {
  name: string;
  create(options: {
    fault: FaultSettingInput | undefined;
    payment: PaymentSimulatorSettings;
  }): FastifyInstance;
}

/** What the payment platform's stand-in needs to know of the API it calls back. */
interface PaymentSimulatorSettings {
  callbackBase?: string | undefined;
  partnerCode?: string | undefined;
  secret?: string | undefined;
}

// A simulator listens on basePort + its position here: append new ones, never reorder, so that
// configured URLs (NATIONAL_CATALOG_URL=…:4010, …) stay valid.
const SIMULATORS = [
  { name: 'national-catalog', create: ({ fault }) => createNationalCatalogSimulator({ fault }) },
  // VNeID / DVCQG SSO (OpenID Connect): VNEID_ISSUER_URL defaults to SIM_BASE_PORT + 1.
  { name: 'vneid-sso', create: ({ fault }) => createVneidSimulator({ fault }) },
  // DVCQG dossier sync (DVCQG_URL, SIM_BASE_PORT + 2) and the coordination system, same protocol
  // (DIEU_PHOI_URL, SIM_BASE_PORT + 3).
  { name: 'dvcqg', create: ({ fault }) => createDvcqgSimulator({ target: 'dvcqg', fault }) },
  {
    name: 'dieu-phoi',
    create: ({ fault }) => createDvcqgSimulator({ target: 'dieu-phoi', fault }),
  },
  // A ministry's centralized system, read by the ingest (MINISTRY_BTP_URL, SIM_BASE_PORT + 4).
  { name: 'ministry-btp', create: ({ fault }) => createMinistrySimulator({ fault }) },
  // The DVCQG payment platform and its bank page (PAYMENT_PLATFORM_URL, SIM_BASE_PORT + 5).
  {
    name: 'payment-platform',
    create: ({ fault, payment }) =>
      createPaymentPlatformSimulator({
        fault,
        ...(payment.callbackBase ? { callbackBase: payment.callbackBase } : {}),
        ...(payment.partnerCode ? { partnerCode: payment.partnerCode } : {}),
        ...(payment.secret ? { secret: payment.secret } : {}),
      }),
  },
] as const satisfies readonly SimulatorEntry[];

export type SimulatorName = (typeof SIMULATORS)[number]['name'];

/** The ports `npm start` needs for the simulators, checked before anything starts. */
export function simulatorPorts(host: string, basePort: number): PortClaim {
  return { setting: 'SIM_BASE_PORT', host, base: basePort, offsets: SIMULATORS.map((_, i) => i) };
}

export interface StartSimulatorsOptions {
  host?: string;
  /** 0 puts every simulator on a free ephemeral port (tests). */
  basePort?: number;
  /** Fault active from the start, per simulator. */
  faults?: Partial<Record<SimulatorName, FaultSettingInput>>;
  /**
   * The API's base URL: the payment platform posts CONFIRM to `<it>/api/payments/platform/confirm`
   * and sends the payer back to `<it>/api/payments/<ref>/return`. Unset: no CONFIRM is sent until
   * `PUT /__sim/config` names where.
   */
  paymentCallbackBase?: string;
  /** The partner code and key the API uses (config.payment), so both sides sign alike. */
  payment?: { partnerCode?: string; secret?: string };
}

export interface RunningSimulators {
  urls: Record<SimulatorName, string>;
  close(): Promise<void>;
}

export async function startSimulators({
  host = '127.0.0.1',
  basePort = 4010,
  faults = {},
  paymentCallbackBase,
  payment = {},
}: StartSimulatorsOptions = {}): Promise<RunningSimulators> {
  const started: FastifyInstance[] = [];
  const closeAll = async () => {
    await Promise.allSettled(started.map((app) => app.close()));
  };
  const urls = {} as Record<SimulatorName, string>;
  try {
    for (const [index, simulator] of SIMULATORS.entries()) {
      const app = simulator.create({
        fault: faults[simulator.name],
        payment: { callbackBase: paymentCallbackBase, ...payment },
      });
      started.push(app);
      const port = basePort === 0 ? 0 : basePort + index;
      await app.listen({ host, port }).catch(async (error: unknown) => {
        throw await asPortInUse(error, simulatorPorts(host, basePort), port);
      });
      urls[simulator.name] = urlOf(host, (app.server.address() as AddressInfo).port);
    }
  } catch (error) {
    // Half-started simulators would hold their ports and keep the process alive.
    await closeAll();
    throw error;
  }
  return { urls, close: closeAll };
}

function urlOf(host: string, port: number): string {
  // A wildcard address is not something a client can call; loopback reaches it.
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}
