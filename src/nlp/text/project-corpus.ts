/**
 * The labelled corpus the project writes and ships (`corpus/<task>/*.jsonl`, licence in
 * corpus/LICENSE.md), the settings each task is trained with, and the fixed split that every
 * shipped model and every retrain is judged on.
 *
 * The evaluation split is chosen by a hash of the accent-folded text, not by position or
 * random draw: it stays the same across runs, machines and corpus growth (a new line never
 * moves an old one between train and evaluation), which is what lets the product compare a
 * retrained model with the active one on a *fixed* set.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { searchKey } from '../vietnamese.ts';
import type { Example, TrainOptions } from './classifier.ts';
import { parseExamples } from './data.ts';
import { hashString } from './features.ts';
import type { FeatureConfig } from './features.ts';

/** The corpus folder shipped with the product (resolved from this file, not the working directory). */
export const CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'corpus');

export interface TaskSettings {
  features: Partial<FeatureConfig>;
  training: Partial<TrainOptions>;
  intendedUse: string;
  caveats: string[];
}

/** Settings per task, chosen on the research corpora's dev splits (see scripts/eval-classifier.ts). */
export const TASK_SETTINGS: Record<string, TaskSettings> = {
  sentiment: {
    features: { charNgrams: [2, 4] },
    training: { epochs: 10, learningRate: 0.2, classWeightPower: 0.5 },
    intendedUse: 'Thái độ (tích cực / trung lập / tiêu cực) của bài báo, tin đăng và bình luận về chính sách, dịch vụ công của tỉnh.',
    caveats: ['Sarcasm and mixed opinions are hard; staff corrections are the remedy.'],
  },
  toxicity: {
    features: { charNgrams: [1, 4] },
    training: { epochs: 10, learningRate: 0.2, classWeightPower: 0.5 },
    intendedUse: 'Phát hiện bình luận xúc phạm (offensive) hoặc thù ghét (hate) để kiểm duyệt góp ý và theo dõi mạng xã hội.',
    caveats: ['Strong but civil criticism of the authorities is clean by definition; moderators decide, the model only ranks.'],
  },
  fake_risk: {
    features: { charNgrams: [2, 4], maxChars: 3000 },
    training: { epochs: 10, learningRate: 0.2, classWeightPower: 1 },
    intendedUse: 'Điểm rủi ro tin giả để đưa nội dung cho cán bộ xem xét. Mô hình chỉ gợi ý, không bao giờ kết luận một tin là giả.',
    caveats: ['Learns the style and the claims of fake news seen in training; a calm, well-written fabrication can score low. Human review decides.'],
  },
  topic: {
    features: { charNgrams: null, maxChars: 1000 },
    training: { epochs: 6, learningRate: 0.2, classWeightPower: 0.5, patience: 1 },
    intendedUse: 'Lĩnh vực (ngành) của bài báo để chuyển cho sở, ngành phụ trách.',
    caveats: [],
  },
};

export function taskSettings(task: string): TaskSettings {
  return Object.hasOwn(TASK_SETTINGS, task)
    ? (TASK_SETTINGS[task] as TaskSettings)
    : { features: {}, training: {}, intendedUse: `task ${task}`, caveats: [] };
}

/** Share of the corpus held out as the fixed evaluation set. */
export const EVAL_SHARE = 0.15;
/** Share of the remaining training part used for early stopping and calibration. */
export const DEV_SHARE = 0.1;

function bucket(text: string, salt: string): number {
  return (hashString(`${salt}\u0000${searchKey(text)}`) >>> 0) / 2 ** 32;
}

/** True when this text belongs to the fixed evaluation split (stable across runs and corpus growth). */
export function isEvalText(text: string): boolean {
  return bucket(text, 'eval') < EVAL_SHARE;
}

export interface CorpusSplit {
  train: Example[];
  dev: Example[];
  eval: Example[];
}

/** Split a corpus into train / dev (early stopping, calibration) / fixed evaluation. */
export function splitCorpus(examples: readonly Example[]): CorpusSplit {
  const out: CorpusSplit = { train: [], dev: [], eval: [] };
  for (const e of examples) {
    if (isEvalText(e.text)) out.eval.push(e);
    else if (bucket(e.text, 'dev') < DEV_SHARE) out.dev.push(e);
    else out.train.push(e);
  }
  return out;
}

/** The tasks that have a shipped corpus folder. */
export function corpusTasks(dir = CORPUS_DIR): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.readdirSync(path.join(dir, d.name)).some((f) => f.endsWith('.jsonl')))
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

/** Every labelled line of `dir/<task>/*.jsonl` (files in name order), or null when the task has no corpus. */
export function readCorpus(task: string, dir = CORPUS_DIR): Example[] | null {
  const folder = path.join(dir, task);
  let files: string[];
  try {
    files = fs.readdirSync(folder).filter((f) => f.endsWith('.jsonl')).sort();
  } catch {
    return null;
  }
  if (files.length === 0) return null;
  const out: Example[] = [];
  for (const f of files) {
    const file = path.join(folder, f);
    for (const e of parseExamples(fs.readFileSync(file, 'utf8'), file)) out.push({ text: e.text, label: e.label });
  }
  return out;
}
