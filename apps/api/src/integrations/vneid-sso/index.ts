export * from './contract.js';
export {
  createVneidClient,
  type VneidAuthorization,
  type VneidClient,
  type VneidClientOptions,
  type VneidSignIn,
} from './client.js';
