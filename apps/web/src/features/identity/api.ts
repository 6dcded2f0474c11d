import { LogoutResponse, OfficerList, SessionInfo, type LoginRequest } from '@motcua/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend, isApiError, setCsrfToken } from '../../lib/api';

const SESSION_KEY = ['identity', 'session'] as const;

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
    queryKey: ['identity', 'officers'],
    queryFn: ({ signal }) => apiGet('/api/admin/identity/officers', OfficerList, { signal }),
    enabled,
  });
}
