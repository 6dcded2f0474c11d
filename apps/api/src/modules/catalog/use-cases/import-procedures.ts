import type { ImportSummary, ParseIssue, ProcedureContent } from '@motcua/contracts';
import {
  ProcedureRecord,
  parseNationalDate,
} from '../../../integrations/national-catalog/index.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import type { CatalogRepository } from '../catalog.repository.js';
import { contentHash, normalizeRecord, shortestTime } from '../procedure.js';

/** The procedure row and the version row for a new content, shared by imports and edits. */
export function versionRows(input: {
  code: string;
  content: ProcedureContent;
  issues: ParseIssue[];
  hash: string;
  number: number;
  effectiveDate: string;
  source: 'national' | 'file' | 'edit';
  sourceUpdatedAt: Date | null;
  now: Date;
}) {
  const { code, content, now } = input;
  const time = shortestTime(content);
  return {
    row: {
      code,
      name: content.name,
      field: content.fields[0]?.name ?? '',
      levels: content.levels,
      isPublic: content.isPublic,
      currentVersion: input.number,
      contentHash: input.hash,
      parseIssues: input.issues,
      minTimeValue: time ? Math.round(time.value) : null,
      minTimeUnit: time?.unit ?? null,
      sourceUpdatedAt: input.sourceUpdatedAt,
      updatedAt: now,
    },
    version: {
      procedureCode: code,
      number: input.number,
      content,
      contentHash: input.hash,
      decisionNo: content.decisionNo,
      effectiveDate: input.effectiveDate,
      source: input.source,
      createdAt: now,
    },
  };
}

/** A record as it arrives from a source: parsed, or the reason it could not be read. */
export type IncomingRecord = { where: string; record: unknown } | { where: string; error: string };

export interface ImportOptions {
  source: 'national' | 'file';
  /** Records per transaction: a failure loses at most one batch, never earlier ones. */
  batchSize?: number;
  onProgress?: (done: number) => void;
}

const VN_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

/**
 * Loads records into the catalogue. A record whose content is unchanged creates nothing; a changed
 * one becomes a new version; a new one gets version 1 and a default local configuration. A record
 * that cannot be read is listed in the summary and the import goes on.
 */
export async function importProcedures(
  deps: { db: Db; repo: CatalogRepository; clock: Clock },
  records: AsyncIterable<IncomingRecord> | Iterable<IncomingRecord>,
  options: ImportOptions,
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    source: options.source,
    read: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    withParseIssues: 0,
  };
  const batchSize = options.batchSize ?? 200;
  let batch: { where: string; record: ProcedureRecord }[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    // The same code twice in one batch would race itself; the later record wins.
    const byCode = new Map(current.map((r) => [r.record.MATTHC.trim(), r]));
    await deps.db.transaction(async (tx) => {
      const heads = new Map(
        (await deps.repo.findHeads(tx, [...byCode.keys()])).map((h) => [h.code, h]),
      );
      const now = deps.clock.now();
      const newProcedures = [];
      const versions = [];
      const localConfigs = [];
      for (const [code, { record }] of byCode) {
        const { content, issues } = normalizeRecord(record);
        if (issues.length > 0) summary.withParseIssues += 1;
        const hash = contentHash(content);
        const head = heads.get(code);
        if (head?.contentHash === hash) {
          summary.unchanged += 1;
          // Same content read by a better parser: refresh the findings, not the version.
          if (JSON.stringify(head.parseIssues) !== JSON.stringify(issues)) {
            await deps.repo.updateProcedure(tx, { code, parseIssues: issues });
          }
          continue;
        }
        const sourceUpdated = parseNationalDate(record.NGAYCAPNHAT);
        // The national record's update date is its effective date; a file has none of its own.
        const effectiveDate = VN_DATE.format(
          options.source === 'national' && sourceUpdated ? sourceUpdated : now,
        );
        const { row, version } = versionRows({
          code,
          content,
          issues,
          hash,
          number: (head?.currentVersion ?? 0) + 1,
          effectiveDate,
          source: options.source,
          sourceUpdatedAt: options.source === 'national' ? (sourceUpdated ?? null) : null,
          now,
        });
        versions.push(version);
        if (head) {
          summary.updated += 1;
          await deps.repo.updateProcedure(tx, row);
        } else {
          summary.created += 1;
          newProcedures.push(row);
          const online = content.channels.some((c) => c.channel === 'online');
          localConfigs.push({ procedureCode: code, onlineLevel: online ? 'partial' : 'none' });
        }
      }
      await deps.repo.insertProcedures(tx, newProcedures);
      await deps.repo.insertVersions(tx, versions);
      await deps.repo.insertLocalConfigs(tx, localConfigs);
    });
    options.onProgress?.(summary.read);
  };

  for await (const incoming of records) {
    summary.read += 1;
    if ('error' in incoming) {
      summary.rejected.push({ where: incoming.where, message: incoming.error });
      continue;
    }
    const parsed = ProcedureRecord.safeParse(incoming.record);
    if (!parsed.success) {
      summary.rejected.push({
        where: incoming.where,
        message: parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; '),
      });
      continue;
    }
    batch.push({ where: incoming.where, record: parsed.data });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  options.onProgress?.(summary.read);
  return summary;
}
