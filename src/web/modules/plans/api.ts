/**
 * Plans, tasks and progress: the types of the server's contract
 * (src/server/modules/plans/plans.schemas.ts) and the queries and writes the pages use.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, ApiError, type ApiErrorBody } from '../../app/api';
import type { Session } from '../../app/auth';
import { ME_QUERY_KEY } from '../../app/queryClient';

export const TIMELINE_KINDS = ['recurring', 'annual', 'deadline', 'period', 'unspecified'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];
export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'cannot_do'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type AssignmentRole = 'lead' | 'coordinating';
export const RECURRENCES = ['annual', 'semiannual', 'quarterly', 'monthly', 'once', 'ad_hoc'] as const;

/** Largest plan document the server takes (config.maxUploadBytes). */
export const MAX_PLAN_FILE_BYTES = 20 * 1024 * 1024;
export const PLAN_FILE_EXTENSIONS = ['.txt', '.docx', '.pdf'] as const;

export interface Timeline {
  text: string | null;
  kind: TimelineKind;
  due: string | null;
  from: string | null;
  to: string | null;
}

export interface ProposedAgency {
  id: string;
  code: string;
  name: string;
  /** Why this agency: the successor of a former one, a member of a group… */
  reason: string | null;
}

/** One agency mention of the plan and the agencies chosen to carry it today. */
export interface DraftMention {
  mention: string;
  matchName: string | null;
  confidence: number | null;
  proposals: ProposedAgency[];
  /** Empty = unresolved: nobody is assigned for these words yet. */
  agencyIds: string[];
}

export interface DraftTask {
  ref: string;
  title: string;
  timeline: Timeline;
  outputs: string | null;
  lead: DraftMention[];
  coordinating: DraftMention[];
}

export interface ReportingRule {
  who: string | null;
  to: string | null;
  month: number | null;
  day: number | null;
  recurrence: string | null;
}

export interface Signer {
  name: string | null;
  title: string | null;
}

export interface PlanDraft {
  number: string | null;
  issuer: string | null;
  place: string | null;
  date: string | null;
  title: string;
  basis: { number: string; date: string | null }[];
  reporting: ReportingRule[];
  signer: Signer | null;
  parentPlanId: string | null;
  tasks: DraftTask[];
}

/** Offsets [start, end) into the import's text. */
export interface Span {
  start: number;
  end: number;
}

/** The parts of the parser's raw output (src/nlp/plan-parser.ts) the review screen reads. */
export interface ParsedTask {
  ref: string;
  title: string;
  lead: string[];
  coordinating: string[];
  unresolved?: string[];
  spans?: {
    ref: Span | null;
    title: Span | null;
    lead: Span[];
    coordinating: Span[];
    timeline: Span | null;
    outputs: Span | null;
  };
  confidence?: { title: number; lead: number; coordinating: number; timeline: number; outputs: number };
}

export interface ParsedPlan {
  basis?: { number: string; span?: Span | null }[];
  reporting?: { span?: Span | null }[];
  tasks?: ParsedTask[];
  spans?: Partial<Record<'number' | 'issuer' | 'place' | 'date' | 'title' | 'signerName' | 'signerTitle', Span | null>>;
  lostDiacritics?: boolean;
}

export type ImportStatus = 'review' | 'published' | 'discarded';

export interface PlanImport {
  id: string;
  fileName: string;
  status: ImportStatus;
  text: string;
  parsed: ParsedPlan | null;
  draft: PlanDraft;
  warnings: string[];
  planId: string | null;
  version: number;
  createdAt: string;
}

export interface PlanImportSummary {
  id: string;
  fileName: string;
  status: ImportStatus;
  title: string;
  planId: string | null;
  createdAt: string;
  version: number;
}

export interface Progress {
  tasks: number;
  done: number;
  inProgress: number;
  overdue: number;
  cannotDo: number;
}

export interface PlanSummary {
  id: string;
  number: string | null;
  title: string;
  issuer: string | null;
  issuedOn: string | null;
  parentPlanId: string | null;
  status: 'active' | 'closed';
  progress: Progress;
  version: number;
}

