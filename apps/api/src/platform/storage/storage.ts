export type { FileStorage } from './file-storage.js';
import { createS3Storage, type S3Settings } from './s3-storage.js';
import type { FileStorage } from './file-storage.js';
import { createLocalStorage } from './local-storage.js';

export type StorageSettings = { kind: 'local'; dir: string } | ({ kind: 's3' } & S3Settings);

export function createStorage(settings: StorageSettings): FileStorage {
  return settings.kind === 's3' ? createS3Storage(settings) : createLocalStorage(settings.dir);
}
