/**
 * Model cards: what a model was trained on, when, with which settings, and how well it does
 * (metrics and confusion matrix on its evaluation set). Stored inside the model file and
 * rendered as Markdown beside it.
 */
import type { FeatureConfig } from './features.ts';
import type { TrainOptions } from './classifier.ts';
import type { Evaluation } from './metrics.ts';
import { formatConfusion } from './metrics.ts';

export interface DataDescription {
  /** Corpus name and version, e.g. "VNTC 10 topics (duyvuleo/VNTC, via underthesea)". */
  source: string;
  licence: string;
  /** How labels were derived (mapping), if not used verbatim. */
  labelMapping?: Record<string, string>;
  examples: number;
  classCounts: Record<string, number>;
  notes?: string;
}

export interface ModelCard {
  task: string;
  modelVersion: string;
  createdAt: string;
  labels: string[];
  intendedUse: string;
  caveats: string[];
  train: DataDescription;
  /** The set used for early stopping / calibration and for the metrics below. */
  evaluation?: DataDescription & { role: string };
  settings: { features: FeatureConfig; training: Partial<TrainOptions>; temperature: number; quantization: string; bestEpoch?: number };
  metrics?: {
    accuracy: number;
    macroF1: number;
    weightedF1: number;
    ece?: number;
    perClass: Evaluation['perClass'];
    confusion: number[][];
  };
  /** Other figures measured in the same run (baselines, out-of-domain checks). */
  extra?: Record<string, number | string>;
  trainingSeconds?: number;
  /** May this model be distributed with the product? and why. */
  distribution: { shippable: boolean; reason: string };
}

/** Copy the metric part of an evaluation into a card. */
export function cardMetrics(e: Evaluation & { ece?: number }): NonNullable<ModelCard['metrics']> {
  const r = (x: number): number => Math.round(x * 10000) / 10000;
  return {
    accuracy: r(e.accuracy),
    macroF1: r(e.macroF1),
    weightedF1: r(e.weightedF1),
    ...(e.ece !== undefined ? { ece: r(e.ece) } : {}),
    perClass: e.perClass.map((c) => ({ ...c, precision: r(c.precision), recall: r(c.recall), f1: r(c.f1) })),
    confusion: e.confusion.map((row) => [...row]),
  };
}

const pct = (x: number): string => (x * 100).toFixed(2);

function dataSection(title: string, d: DataDescription): string[] {
  const lines = [`## ${title}`, '', `- Source: ${d.source}`, `- Licence: ${d.licence}`, `- Examples: ${d.examples}`];
  lines.push(`- Classes: ${Object.entries(d.classCounts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (d.labelMapping) {
    lines.push('- Label mapping (corpus label → model label):');
    for (const [k, v] of Object.entries(d.labelMapping)) lines.push(`  - \`${k}\` → \`${v}\``);
  }
  if (d.notes) lines.push(`- Notes: ${d.notes}`);
  lines.push('');
  return lines;
}

/** Render a card as Markdown. */
export function renderModelCard(card: ModelCard): string {
  const L: string[] = [];
  L.push(`# Model card — ${card.task} ${card.modelVersion}`, '');
  L.push(`- Created: ${card.createdAt}`);
  L.push(`- Labels: ${card.labels.map((l) => `\`${l}\``).join(', ')}`);
  L.push(`- Intended use: ${card.intendedUse}`);
  L.push(`- Distribution: ${card.distribution.shippable ? 'may be shipped' : 'must NOT be shipped'} — ${card.distribution.reason}`);
  L.push('');
  if (card.caveats.length) {
    L.push('## Caveats', '');
    for (const c of card.caveats) L.push(`- ${c}`);
    L.push('');
  }
  L.push(...dataSection('Training data', card.train));
  if (card.evaluation) L.push(...dataSection(`Evaluation data (${card.evaluation.role})`, card.evaluation));
  L.push('## Settings', '', '```json', JSON.stringify(card.settings, null, 2), '```', '');
  if (card.trainingSeconds !== undefined) L.push(`Training time: ${card.trainingSeconds.toFixed(1)} s`, '');
  if (card.metrics) {
    const m = card.metrics;
    L.push('## Metrics', '');
    L.push(`Accuracy ${pct(m.accuracy)} · macro-F1 ${pct(m.macroF1)} · weighted-F1 ${pct(m.weightedF1)}${m.ece !== undefined ? ` · ECE ${m.ece.toFixed(3)}` : ''}`, '');
    L.push('| class | precision | recall | F1 | support |', '|---|---|---|---|---|');
    for (const c of m.perClass) L.push(`| ${c.label} | ${pct(c.precision)} | ${pct(c.recall)} | ${pct(c.f1)} | ${c.support} |`);
    L.push('', 'Confusion matrix (rows = gold, columns = predicted):', '', '```');
    L.push(formatConfusion({ labels: card.labels, confusion: m.confusion, n: 0, accuracy: 0, macroF1: 0, weightedF1: 0, perClass: [] }));
    L.push('```', '');
  }
  if (card.extra && Object.keys(card.extra).length) {
    L.push('## Other figures (same run)', '', '| figure | value |', '|---|---|');
    for (const [k, v] of Object.entries(card.extra)) L.push(`| ${k} | ${typeof v === 'number' ? (Math.round(v * 10000) / 10000).toString() : v} |`);
    L.push('');
  }
  return L.join('\n');
}
