import type { JobDefinition, RecurringJob } from './platform/jobs.ts';
import { mailFlushJob } from './platform/mail.ts';
import { retrainJob } from './modules/classifiers/classifiers.jobs.ts';

/** Every job the product knows; modules add theirs here. */
export const jobDefinitions: JobDefinition<never>[] = [mailFlushJob as JobDefinition<never>, retrainJob as JobDefinition<never>];

export const recurringJobs: RecurringJob[] = [
  // Retries mail that could not be sent (SMTP down or not yet configured).
  { name: mailFlushJob.name, intervalSeconds: 60 },
];
