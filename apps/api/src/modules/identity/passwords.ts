import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2's default algorithm is argon2id with m=19 MiB, t=2, p=1: OWASP's recommended
// minimum. (Its Algorithm enum is a const enum that isolated modules cannot reference.)
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified when the username is unknown, so that response time does not reveal which usernames exist.
let dummy: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hash('motcua-dummy-password');
  await verifyPassword(await dummy, password);
}
