import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { importPlanFile } from './plans.import.ts';
import { addTaskUpdate, listTasks, publishImport } from './plans.service.ts';

const demoPlanFile = fileURLToPath(new URL('./demo/269-KH-UBND-2023.txt', import.meta.url));

/**
 * The demo province's plan: Thừa Thiên Huế's 269/KH-UBND (a public document), imported through
 * the real upload → parse → review draft → publish path, with some progress recorded.
 */
export async function loadDemoPlans(ctx: AppContext, actor: Actor): Promise<{ plans: number; tasks: number }> {
  const imp = await importPlanFile(ctx, actor, '269-KH-UBND-2023.txt', fs.readFileSync(demoPlanFile));
  const { id: planId } = await publishImport(ctx.db, actor, imp.id, imp.version);
  const tasks = await listTasks(ctx.db, actor, { planId });
  const notes = [
    { status: 'done' as const, note: 'Đã đăng 48 bản tin chính sách trên ứng dụng Hue-S và Zalo Trung tâm HueIOC trong năm.' },
    { status: 'in_progress' as const, note: 'Đã truyền thông 3/5 dự thảo nghị quyết có tác động lớn; 2 dự thảo đang lấy ý kiến.' },
    { status: 'in_progress' as const, note: 'Đã tổ chức 1 lớp tập huấn cho 85 cán bộ; lớp thứ hai dự kiến quý IV.' },
  ];
  for (const [i, task] of tasks.entries()) {
    const lead = task.agencies.find((a) => a.role === 'lead');
    const n = notes[i % notes.length]!;
    if (!lead) continue;
    await addTaskUpdate(ctx.db, actor, task.id, {
      agencyId: lead.agencyId,
      milestoneId: task.milestones.length > 1 ? task.milestones[0]!.id : null,
      status: n.status,
      note: n.note,
      evidence: [],
    });
  }
  return { plans: 1, tasks: tasks.length };
}
