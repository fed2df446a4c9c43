import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Progress, Task, TaskStatus } from './api';

/** antd Tag/Badge colours per task status. */
export const STATUS_COLORS: Record<TaskStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  done: 'success',
  cannot_do: 'warning',
};

export const BADGE_STATUS: Record<TaskStatus, 'default' | 'processing' | 'success' | 'warning'> = {
  not_started: 'default',
  in_progress: 'processing',
  done: 'success',
  cannot_do: 'warning',
};

export function percentDone(progress: Progress): number {
  return progress.tasks ? Math.round((progress.done / progress.tasks) * 100) : 0;
}

/** Lead agencies first, as the plan names them. */
export function leadAgencies(task: Task) {
  return task.agencies.filter((a) => a.role === 'lead');
}

/** A plan named as Vietnamese texts cite it: "269/KH-UBND" or its title. */
export function planLabel(plan: { number: string | null; title: string }): string {
  return plan.number ? `${plan.number} — ${plan.title}` : plan.title;
}

/**
 * The task drawer is opened by `?task=ID` on any page, so a task can be linked to,
 * reloaded and closed with the browser's back button.
 */
export function useTaskParam(): [string | null, (id: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const taskId = params.get('task');
  const setTaskId = useCallback(
    (id: string | null) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('task', id);
        else next.delete('task');
        return next;
      }),
    [setParams],
  );
  return [taskId, setTaskId];
}

/** Days between an ISO date and today (positive = in the past). */
export function daysLate(isoDate: string, today = new Date()): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return 0;
  const due = Date.UTC(y, m - 1, d);
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((now - due) / 86_400_000);
}
