import { z } from 'zod';

export const ComponentStatus = z.enum(['up', 'down']);
export type ComponentStatus = z.infer<typeof ComponentStatus>;

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  uptimeSeconds: z.number(),
  province: z.object({ code: z.string(), name: z.string() }),
  database: z.object({ status: ComponentStatus, latencyMs: z.number().optional() }),
  jobs: z.object({
    status: ComponentStatus,
    queued: z.number().optional(),
    failed: z.number().optional(),
    inProcessWorker: z.boolean(),
  }),
  /** The largest file accepted per upload (UPLOAD_MAX_BYTES): the web refuses bigger ones before sending. */
  uploads: z.object({ maxBytes: z.number().int() }),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
