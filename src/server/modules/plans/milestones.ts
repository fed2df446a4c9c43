import type { TimelineKind } from './plans.tables.ts';

export interface TimelineInput {
  kind: TimelineKind;
  due: string | null;
  from: string | null;
  to: string | null;
}

export interface Milestone {
  label: string;
  dueDate: string;
}

/** "2025" → 2025-12-31, "12/2024" → 2024-12-31, "2024-11-15" stays. */
export function endOf(value: string | null): string | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const monthYear = /^(\d{1,2})\s*\/\s*(\d{4})$/.exec(v);
  if (monthYear) return lastDayOfMonth(Number(monthYear[2]), Number(monthYear[1]));
  const isoMonth = /^(\d{4})-(\d{2})$/.exec(v);
  if (isoMonth) return lastDayOfMonth(Number(isoMonth[1]), Number(isoMonth[2]));
  const year = /(\d{4})/.exec(v);
  return year ? `${year[1]}-12-31` : null;
}

function lastDayOfMonth(year: number, month: number): string | null {
  if (month < 1 || month > 12) return null;
  const d = new Date(Date.UTC(year, month, 0));
  return d.toISOString().slice(0, 10);
}

function yearOf(value: string | null): number | null {
  const m = value ? /(\d{4})/.exec(value) : null;
  return m ? Number(m[1]) : null;
}

/**
 * Turns a task's timeline into due dates people can be held to: a deadline is one due date,
 * a period ends on its last day, an annual task has one milestone per year and a recurring
 * task a check-in at the end of every quarter, from the plan's date to its horizon.
 */
export function milestonesFor(timeline: TimelineInput, plan: { issuedOn: string | null; horizonYear: number }): Milestone[] {
  const startYear = yearOf(timeline.from) ?? yearOf(plan.issuedOn) ?? plan.horizonYear;
  const endYear = Math.max(startYear, yearOf(timeline.to) ?? plan.horizonYear);
  switch (timeline.kind) {
    case 'deadline': {
      const due = timeline.due ?? endOf(timeline.to);
      return due ? [{ label: 'Hạn hoàn thành', dueDate: due }] : [];
    }
    case 'period': {
      const due = endOf(timeline.to) ?? `${endYear}-12-31`;
      return [{ label: `Kết thúc giai đoạn`, dueDate: due }];
    }
    case 'annual': {
      const out: Milestone[] = [];
      for (let y = startYear; y <= endYear && out.length < 20; y++) out.push({ label: `Năm ${y}`, dueDate: `${y}-12-31` });
      return out;
    }
    case 'recurring': {
      const out: Milestone[] = [];
      const start = plan.issuedOn ?? `${startYear}-01-01`;
      const firstQuarter = Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1;
      for (let y = Number(start.slice(0, 4)); y <= endYear && out.length < 40; y++) {
        for (let q = y === Number(start.slice(0, 4)) ? firstQuarter : 1; q <= 4; q++) {
          out.push({ label: `Quý ${q}/${y}`, dueDate: lastDayOfMonth(y, q * 3)! });
        }
      }
      return out;
    }
    default:
      return [];
  }
}

/** The last year a plan covers: the latest year its title or tasks name, or two years after it was issued. */
export function planHorizon(title: string, issuedOn: string | null, taskYears: (string | null)[]): number {
  const years = [title, ...taskYears].flatMap((s) => (s ? [...s.matchAll(/\b(20\d{2})\b/g)].map((m) => Number(m[1])) : []));
  const issued = yearOf(issuedOn);
  if (years.length) return Math.max(...years, issued ?? 0);
  return (issued ?? new Date().getUTCFullYear()) + 2;
}
