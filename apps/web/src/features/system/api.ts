import { HealthResponse } from '@motcua/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../lib/api';

/** Province deployed when /api/health cannot tell (Đồng Nai). */
export const DEFAULT_PROVINCE_CODE = '75';

export const healthQueryKey = ['system', 'health'] as const;

/** GET /api/health. A 503 still carries a health report (database down), so it is not an error. */
export function useHealth(options: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: healthQueryKey,
    queryFn: ({ signal }) => apiGet('/api/health', HealthResponse, { signal, acceptStatus: [503] }),
    staleTime: 30_000,
    refetchInterval: options.refetchInterval ?? false,
  });
}

export interface DeployedProvince {
  code: string;
  /** Null until /api/health answered (or when it failed). */
  name: string | null;
  /** True while the province is still unknown; callers wait before querying by province. */
  isPending: boolean;
}

/** The province this installation serves, from /api/health; falls back to the default code. */
export function useDeployedProvince(): DeployedProvince {
  const health = useHealth();
  if (health.data !== undefined) {
    return { code: health.data.province.code, name: health.data.province.name, isPending: false };
  }
  return { code: DEFAULT_PROVINCE_CODE, name: null, isPending: health.isPending };
}
