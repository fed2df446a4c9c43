import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { normalizePlanText, parsePlan } from '../../../nlp/plan-parser.ts';
import { directoryNames } from '../directory/directory.service.ts';
import { extractPlanText } from './plan-import.ts';
import { plansPolicy } from './plans.policy.ts';
import { createImport, type ParsedPlanInput } from './plans.service.ts';

const planFileTypes = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'text/plain',
];

/**
 * Upload → text → structure → review draft. The file is kept (content-addressed) so the
 * reviewer can always go back to the source; nothing becomes a plan before it is published.
 */
export async function importPlanFile(ctx: AppContext, actor: Actor, fileName: string, data: Buffer) {
  if (!plansPolicy.importPlan(actor)) throw forbidden();
  if (data.length > ctx.config.maxUploadBytes) {
    throw new AppError('payload_too_large', `Tệp vượt quá ${Math.round(ctx.config.maxUploadBytes / 1024 / 1024)} MB.`);
  }
  const extracted = await extractPlanText(data, fileName);
  // Stored as the parser saw it, so the source spans of the review screen point at the right words.
  const text = normalizePlanText(extracted.text);
  const warnings = extracted.warnings;
  const names = await directoryNames(ctx.db, actor);
  const parsed = parsePlan(text, { agencyNames: names }) as unknown as ParsedPlanInput & { warnings: string[] };
  parsed.warnings = [...warnings, ...(parsed.warnings ?? [])];
  const stored = await ctx.files.store(ctx.db, {
    data,
    originalName: fileName,
    tenantId: actor.tenantId,
    createdBy: actor.userId,
    allowed: planFileTypes,
    maxBytes: ctx.config.maxUploadBytes,
  });
  return createImport(ctx.db, actor, { fileName, fileSha256: stored.sha256, text, parsed });
}
