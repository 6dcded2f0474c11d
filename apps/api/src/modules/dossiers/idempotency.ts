import type { Actor } from './dossier.js';

/**
 * The key a request's Idempotency-Key is stored under: scoped to the caller and the kind of
 * request. Looked up across all callers, a key sent by one ward's officer (or a citizen) replayed
 * the dossier another caller had filed with it, applicant data included (issue 13, item 1); now
 * the same key from someone else is simply a new request. Migration 0011 rewrote the keys stored
 * before into this form, so the demo seed and earlier retries still find theirs.
 */
export function callerScopedKey(use: 'file' | 'act', actor: Actor, key: string): string {
  return `${use}:${actor.kind}:${actor.id}:${key}`;
}
