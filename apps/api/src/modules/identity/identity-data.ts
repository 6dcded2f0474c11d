import { readFile } from 'node:fs/promises';
import { Role, Scope } from '@motcua/contracts';
import { z } from 'zod';

const ElectronicId = z.string().regex(/^[0-9A-Z]{2,4}(\.[0-9A-Z]{2,4}){1,4}$/);

/**
 * data/identity/demo-accounts.json: officers for demos and tests, placed in real agencies of
 * the seed organisation by electronic ID. Some are faulty on purpose so that the permission
 * audit has something to find (`fault` says which).
 */
export const DemoAccountsFile = z.object({
  notes: z.array(z.string()).default([]),
  /** One password for every demo officer: demo only, refused in production. */
  password: z.string().min(10),
  units: z.array(
    z.object({ agency: ElectronicId, code: z.string().min(1), name: z.string().min(3) }),
  ),
  accounts: z
    .array(
      z.object({
        username: z.string().regex(/^[a-z0-9._-]{3,60}$/),
        displayName: z.string().min(3),
        /** The work phone forms print for applicants to call (form 02). */
        phone: z.string().nullable().default(null),
        memberships: z
          .array(
            z.object({
              agency: ElectronicId,
              unit: z.string().nullable().default(null),
              position: z.string().nullable().default(null),
            }),
          )
          .default([]),
        roles: z
          .array(
            z.object({
              role: Role,
              scope: Scope,
              agency: ElectronicId.nullable().default(null),
              /** Unit code inside `agency`. */
              unit: z.string().nullable().default(null),
            }),
          )
          .default([]),
        active: z.boolean().default(true),
        /** Pretend the officer last signed in on this date (to show the 90-day audit). */
        lastSignInAt: z.iso.datetime({ offset: true }).nullable().default(null),
        /** Which audit finding this account demonstrates, if any. */
        fault: z.string().nullable().default(null),
      }),
    )
    .min(1),
  delegations: z
    .array(
      z.object({
        from: z.string(),
        to: z.string(),
        role: Role,
        validFrom: z.iso.datetime({ offset: true }),
        validUntil: z.iso.datetime({ offset: true }),
        reason: z.string().nullable().default(null),
      }),
    )
    .default([]),
});
export type DemoAccountsFile = z.infer<typeof DemoAccountsFile>;

export async function readDemoAccountsFile(file: string): Promise<DemoAccountsFile> {
  const parsed = DemoAccountsFile.parse(JSON.parse(await readFile(file, 'utf8')));
  const names = new Set<string>();
  for (const a of parsed.accounts) {
    if (names.has(a.username)) throw new Error(`${file}: duplicate username ${a.username}`);
    names.add(a.username);
  }
  for (const d of parsed.delegations) {
    if (!names.has(d.from) || !names.has(d.to))
      throw new Error(`${file}: delegation names an unknown account`);
  }
  return parsed;
}
