import { DossierLookup } from '@motcua/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../lib/api';

/** GET /api/dossiers/lookup?code=… — public tracking, no personal data beyond a masked name. */
export function useDossierLookup(code: string) {
  return useQuery({
    queryKey: ['dossiers', 'lookup', code],
    queryFn: ({ signal }) =>
      apiGet('/api/dossiers/lookup', DossierLookup, { signal, query: { code } }),
    enabled: code !== '',
    retry: false,
  });
}
