import { MinistryDossierList, type MinistryDossierQuery } from '@motcua/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../lib/api';

export type MinistryFilter = Partial<
  Pick<MinistryDossierQuery, 'source' | 'status' | 'agency' | 'overdue' | 'q' | 'page'>
>;

/** GET /api/officer/ministry-dossiers: read-only, as the ministries' systems reported them. */
export function useMinistryDossiers(filter: MinistryFilter, enabled: boolean) {
  return useQuery({
    queryKey: ['ministry', 'dossiers', filter],
    queryFn: ({ signal }) =>
      apiGet('/api/officer/ministry-dossiers', MinistryDossierList, {
        signal,
        query: { ...filter, pageSize: 25 },
      }),
    enabled,
    placeholderData: keepPreviousData,
  });
}
