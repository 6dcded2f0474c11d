import type { Clock } from '../../../platform/clock.js';
import type { DbExecutor } from '../../../platform/db/database.js';
import { enqueueJob } from '../../../platform/jobs/jobs.js';
import type { Logger } from '../../../platform/logger.js';
import type { GeographyRepository } from '../geography.repository.js';
import { readReferenceData } from '../reference-data.js';

// graphile-worker's crontab accepts [_a-zA-Z0-9:/-] in task names: "<module>:<verb-noun>".
export const CHECK_TASK = 'geography:check-reference-data';

export interface CheckFinding {
  item: string;
  expected: number;
  actual: number;
}

/**
 * Requests a check through the outbox: the check row and its job commit together, so a
 * request is never lost and never runs without its row.
 */
export async function requestReferenceCheck(
  deps: { repo: GeographyRepository; clock: Clock },
  tx: DbExecutor,
  trigger: 'schedule' | 'request',
): Promise<number> {
  const id = await deps.repo.insertCheck(tx, trigger, deps.clock.now());
  await enqueueJob(tx, CHECK_TASK, { checkId: id }, { maxAttempts: 3 });
  return id;
}

/** Compares the database with the vendored files and the deployed province's expectations. */
export async function runReferenceCheck(
  deps: {
    repo: GeographyRepository;
    dataDir: string;
    clock: Clock;
    log: Logger;
    provinceCode: string;
  },
  checkId: number,
): Promise<'passed' | 'failed'> {
  const data = await readReferenceData(deps.dataDir);
  const counts = await deps.repo.countUnits();
  const actual = (snapshot: string, level: string) =>
    counts.find((c) => c.snapshot === snapshot && c.level === level)?.n ?? 0;
  const findings: CheckFinding[] = [
    {
      item: 'current provinces',
      expected: data.counts.currentProvinces ?? 0,
      actual: actual('current', 'province'),
    },
    {
      item: 'current communes',
      expected: data.counts.currentCommunes ?? 0,
      actual: actual('current', 'commune'),
    },
    {
      item: '2025-07-01 communes',
      expected: data.counts.july2025Communes ?? 0,
      actual: actual('2025-07-01', 'commune'),
    },
    {
      item: 'pre-2025 communes',
      expected: data.counts.pre2025Communes ?? 0,
      actual: actual('pre-2025', 'commune'),
    },
    {
      item: `province ${deps.provinceCode} communes`,
      expected: data.units.filter(
        (u) =>
          u.snapshot === 'current' && u.level === 'commune' && u.provinceCode === deps.provinceCode,
      ).length,
      actual: (await deps.repo.listCommunes('current', deps.provinceCode)).length,
    },
  ];
  const dataset = await deps.repo.findDataset();
  const checksumOk = dataset?.checksum === data.checksum;
  const ok = checksumOk && findings.every((f) => f.expected === f.actual && f.expected > 0);
  const status = ok ? 'passed' : 'failed';
  await deps.repo.finishCheck(checkId, status, { checksumOk, findings }, deps.clock.now());
  if (!ok) deps.log.warn({ checkId, findings, checksumOk }, 'reference-data check failed');
  return status;
}
