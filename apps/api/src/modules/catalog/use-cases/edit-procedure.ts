import type { EditProcedure } from '@motcua/contracts';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { CatalogRepository } from '../catalog.repository.js';
import { contentHash } from '../procedure.js';
import { versionRows } from './import-procedures.js';

/**
 * An administrator corrects a procedure (a review found processing time, fees or components to
 * adjust): the corrected content becomes a new version with its own effective date; the history
 * keeps every earlier one for the dossiers filed under it.
 */
export async function editProcedure(
  deps: { db: Db; repo: CatalogRepository; clock: Clock },
  code: string,
  edit: EditProcedure,
): Promise<number> {
  if (edit.content.code !== code) {
    throw new AppError('VALIDATION_FAILED', 'Mã thủ tục trong nội dung không khớp với đường dẫn.');
  }
  return deps.db.transaction(async (tx) => {
    const [head] = await deps.repo.findHeads(tx, [code]);
    if (!head) throw notFound(`Không tìm thấy thủ tục có mã ${code}.`);
    const hash = contentHash(edit.content);
    if (head.contentHash === hash) {
      throw new AppError('CONFLICT', 'Nội dung không thay đổi so với phiên bản hiện hành.');
    }
    const { row, version } = versionRows({
      code,
      content: edit.content,
      // Hand-edited content is what the administrator meant: nothing is left unparsed.
      issues: [],
      hash,
      number: head.currentVersion + 1,
      effectiveDate: edit.effectiveDate,
      source: 'edit',
      sourceUpdatedAt: null,
      now: deps.clock.now(),
    });
    await deps.repo.insertVersions(tx, [version]);
    await deps.repo.updateProcedure(tx, row);
    return version.number;
  });
}
