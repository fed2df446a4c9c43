/**
 * Field-level scoring of a parsed plan against a hand-written gold plan: precision,
 * recall and F1 per field (header fields, tasks, lead, coordinating, timeline kind, due,
 * outputs, responsibilities, reporting rules) and micro-averaged overall.
 *
 * Matching rules
 * - Tasks pair by ref (when the titles are not unrelated), then by title similarity.
 * - Agency names compare on a key that keeps diacritics (restoring them is part of the
 *   job) but ignores case, punctuation, "các"/"và" and "Ủy ban nhân dân" ↔ "UBND".
 * - Free text (titles, outputs) compares by character-bigram similarity of the folded
 *   text (≥ 0.85), so an OCR title matches the same OCR title without being exact.
 * - A field both sides leave empty counts for nothing; a wrong value is one false
 *   positive and one false negative.
 *
 * Pure code, no I/O.
 */

import { bigramDice } from './plan-parser.ts';
import { foldAccents, normalizeText } from './vietnamese.ts';

export interface GoldTask {
  ref: string;
  title: string;
  lead: string[];
  coordinating: string[];
  timeline: { text: string | null; kind: string; due: string | null; from: string | null; to: string | null };
  outputs: string | null;
}

export interface GoldPlan {
  number: string | null;
  issuer: string | null;
  place: string | null;
  date: string | null;
  title: string | null;
  basis: { number: string; date: string | null }[];
  tasks: GoldTask[];
  responsibilities: { agency: string; section: string }[];
  reporting: { who: string; to: string | null; month: number | null; day: number | null; recurrence: string }[];
  signer: { name: string | null; title: string | null };
}

export const FIELDS = ['header', 'tasks', 'lead', 'coordinating', 'timeline kind', 'due', 'outputs', 'responsibilities', 'reporting'] as const;
export type FieldName = (typeof FIELDS)[number];

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Score extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface DocumentScore {
  fields: Record<FieldName, Score>;
  overall: Score;
  /** What did not match, for reading. */
  misses: string[];
}

const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });

