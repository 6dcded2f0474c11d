import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ChecklistItem, PaymentRule, ProcedureCode } from '@motcua/contracts';
import { z } from 'zod';
import type { Logger } from '../../../platform/logger.js';
import type { CatalogRepository } from '../catalog.repository.js';

const ChecklistFile = z.object({
  procedureCode: ProcedureCode,
  items: z.array(ChecklistItem).min(1),
});
const EformFile = z.record(z.string(), z.unknown());
/** data/catalog/payment-rules.json: when fees are asked per procedure (issue 17). */
const PaymentRulesFile = z.object({ items: z.record(ProcedureCode, PaymentRule) });

async function jsonFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => path.join(dir, f));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * The bundled defaults (data/catalog/checklists/<code>.json, data/catalog/eforms/<code>.json)
 * copied into each procedure's local configuration that has none. Every start, idempotent: a
 * procedure the province configured keeps its own. A file that does not parse is reported and
 * skipped: one bad file must not keep the system from starting.
 */
export async function seedLocalDefaults(
  repo: CatalogRepository,
  dir: string,
  log: Logger,
): Promise<{ checklists: number; eforms: number; paymentRules: number }> {
  const filled = { checklists: 0, eforms: 0, paymentRules: 0 };
  const read = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as unknown;

  for (const file of await jsonFiles(path.join(dir, 'checklists'))) {
    const parsed = ChecklistFile.safeParse(await read(file).catch(() => undefined));
    if (!parsed.success) {
      log.warn({ file, issues: parsed.error?.issues.slice(0, 3) }, 'checklist file skipped');
      continue;
    }
    const { procedureCode, items } = parsed.data;
    if (await repo.fillLocalDefault(procedureCode, { checklist: items })) filled.checklists += 1;
  }

  for (const file of await jsonFiles(path.join(dir, 'eforms'))) {
    const code = ProcedureCode.safeParse(path.basename(file, '.json'));
    const schema = EformFile.safeParse(await read(file).catch(() => undefined));
    if (!code.success || !schema.success) {
      log.warn({ file }, 'e-form file skipped');
      continue;
    }
    if (await repo.fillLocalDefault(code.data, { eform: schema.data })) filled.eforms += 1;
  }

  const rulesFile = path.join(dir, 'payment-rules.json');
  const rules = PaymentRulesFile.safeParse(await read(rulesFile).catch(() => undefined));
  if (rules.success) {
    for (const [code, payment] of Object.entries(rules.data.items)) {
      if (await repo.fillLocalDefault(code, { payment })) filled.paymentRules += 1;
    }
  } else if (existsSync(rulesFile)) {
    log.warn({ file: rulesFile, issues: rules.error.issues.slice(0, 3) }, 'payment rules skipped');
  }
  return filled;
}
