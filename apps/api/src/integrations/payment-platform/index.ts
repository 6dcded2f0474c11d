export * from './contract.js';
export {
  createPaymentPlatformClient,
  type PaymentPlatformClient,
  type PaymentPlatformClientOptions,
} from './client.js';
