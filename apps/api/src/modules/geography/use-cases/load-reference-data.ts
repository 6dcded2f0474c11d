import type { Clock } from '../../../platform/clock.js';
import type { Logger } from '../../../platform/logger.js';
import type { GeographyRepository } from '../geography.repository.js';
import { readReferenceData } from '../reference-data.js';

/** Loads the vendored map into the database when it is missing or the files changed. */
export async function loadReferenceData(deps: {
  repo: GeographyRepository;
  dataDir: string;
  clock: Clock;
  log: Logger;
}): Promise<{ loaded: boolean; counts: Record<string, number> }> {
  const data = await readReferenceData(deps.dataDir);
  const existing = await deps.repo.findDataset();
  if (existing?.checksum === data.checksum) {
    return { loaded: false, counts: data.counts };
  }
  await deps.repo.replaceReferenceData(data, deps.clock.now());
  deps.log.info({ counts: data.counts }, 'administrative-unit reference data loaded');
  return { loaded: true, counts: data.counts };
}
