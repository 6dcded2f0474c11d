/** `npm run sim`: runs the simulators on their own, e.g. beside an API started with START_SIMULATORS=false. */
import { CONTROL_PREFIX } from './common/simulator/fault-switch.js';
import { startSimulators } from './simulators.js';

const host = process.env.SIM_HOST || '127.0.0.1';
const basePort = Number(process.env.SIM_BASE_PORT || 4010);
if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65535) {
  console.error(
    `SIM_BASE_PORT phải là số cổng 0–65535 (nhận được "${process.env.SIM_BASE_PORT}").`,
  );
  process.exit(1);
}

const simulators = await startSimulators({ host, basePort });
for (const [name, url] of Object.entries(simulators.urls)) {
  console.log(`${name.padEnd(18)} ${url}   fault switch: ${url}${CONTROL_PREFIX}/fault`);
}

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping simulators…`);
  // Once the listeners are closed nothing is left on the event loop and the process exits.
  simulators.close().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
