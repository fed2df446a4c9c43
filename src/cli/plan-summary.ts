import type { ParsedPlan, Timeline } from '../nlp/plan-parser.ts';

const dmy = (iso: string | null): string | null => {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
};

function timelineText(t: Timeline): string {
  switch (t.kind) {
    case 'recurring':
      return 'thường xuyên';
    case 'annual':
      return 'hằng năm';
    case 'deadline':
      return `hạn ${dmy(t.due) ?? '?'}`;
    case 'period':
      return t.from && t.to ? (t.from === t.to ? `năm ${t.from}` : `${t.from}–${t.to}`) : t.to ? `đến ${t.to}` : `từ ${t.from ?? '?'}`;
    default:
      return t.text ? `"${t.text}" (chưa rõ)` : 'chưa nêu';
  }
}

const RECURRENCE: Record<string, string> = {
  annual: 'hằng năm',
  semiannual: '6 tháng',
  quarterly: 'hằng quý',
  monthly: 'hằng tháng',
  once: 'một lần',
  ad_hoc: 'đột xuất',
};

/** A readable Vietnamese summary of a parsed plan (for `dongthuan plan parse` without --json). */
export function formatPlanSummary(p: ParsedPlan): string {
  const out: string[] = [];
  out.push(`Kế hoạch: ${p.number ?? '(chưa có số)'}${p.date ? ` ngày ${dmy(p.date)}` : ''}`);
  if (p.issuer) out.push(`Cơ quan ban hành: ${p.issuer}`);
  if (p.place) out.push(`Địa danh: ${p.place}`);
  if (p.title) out.push(`Tiêu đề: ${p.title}`);
  if (p.basis.length > 0) out.push(`Căn cứ: ${p.basis.map((b) => `${b.kind ? `${b.kind} ` : ''}${b.number}${b.date ? ` (${dmy(b.date)})` : ''}`).join('; ')}`);
  out.push('', `Nhiệm vụ (${p.tasks.length}):`);
  for (const t of p.tasks) {
    out.push(`  ${t.ref}. ${t.title}`);
    out.push(`      Chủ trì: ${t.lead.join('; ') || '(chưa rõ)'}`);
    if (t.coordinating.length > 0) out.push(`      Phối hợp: ${t.coordinating.join('; ')}`);
    out.push(`      Thời gian: ${timelineText(t.timeline)}`);
    if (t.outputs) out.push(`      Sản phẩm: ${t.outputs}`);
  }
  if (p.responsibilities.length > 0) {
    out.push('', 'Tổ chức thực hiện:');
    for (const r of p.responsibilities) out.push(`  ${r.section}: ${r.agency}`);
  }
  if (p.reporting.length > 0) {
    out.push('', 'Chế độ báo cáo:');
    for (const r of p.reporting) {
      const when = r.day && r.month ? ` trước ngày ${r.day}/${r.month}${r.year ? `/${r.year}` : ''}` : '';
      out.push(`  ${r.who || '(chưa rõ)'} → ${r.to ?? '(chưa rõ)'}${when}, ${RECURRENCE[r.recurrence] ?? r.recurrence}`);
    }
  }
  if (p.signer.name || p.signer.title) out.push('', `Người ký: ${[p.signer.title, p.signer.name].filter(Boolean).join(' ')}`);
  if (p.warnings.length > 0) out.push('', `Cảnh báo: ${p.warnings.length} (xem stderr)`);
  return `${out.join('\n')}\n`;
}