export function score(c: Counts): Score {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

const squeezeFold = (s: string): string =>
  foldAccents(normalizeText(s))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Similarity of two free texts (folded, punctuation ignored). */
export function textSimilarity(a: string | null | undefined, b: string | null | undefined): number {
  if (!a || !b) return 0;
  return bigramDice(squeezeFold(a), squeezeFold(b));
}

/** Comparison key of an agency name: diacritics kept, case/punctuation/"các"/"và" ignored, UBND ↔ Ủy ban nhân dân. */
export function agencyKey(s: string): string {
  return normalizeText(s)
    .toLowerCase()
    .replace(/ủy ban nhân dân/g, 'ubnd')
    .replace(/hội đồng nhân dân/g, 'hđnd')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((w) => w && w !== 'các' && w !== 'và')
    .join(' ');
}

function compareValue(c: Counts, gold: unknown, pred: unknown, equal: boolean, label: string, misses: string[]): void {
  const g = gold !== null && gold !== undefined && gold !== '';
  const p = pred !== null && pred !== undefined && pred !== '';
  if (g && p && equal) c.tp++;
  else {
    if (p) c.fp++;
    if (g) c.fn++;
    if (g || p) misses.push(`${label}: gold ${JSON.stringify(gold)} ≠ ${JSON.stringify(pred)}`);
  }
}

function compareSets(c: Counts, gold: string[], pred: string[], label: string, misses: string[]): void {
  const rest = [...pred];
  for (const g of gold) {
    const i = rest.indexOf(g);
    if (i >= 0) {
      c.tp++;
      rest.splice(i, 1);
    } else {
      c.fn++;
      misses.push(`${label}: missing ${g}`);
    }
  }
  for (const p of rest) {
    c.fp++;
    misses.push(`${label}: extra ${p}`);
  }
}

interface PredTask {
  ref: string;
  title: string;
  lead: string[];
  coordinating: string[];
  timeline: { kind: string; due: string | null };
  outputs: string | null;
}

export interface PredPlan {
  number: string | null;
  issuer: string | null;
  place: string | null;
  date: string | null;
  title: string | null;
  basis: { number: string; date: string | null }[];
  tasks: PredTask[];
  responsibilities: { agency: string; section: string }[];
  reporting: { who: string; to: string | null; month: number | null; day: number | null; recurrence: string }[];
  signer: { name: string | null; title: string | null };
}

/** Pair predicted tasks with gold tasks: same ref first, then the most similar title. */
function pairTasks(gold: GoldTask[], pred: PredTask[]): { pairs: [GoldTask, PredTask][]; extraGold: GoldTask[]; extraPred: PredTask[] } {
  const usedP = new Set<number>();
  const pairs: [GoldTask, PredTask][] = [];
  const left: GoldTask[] = [];
  for (const g of gold) {
    const i = pred.findIndex((p, k) => !usedP.has(k) && p.ref === g.ref && textSimilarity(p.title, g.title) >= 0.5);
    if (i >= 0) {
      usedP.add(i);
      pairs.push([g, pred[i] as PredTask]);
    } else left.push(g);
  }
  const extraGold: GoldTask[] = [];
  for (const g of left) {
    let best = -1;
    let bestS = 0.8;
    pred.forEach((p, k) => {
      if (usedP.has(k)) return;
      const s = textSimilarity(p.title, g.title);
      if (s >= bestS) {
        bestS = s;
        best = k;
      }
    });
    if (best >= 0) {
      usedP.add(best);
      pairs.push([g, pred[best] as PredTask]);
    } else extraGold.push(g);
  }
  return { pairs, extraGold, extraPred: pred.filter((_, k) => !usedP.has(k)) };
}

/** Score one parsed plan against its gold. */
export function evaluatePlan(gold: GoldPlan, pred: PredPlan): DocumentScore {
  const misses: string[] = [];
  const f: Record<FieldName, Counts> = {
    header: zero(),
    tasks: zero(),
    lead: zero(),
    coordinating: zero(),
    'timeline kind': zero(),
    due: zero(),
    outputs: zero(),
    responsibilities: zero(),
    reporting: zero(),
  };

  // Header.
  const h = f.header;
  const numKey = (s: string | null): string | null => (s ? s.replace(/\s+/g, '').toUpperCase() : null);
  compareValue(h, gold.number, pred.number, numKey(gold.number) === numKey(pred.number), 'number', misses);
  compareValue(h, gold.issuer, pred.issuer, !!gold.issuer && !!pred.issuer && agencyKey(gold.issuer) === agencyKey(pred.issuer), 'issuer', misses);
  compareValue(h, gold.place, pred.place, !!gold.place && !!pred.place && agencyKey(gold.place) === agencyKey(pred.place), 'place', misses);
  compareValue(h, gold.date, pred.date, gold.date === pred.date, 'date', misses);
  compareValue(h, gold.title, pred.title, textSimilarity(gold.title, pred.title) >= 0.85, 'title', misses);
  compareSets(
    h,
    gold.basis.map((b) => `${numKey(b.number)} ${b.date}`),
    pred.basis.map((b) => `${numKey(b.number)} ${b.date}`),
    'basis',
    misses,
  );
  compareValue(h, gold.signer.name, pred.signer.name, !!gold.signer.name && !!pred.signer.name && squeezeFold(gold.signer.name) === squeezeFold(pred.signer.name), 'signer.name', misses);
  compareValue(h, gold.signer.title, pred.signer.title, gold.signer.title === pred.signer.title, 'signer.title', misses);

  // Tasks and their fields.
  const { pairs, extraGold, extraPred } = pairTasks(gold.tasks, pred.tasks);
  f.tasks.tp += pairs.length;
  f.tasks.fn += extraGold.length;
  f.tasks.fp += extraPred.length;
  for (const g of extraGold) {
    misses.push(`task ${g.ref}: not found`);
    f.lead.fn += g.lead.length;
    f.coordinating.fn += g.coordinating.length;
    f['timeline kind'].fn++;
    if (g.timeline.due) f.due.fn++;
    if (g.outputs) f.outputs.fn++;
  }
  for (const p of extraPred) {
    misses.push(`task ${p.ref}: extra (${p.title.slice(0, 50)})`);
    f.lead.fp += p.lead.length;
    f.coordinating.fp += p.coordinating.length;
    f['timeline kind'].fp++;
    if (p.timeline.due) f.due.fp++;
    if (p.outputs) f.outputs.fp++;
  }
  for (const [g, p] of pairs) {
    compareSets(f.lead, g.lead.map(agencyKey), p.lead.map(agencyKey), `task ${g.ref} lead`, misses);
    compareSets(f.coordinating, g.coordinating.map(agencyKey), p.coordinating.map(agencyKey), `task ${g.ref} coordinating`, misses);
    compareValue(f['timeline kind'], g.timeline.kind, p.timeline.kind, g.timeline.kind === p.timeline.kind, `task ${g.ref} timeline`, misses);
    compareValue(f.due, g.timeline.due, p.timeline.due, g.timeline.due === p.timeline.due, `task ${g.ref} due`, misses);
    compareValue(f.outputs, g.outputs, p.outputs, textSimilarity(g.outputs, p.outputs) >= 0.85, `task ${g.ref} outputs`, misses);
  }

  // Responsibilities.
  compareSets(
    f.responsibilities,
    gold.responsibilities.map((r) => `${r.section} ${agencyKey(r.agency)}`),
    pred.responsibilities.map((r) => `${r.section} ${agencyKey(r.agency)}`),
    'responsibility',
    misses,
  );

  // Reporting rules: same recipient, day, month and recurrence, and the same reporters.
  const restRules = [...pred.reporting];
  for (const g of gold.reporting) {
    const i = restRules.findIndex(
      (p) =>
        p.month === g.month &&
        p.day === g.day &&
        p.recurrence === g.recurrence &&
        (p.to && g.to ? agencyKey(p.to) === agencyKey(g.to) : p.to === g.to) &&
        bigramDice(agencyKey(p.who), agencyKey(g.who)) >= 0.8,
    );
    if (i >= 0) {
      f.reporting.tp++;
      restRules.splice(i, 1);
    } else {
      f.reporting.fn++;
      misses.push(`reporting: missing ${JSON.stringify(g)}`);
    }
  }
  for (const p of restRules) {
    f.reporting.fp++;
    misses.push(`reporting: extra ${JSON.stringify({ who: p.who, to: p.to, month: p.month, day: p.day, recurrence: p.recurrence })}`);
  }

  let total = zero();
  const fields = {} as Record<FieldName, Score>;
  for (const name of FIELDS) {
    fields[name] = score(f[name]);
    total = addCounts(total, f[name]);
  }
  return { fields, overall: score(total), misses };
}
