import {
  ACCOUNT_IMPORT_TYPES,
  AccountImportReport,
  AgencyListResponse,
  ErrorBody,
  LogoutResponse,
  OfficerList,
  PermissionAudit,
  RoleGrant,
  SecurityEventList,
  SessionInfo,
  TotpSetup,
  UnitList,
  type LoginRequest,
  type RoleAssignmentInput,
  type SecurityEventKind,
  type TotpConfirm,
} from '@motcua/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiError, apiGet, apiSend, isApiError, setCsrfToken } from '../../lib/api';

const SESSION_KEY = ['identity', 'session'] as const;
const OFFICERS_KEY = ['identity', 'officers'] as const;

/** The signed-in account, or null when anonymous (401 is an answer here, not an error). */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async ({ signal }) => {
      try {
        const info = await apiGet('/api/auth/me', SessionInfo, { signal });
        setCsrfToken(info.csrfToken);
        return info;
      } catch (error) {
        if (isApiError(error) && error.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginRequest) => apiSend('POST', '/api/auth/login', SessionInfo, input),
    onSuccess: (info) => {
      setCsrfToken(info.csrfToken);
      client.setQueryData(SESSION_KEY, info);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend('POST', '/api/auth/logout', LogoutResponse),
    onSuccess: (result) => {
      setCsrfToken(null);
      client.setQueryData(SESSION_KEY, null);
      void client.invalidateQueries();
      // Signed in through VNeID: end that session too (the SSO sends the browser back here).
      if (result.redirectTo) window.location.assign(result.redirectTo);
    },
  });
}

export function useOfficers(enabled: boolean) {
  return useQuery({
    queryKey: OFFICERS_KEY,
    queryFn: ({ signal }) => apiGet('/api/admin/identity/officers', OfficerList, { signal }),
    enabled,
  });
}

// ---------------------------------------------------------------------------------------------
// Administration: officers, roles, import, audit, security log, second factor

const Ok = z.object({ ok: z.literal(true) });

function useAdminMutation<T>(fn: (input: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => void client.invalidateQueries({ queryKey: OFFICERS_KEY }),
  });
}

export function useSetActive() {
  return useAdminMutation((input: { id: string; active: boolean }) =>
    apiSend('POST', `/api/admin/identity/accounts/${input.id}/active`, Ok, {
      active: input.active,
    }),
  );
}

export function useResetPassword() {
  return useAdminMutation((input: { id: string; newPassword: string }) =>
    apiSend('POST', `/api/admin/identity/accounts/${input.id}/password`, Ok, {
      newPassword: input.newPassword,
    }),
  );
}

export function useGrantRole() {
  return useAdminMutation((input: { id: string; grant: RoleAssignmentInput }) =>
    apiSend('POST', `/api/admin/identity/accounts/${input.id}/roles`, RoleGrant, input.grant),
  );
}

export function useRevokeRole() {
  return useAdminMutation((assignmentId: string) =>
    apiSend('DELETE', `/api/admin/identity/roles/${assignmentId}`, Ok),
  );
}

export function useAgencyOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['identity', 'agency-options'],
    queryFn: ({ signal }) => apiGet('/api/agencies', AgencyListResponse, { signal }),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useUnits(enabled: boolean) {
  return useQuery({
    queryKey: ['identity', 'units'],
    queryFn: ({ signal }) => apiGet('/api/admin/identity/units', UnitList, { signal }),
    staleTime: 60_000,
    enabled,
  });
}

export function usePermissionAudit(enabled: boolean) {
  return useQuery({
    queryKey: ['identity', 'audit'],
    queryFn: ({ signal }) => apiGet('/api/admin/identity/audit', PermissionAudit, { signal }),
    enabled,
  });
}

export function useSecurityLog(enabled: boolean, kind: SecurityEventKind | undefined) {
  return useQuery({
    queryKey: ['identity', 'security-log', kind ?? null],
    queryFn: ({ signal }) =>
      apiGet('/api/admin/identity/security-log', SecurityEventList, {
        signal,
        query: { kind, limit: 200 },
      }),
    enabled,
  });
}

/** Raw-body upload (CSV or XLSX): apiSend only speaks JSON. */
async function postFile(path: string, file: File, csrf: string | null): Promise<Response> {
  const type = /\.xlsx$/i.test(file.name) ? ACCOUNT_IMPORT_TYPES.xlsx : ACCOUNT_IMPORT_TYPES.csv;
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': type,
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
      },
      credentials: 'same-origin',
      body: file,
    });
  } catch {
    throw new ApiError('NETWORK_ERROR', 'Network request failed');
  }
  if (!response.ok) {
    const parsed = ErrorBody.safeParse(await response.json().catch(() => undefined));
    if (parsed.success) {
      throw new ApiError(parsed.data.error.code, parsed.data.error.message, {
        status: response.status,
        requestId: parsed.data.requestId,
        issues: parsed.data.error.issues ?? [],
      });
    }
    throw new ApiError('INTERNAL', `HTTP ${response.status}`, { status: response.status });
  }
  return response;
}

export function useImportAccounts() {
  const client = useQueryClient();
  const session = useSession();
  return useMutation({
    mutationFn: async (file: File) => {
      const response = await postFile(
        '/api/admin/identity/accounts/import',
        file,
        session.data?.csrfToken ?? null,
      );
      const parsed = AccountImportReport.safeParse(await response.json());
      if (!parsed.success) throw new ApiError('INVALID_RESPONSE', 'Unexpected import report');
      return parsed.data;
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: OFFICERS_KEY }),
  });
}

/** Saves a file answered by a POST (the browser cannot follow a POST download link). */
export async function downloadImportReport(
  report: AccountImportReport,
  csrf: string | null,
): Promise<void> {
  const response = await fetch('/api/admin/identity/accounts/import/report', {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
    },
    credentials: 'same-origin',
    body: JSON.stringify(report),
  });
  if (!response.ok) throw new ApiError('INTERNAL', `HTTP ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = 'ket-qua-nhap-tai-khoan.xlsx';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function useTotpSetup() {
  return useMutation({
    mutationFn: () => apiSend('POST', '/api/auth/totp/setup', TotpSetup),
  });
}

export function useTotpConfirm() {
  return useMutation({
    mutationFn: (input: TotpConfirm) => apiSend('POST', '/api/auth/totp/confirm', Ok, input),
  });
}
