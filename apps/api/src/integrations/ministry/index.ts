export * from './contract.js';
export {
  compareCursor,
  createMinistryClient,
  type MinistryClient,
  type MinistryClientOptions,
  type MinistryCursor,
  type MinistryPage,
} from './client.js';
