export * from './contract.js';
export {
  createDvcqgClient,
  isAlreadyExists,
  type DvcqgClient,
  type DvcqgClientOptions,
  type SyncOutcome,
} from './client.js';
