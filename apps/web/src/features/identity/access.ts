import type { SessionInfo } from '@motcua/contracts';
import { useSession } from './api';

/** What the signed-in account may do, from the session answer; everything false when anonymous. */
export interface Access {
  session: SessionInfo | null;
  /** Still asking the server: show nothing permission-bound yet (no flash of links). */
  pending: boolean;
  kind: SessionInfo['account']['kind'] | null;
  /**
   * The server grants `action` on `subject` somewhere (`everywhere`: province-wide, as the
   * administrator pages of shared data require). The server still checks every request.
   */
  can(action: string, subject: string, options?: { everywhere?: boolean }): boolean;
}

export function accessOf(session: SessionInfo | null, pending = false): Access {
  return {
    session,
    pending,
    kind: session?.account.kind ?? null,
    can: (action, subject, options) =>
      session?.permissions.some(
        (p) =>
          p.action === action && p.subject === subject && (!options?.everywhere || p.everywhere),
      ) ?? false,
  };
}

export function useAccess(): Access {
  const session = useSession();
  return accessOf(session.data ?? null, session.isPending);
}
