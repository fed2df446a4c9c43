/**
 * The review screen's reading of the parser's raw output: where in the source text each
 * field of the draft came from, and how sure the parser was of it.
 */
import type { DraftMention, DraftTask, ParsedPlan, ParsedTask, PlanDraft, Span } from './api';

/** Below this the parser (or the agency resolver) is unsure: the field is marked for a look. */
export const LOW_CONFIDENCE = 0.7;

export type HeaderField = 'number' | 'issuer' | 'place' | 'date' | 'title' | 'signerName' | 'signerTitle';
export type TaskField = 'ref' | 'title' | 'timeline' | 'outputs' | 'lead' | 'coordinating';
export type MentionRole = 'lead' | 'coordinating';

/** What the source panel shows: the span of the focused field (null = not found in the text). */
export interface Focus {
  key: string;
  label: string;
  span: Span | null;
}

export interface TaskSource {
  parsed: ParsedTask | null;
  spans: ParsedTask['spans'] | null;
  confidence: ParsedTask['confidence'] | null;
}

export interface SourceIndex {
  header: (field: HeaderField) => Span | null;
  basis: (number: string, index: number) => Span | null;
  reporting: (index: number) => Span | null;
  task: (task: DraftTask, index: number) => TaskSource;
  mention: (source: TaskSource, role: MentionRole, mention: DraftMention, index: number) => Span | null;
}

function clamp(span: Span | null | undefined, length: number): Span | null {
  if (!span || typeof span.start !== 'number' || typeof span.end !== 'number') return null;
  const start = Math.max(0, Math.min(span.start, length));
  const end = Math.max(start, Math.min(span.end, length));
  return end > start ? { start, end } : null;
}

const fold = (s: string) => s.normalize('NFC').trim().toLowerCase();

export function buildSourceIndex(parsed: ParsedPlan | null | undefined, textLength: number): SourceIndex {
  const tasks = Array.isArray(parsed?.tasks) ? parsed.tasks : [];
  const byRef = new Map<string, ParsedTask>();
  const dupRefs = new Set<string>();
  for (const t of tasks) {
    if (byRef.has(t.ref)) dupRefs.add(t.ref);
    byRef.set(t.ref, t);
  }
  const basis = Array.isArray(parsed?.basis) ? parsed.basis : [];
  const reporting = Array.isArray(parsed?.reporting) ? parsed.reporting : [];
  return {
    header: (field) => clamp(parsed?.spans?.[field], textLength),
    basis: (number, index) =>
      clamp(basis.find((b) => fold(b.number) === fold(number))?.span ?? basis[index]?.span, textLength),
    reporting: (index) => clamp(reporting[index]?.span, textLength),
    task: (task, index) => {
      // A task keeps its source through edits by its number; failing that, by its place.
      let p: ParsedTask | undefined = !dupRefs.has(task.ref) ? byRef.get(task.ref) : undefined;
      if (!p && tasks[index] && fold(tasks[index].title) === fold(task.title)) p = tasks[index];
      if (!p && tasks.length && tasks[index] && !byRef.has(task.ref)) p = tasks[index];
      if (!p) return { parsed: null, spans: null, confidence: null };
      const spans = p.spans
        ? {
            ref: clamp(p.spans.ref, textLength),
            title: clamp(p.spans.title, textLength),
            lead: (p.spans.lead ?? []).map((s) => clamp(s, textLength) ?? { start: 0, end: 0 }),
            coordinating: (p.spans.coordinating ?? []).map((s) => clamp(s, textLength) ?? { start: 0, end: 0 }),
            timeline: clamp(p.spans.timeline, textLength),
            outputs: clamp(p.spans.outputs, textLength),
          }
        : null;
      return { parsed: p, spans, confidence: p.confidence ?? null };
    },
    mention: (source, role, mention, index) => {
      if (!source.parsed || !source.spans) return null;
      const names = source.parsed[role] ?? [];
      let at = names.findIndex((n) => fold(n) === fold(mention.mention));
      if (at < 0 && fold(names[index] ?? '') === fold(mention.mention)) at = index;
      const span = at >= 0 ? source.spans[role][at] : null;
      return span && span.end > span.start ? span : null;
    },
  };
}

export interface ReviewCounts {
  /** Mentions with no agency chosen. */
  unresolved: number;
  /** Tasks with no lead agency at all: publishing refuses them. */
  withoutLead: number;
}

export function reviewCounts(draft: PlanDraft): ReviewCounts {
  let unresolved = 0;
  let withoutLead = 0;
  for (const t of draft.tasks) {
    for (const m of [...t.lead, ...t.coordinating]) if (m.agencyIds.length === 0) unresolved++;
    if (!t.lead.some((m) => m.agencyIds.length > 0)) withoutLead++;
  }
  return { unresolved, withoutLead };
}

export function isLow(confidence: number | null | undefined): boolean {
  return typeof confidence === 'number' && confidence < LOW_CONFIDENCE;
}

export function percent(confidence: number | null | undefined): string {
  return typeof confidence === 'number' ? `${Math.round(confidence * 100)}%` : '—';
}

export function emptyTask(ref: string): DraftTask {
  return {
    ref,
    title: '',
    timeline: { text: null, kind: 'unspecified', due: null, from: null, to: null },
    outputs: null,
    lead: [],
    coordinating: [],
  };
}

export function emptyMention(): DraftMention {
  return { mention: '', matchName: null, confidence: null, proposals: [], agencyIds: [] };
}

/** The next free task number after the last one ("2.3" → "2.4", "5" → "6"). */
export function nextRef(tasks: DraftTask[]): string {
  const used = new Set(tasks.map((t) => t.ref));
  const last = tasks[tasks.length - 1]?.ref ?? '0';
  const m = /^(.*?)(\d+)(\D*)$/.exec(last);
  let n = m ? Number(m[2]) + 1 : tasks.length + 1;
  const make = (k: number) => (m ? `${m[1]}${k}${m[3]}` : String(k));
  while (used.has(make(n))) n++;
  return make(n);
}

/**
 * What the server would refuse to even save (a task needs a number and a title): autosave
 * waits until these are filled in, and the reviewer is told which tasks they are.
 */
export function draftProblems(draft: PlanDraft): { ref: string; index: number; field: 'ref' | 'title' }[] {
  const out: { ref: string; index: number; field: 'ref' | 'title' }[] = [];
  draft.tasks.forEach((t, index) => {
    if (!t.ref.trim()) out.push({ ref: String(index + 1), index, field: 'ref' });
    if (!t.title.trim()) out.push({ ref: t.ref.trim() || String(index + 1), index, field: 'title' });
  });
  return out;
}