export interface AgencyStatus {
  agencyId: string;
  agencyName: string;
  role: AssignmentRole;
  reason: string | null;
  mention: string | null;
  status: TaskStatus;
  lastUpdateAt: string | null;
}

export interface Milestone {
  id: string;
  label: string;
  dueDate: string;
  overdue: boolean;
  done: boolean;
}

export interface Task {
  id: string;
  planId: string;
  planTitle: string;
  planNumber: string | null;
  ref: string;
  title: string;
  timeline: Timeline;
  outputs: string | null;
  agencies: AgencyStatus[];
  milestones: Milestone[];
  status: TaskStatus;
  overdue: boolean;
  nextDue: string | null;
  version: number;
}

export interface PlanDetail extends PlanSummary {
  place: string | null;
  basis: { number: string; date: string | null; planId: string | null }[];
  reporting: ReportingRule[];
  signer: Signer | null;
  parent: { id: string; number: string | null; title: string } | null;
  children: PlanSummary[];
  rollup: Progress;
  tasks: Task[];
  allowedActions: string[];
}

export type Evidence = { kind: 'link'; url: string; title?: string } | { kind: 'file'; sha256: string; name: string };

export interface TaskUpdate {
  id: string;
  agencyId: string;
  agencyName: string;
  milestoneId: string | null;
  status: TaskStatus;
  note: string;
  evidence: Evidence[];
  createdBy: string | null;
  createdAt: string;
}

export interface TaskDetail {
  task: Task;
  updates: TaskUpdate[];
  reportableAgencyIds: string[];
}

export interface TaskUpdateInput {
  agencyId?: string;
  milestoneId?: string | null;
  status: TaskStatus;
  note: string;
  evidence: Evidence[];
}

export interface CalendarItem {
  milestoneId: string;
  label: string;
  dueDate: string;
  taskId: string;
  taskRef: string;
  taskTitle: string;
  planId: string;
  planNumber: string | null;
  done: boolean;
  overdue: boolean;
}

export interface TaskFilters {
  planId?: string;
  agencyId?: string;
  mine?: boolean;
  overdue?: boolean;
}

export const plansKeys = {
  all: ['plans'] as const,
  list: ['plans', 'list'] as const,
  detail: (id: string) => ['plans', 'detail', id] as const,
  imports: ['plans', 'imports'] as const,
  import: (id: string) => ['plans', 'import', id] as const,
  tasks: (filters: TaskFilters) => ['plans', 'tasks', filters] as const,
  task: (id: string) => ['plans', 'task', id] as const,
  calendar: (from: string, to: string, agencyId: string | undefined) => ['plans', 'calendar', from, to, agencyId ?? ''] as const,
};

const enc = encodeURIComponent;

export function usePlans() {
  return useQuery({
    queryKey: plansKeys.list,
    queryFn: ({ signal }) => api.get<{ items: PlanSummary[] }>('/api/plans', undefined, signal),
    select: (data) => data.items,
  });
}

export function usePlan(id: string | undefined) {
  return useQuery({
    queryKey: plansKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<PlanDetail>(`/api/plans/${enc(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useUpdatePlan(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { version: number; title?: string; parentPlanId?: string | null; status?: 'active' | 'closed' }) =>
      api.patch<{ ok: true }>(`/api/plans/${enc(id)}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: plansKeys.all }),
  });
}

export function usePlanImports(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: plansKeys.imports,
    queryFn: ({ signal }) => api.get<{ items: PlanImportSummary[] }>('/api/plan-imports', undefined, signal),
    select: (data) => data.items,
    enabled: options.enabled ?? true,
  });
}

export function usePlanImport(id: string | undefined) {
  return useQuery({
    queryKey: plansKeys.import(id ?? ''),
    queryFn: ({ signal }) => api.get<{ import: PlanImport }>(`/api/plan-imports/${enc(id ?? '')}`, undefined, signal),
    select: (data) => data.import,
    enabled: Boolean(id),
    // The review screen keeps its own working copy; a background refetch must not disturb it.
    staleTime: Infinity,
  });
}

