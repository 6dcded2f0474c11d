import { sql } from 'drizzle-orm';
import {
  Logger as WorkerLogger,
  run,
  type Runner,
  type Task,
  type TaskList,
} from 'graphile-worker';
import type pg from 'pg';
import type { Db, DbExecutor } from '../db/database.js';
import type { Logger } from '../logger.js';

export type { Task, TaskList };

/** What a module contributes to the job runner. */
export interface JobDefinitions {
  tasks: TaskList;
  /** graphile-worker crontab lines, e.g. `0 19 * * * geography:check-reference-data` */
  crontab: string[];
}

export interface EnqueueOptions {
  /** Deduplicates: a second enqueue with the same key replaces the pending job. */
  jobKey?: string;
  runAt?: Date;
  maxAttempts?: number;
  queueName?: string;
}

/**
 * Transactional outbox: the job row is written by the caller's transaction, so it
 * exists exactly when the state change that triggers it commits.
 */
export async function enqueueJob(
  tx: DbExecutor,
  task: string,
  payload: Record<string, unknown>,
  options: EnqueueOptions = {},
): Promise<void> {
  await tx.execute(sql`
    SELECT graphile_worker.add_job(
      identifier := ${task},
      payload := ${JSON.stringify(payload)}::json,
      queue_name := ${options.queueName ?? null},
      run_at := ${options.runAt?.toISOString() ?? null}::timestamptz,
      max_attempts := ${options.maxAttempts ?? 10},
      job_key := ${options.jobKey ?? null}
    )`);
}

export function mergeJobDefinitions(parts: JobDefinitions[]): JobDefinitions {
  const tasks: TaskList = {};
  for (const part of parts) {
    for (const [name, task] of Object.entries(part.tasks)) {
      if (tasks[name]) throw new Error(`duplicate task name ${name}`);
      tasks[name] = task;
    }
  }
  return { tasks, crontab: parts.flatMap((p) => p.crontab) };
}

function workerLogger(log: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const target =
      level === 'error'
        ? 'error'
        : level === 'warning'
          ? 'warn'
          : level === 'info'
            ? 'info'
            : 'debug';
    log[target]({ worker: scope, ...meta }, message);
  });
}

export interface JobRunner {
  stop(): Promise<void>;
}

export async function startJobRunner(options: {
  pool: pg.Pool;
  jobs: JobDefinitions;
  concurrency: number;
  log: Logger;
  pollIntervalMs?: number;
}): Promise<JobRunner> {
  const runner: Runner = await run({
    pgPool: options.pool,
    concurrency: options.concurrency,
    taskList: options.jobs.tasks,
    crontab: options.jobs.crontab.join('\n'),
    // Shutdown is ours: the HTTP server drains first, then the worker.
    noHandleSignals: true,
    pollInterval: options.pollIntervalMs ?? 1_000,
    logger: workerLogger(options.log),
  });
  return { stop: () => runner.stop() };
}

export interface QueueHealth {
  status: 'up' | 'down';
  queued?: number;
  failed?: number;
}

export async function checkQueue(db: Db): Promise<QueueHealth> {
  try {
    const result = await db.execute<{ queued: string; failed: string }>(sql`
      SELECT count(*) FILTER (WHERE attempts < max_attempts) AS queued,
             count(*) FILTER (WHERE attempts >= max_attempts) AS failed
      FROM graphile_worker.jobs`);
    const row = result.rows[0];
    return { status: 'up', queued: Number(row?.queued ?? 0), failed: Number(row?.failed ?? 0) };
  } catch {
    return { status: 'down' };
  }
}
