import { z } from 'zod';
import { defineJob } from '../../platform/jobs.ts';
import { systemActor } from '../../platform/actor.ts';
import { retrainTask } from './classifiers.service.ts';

/** Retraining asked for from the admin page: CPU-bound, so it runs in a worker, not in the request. */
export const retrainJob = defineJob({
  name: 'classifiers.retrain',
  payload: z.object({ tenantId: z.uuid(), task: z.string().min(1).max(64), tolerance: z.number().min(0).max(1).default(0) }),
  maxAttempts: 2,
  async run({ db, log, payload }) {
    const v = await retrainTask(db, systemActor(payload.tenantId), payload.task, { tolerance: payload.tolerance });
    log.info({ task: v.task, version: v.version, status: v.status, macroF1: v.metrics.macroF1 }, 'classifier retrained');
  },
});