export function useTasks(filters: TaskFilters, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: plansKeys.tasks(filters),
    queryFn: ({ signal }) =>
      api.get<{ items: Task[] }>(
        '/api/tasks',
        {
          planId: filters.planId,
          agencyId: filters.agencyId,
          mine: filters.mine ? 'true' : undefined,
          overdue: filters.overdue ? 'true' : undefined,
        },
        signal,
      ),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useTask(id: string | null) {
  return useQuery({
    queryKey: plansKeys.task(id ?? ''),
    queryFn: ({ signal }) => api.get<TaskDetail>(`/api/tasks/${enc(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useAddTaskUpdate(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TaskUpdateInput) => api.post<{ id: string }>(`/api/tasks/${enc(taskId)}/updates`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: plansKeys.all }),
  });
}

export function useCalendar(from: string, to: string, agencyId: string | undefined) {
  return useQuery({
    queryKey: plansKeys.calendar(from, to, agencyId),
    queryFn: ({ signal }) => api.get<{ items: CalendarItem[] }>('/api/calendar', { from, to, agencyId }, signal),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
  });
}

// ---------------------------------------------------------------- review writes

/**
 * The review screen's writes answer conflicts and unprocessable drafts as values, so the
 * screen can keep the reviewer's working copy and show what is wrong, instead of the
 * app-wide "reloaded" notice that would drop unsaved edits.
 */
export type ReviewResult<T> =
  | { ok: true; value: T }
  | { ok: false; conflict: true }
  | { ok: false; conflict: false; problems: string[]; message: string };

async function reviewCall<T>(call: () => Promise<T>): Promise<ReviewResult<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (error instanceof ApiError && error.isConflict) return { ok: false, conflict: true };
    if (error instanceof ApiError && (error.status === 422 || error.code === 'unprocessable')) {
      const details = error.details as { problems?: unknown } | null;
      const problems = Array.isArray(details?.problems) ? details.problems.map(String) : [];
      return { ok: false, conflict: false, problems, message: error.message };
    }
    throw error;
  }
}

export function saveImportDraft(id: string, version: number, draft: PlanDraft) {
  return reviewCall(() => api.patch<{ import: PlanImport }>(`/api/plan-imports/${enc(id)}`, { version, draft }));
}

export function publishImport(id: string, version: number) {
  return reviewCall(() => api.post<{ planId: string }>(`/api/plan-imports/${enc(id)}/publish`, { version }));
}

export function discardImport(id: string, version: number) {
  return reviewCall(() => api.post<{ ok: true }>(`/api/plan-imports/${enc(id)}/discard`, { version }));
}

// ---------------------------------------------------------------- upload

/**
 * Sends a plan document as the raw request body (the API takes no multipart), with the
 * session's CSRF token, reporting upload progress. Errors come back as {@link ApiError}
 * carrying the server's (Vietnamese) message.
 */
export function uploadPlanFile(
  queryClient: QueryClient,
  file: File,
  onProgress?: (percent: number) => void,
): { promise: Promise<PlanImport>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const csrf = queryClient.getQueryData<Session | null>(ME_QUERY_KEY)?.csrfToken ?? null;
  const promise = new Promise<PlanImport>((resolve, reject) => {
    xhr.open('POST', `/api/plan-imports?fileName=${enc(file.name)}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () =>
      reject(
        new ApiError(0, {
          code: 'network',
          message: 'Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.',
        }),
      );
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve((data as { import: PlanImport }).import);
        return;
      }
      const body = (data as { error?: Partial<ApiErrorBody> } | null)?.error;
      reject(
        new ApiError(xhr.status, {
          code: body?.code ?? `http_${xhr.status}`,
          message: body?.message ?? `Máy chủ trả lỗi ${xhr.status}.`,
          details: body?.details ?? null,
        }),
      );
    };
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}
