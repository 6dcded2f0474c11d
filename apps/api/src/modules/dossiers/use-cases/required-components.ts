import type { CounterIntakeRequest, ProcedureDetail } from '@motcua/contracts';
import { missingComponents } from '../../catalog/index.js';
import { AppError } from '../../../platform/errors.js';
import type { Channel } from '../dossier.js';
import type { DossiersKit } from './kit.js';

/**
 * A dossier is received only complete (NĐ 118/2025 Art. 17: the one-stop unit checks that the
 * components are complete before it issues the receipt; an incomplete one is guided to complete,
 * not numbered). Online, the citizen's draft must hold a file for each required component (the
 * e-form standing for the declaration); at the counter the officer must have recorded each as
 * received, unless the dossier is refused on the spot. Demo dossiers (no account) are exempt.
 */
export async function assertRequiredComponents(
  kit: DossiersKit,
  detail: ProcedureDetail,
  input: {
    procedureCode: string;
    channel: Channel;
    applicantAccountId: string | null;
    intake?: Pick<CounterIntakeRequest, 'received'> | undefined;
    refusal?: { reason: string } | null | undefined;
  },
): Promise<void> {
  let handedIn: string[];
  if (input.channel === 'online') {
    if (input.applicantAccountId === null) return;
    const draft = await kit.files.findDraft(
      kit.deps.db,
      input.applicantAccountId,
      input.procedureCode,
    );
    handedIn = draft
      ? (await kit.files.ofDraft(kit.deps.db, draft.id)).map((f) => f.component)
      : [];
  } else {
    if (input.refusal) return;
    handedIn = (input.intake?.received ?? []).map((c) => c.name);
  }
  assertHandedIn(detail, input.channel, handedIn);
}

/**
 * The same rule on a given list of components: at submission, on the files the draft still held
 * when its row was locked, since a concurrent submission (two tabs, other keys) may have taken
 * them after the check above read them.
 */
export function assertHandedIn(detail: ProcedureDetail, channel: Channel, handedIn: string[]) {
  const issues = missingComponents(detail.checklist.items, handedIn, {
    at: channel === 'online' ? 'online' : 'counter',
    eformAnswers: channel === 'online' && detail.local.eform !== null,
  });
  if (issues.length === 0) return;
  throw new AppError(
    'VALIDATION_FAILED',
    issues.length === 1 ? issues[0]!.message : `Có ${issues.length} thông tin chưa hợp lệ.`,
    { issues },
  );
}
