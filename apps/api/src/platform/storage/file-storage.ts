/**
 * Where file bytes live, by key. Callers choose the keys and keep the metadata (checksum, type)
 * in their own tables, so a backend only has to store and return bytes.
 */
export interface FileStorage {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes, or undefined when nothing is stored under the key. */
  get(key: string): Promise<Buffer | undefined>;
  /** Removing a missing key is not an error: deletes are retried after crashes. */
  delete(key: string): Promise<void>;
}

/** Keys must not climb out of their root (local disk) nor carry odd characters (S3 URLs). */
export function assertSafeKey(key: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,300}$/.test(key) || key.split('/').includes('..')) {
    throw new Error(`unsafe storage key: ${key}`);
  }
}
