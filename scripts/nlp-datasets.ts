// Loaders for the shared research corpora in ../shared/datasets (read at run time, never
// copied into the repository). Each returns train / dev examples with the project's labels.
// Set DONGTHUAN_DATASETS to use another folder.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';
import type { Example } from '../src/nlp/text/classifier.ts';
import { parseCsv } from '../src/nlp/text/data.ts';
import { hashString } from '../src/nlp/text/features.ts';
import { foldAccents } from '../src/nlp/vietnamese.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DATASETS_DIR = process.env.DONGTHUAN_DATASETS ?? path.resolve(here, '..', '..', 'shared', 'datasets');

export function datasetsPresent(): boolean {
  return fs.existsSync(DATASETS_DIR) && fs.statSync(DATASETS_DIR).isDirectory();
}

export interface Corpus {
  name: string;
  task: string;
  licence: string;
  /** May a model trained on it be shipped with the product? */
  shippable: boolean;
  train: Example[];
  dev: Example[];
}

function readLines(p: string): string[] {
  const lines = fs.readFileSync(p, 'utf8').replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** UIT-VSFC sentiment: 0 negative, 1 neutral, 2 positive. Research only. */
export const VSFC_SENTIMENT: Record<string, string> = { '0': 'negative', '1': 'neutral', '2': 'positive' };

export function loadVsfc(): Corpus {
  const dir = path.join(DATASETS_DIR, 'uit-vsfc');
  const split = (s: string): Example[] => {
    const sents = readLines(path.join(dir, s, 'sents.txt'));
    const labs = readLines(path.join(dir, s, 'sentiments.txt'));
    if (sents.length !== labs.length) throw new Error(`UIT-VSFC ${s}: ${sents.length} câu nhưng ${labs.length} nhãn`);
    return sents.map((text, i) => ({ text, label: VSFC_SENTIMENT[(labs[i] as string).trim()] ?? `?${labs[i]}` }));
  };
  return { name: 'UIT-VSFC', task: 'sentiment', licence: 'research only (no licence; UIT NLP group)', shippable: false, train: split('train'), dev: split('dev') };
}

/** ViHSD: 0 CLEAN, 1 OFFENSIVE, 2 HATE. Research only. */
export const VIHSD_TOXICITY: Record<string, string> = { '0': 'clean', '1': 'offensive', '2': 'hate' };

function csvRecords(p: string): Record<string, string>[] {
  const rows = parseCsv(fs.readFileSync(p, 'utf8'));
  const header = (rows[0]?.fields ?? []).map((h) => h.trim());
  return rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r.fields[i] ?? ''])));
}

export function loadVihsd(): Corpus {
  const dir = path.join(DATASETS_DIR, 'vihsd');
  const split = (f: string): Example[] =>
    csvRecords(path.join(dir, f)).map((r) => ({ text: r.free_text ?? '', label: VIHSD_TOXICITY[(r.label_id ?? '').trim()] ?? `?${r.label_id}` }));
  return { name: 'ViHSD', task: 'toxicity', licence: 'research only (README: "used only for research purposes")', shippable: false, train: split('train.csv'), dev: split('dev.csv') };
}

/** UIT-ViCTSD toxicity of news comments: 1 toxic, 0 not toxic. Research only. */
export function loadVictsdToxicity(): Corpus {
  const dir = path.join(DATASETS_DIR, 'victsd');
  const split = (f: string): Example[] =>
    csvRecords(path.join(dir, f)).map((r) => ({ text: r.Comment ?? '', label: (r.Toxicity ?? '').trim() === '1' ? 'toxic' : 'clean' }));
  return { name: 'UIT-ViCTSD', task: 'toxicity_news', licence: 'research only (no licence statement)', shippable: false, train: split('ViCTSD_train.csv'), dev: split('ViCTSD_valid.csv') };
}

/**
 * VNTC sections → the province's sectors (lĩnh vực). VNTC has no separate education,
 * environment, agriculture, land or transport class: those articles sit in "Chinh tri Xa hoi"
 * and "Doi song", which are merged into one sector.
 */
export const VNTC_TO_SECTOR: Record<string, string> = {
  'Chinh tri Xa hoi': 'xa_hoi', // politics & society: government affairs, education, labour, transport…
  'Doi song': 'xa_hoi', // daily life, family, housing
  'Kinh doanh': 'kinh_te', // business, finance, trade (Sở Tài chính, Sở Công Thương)
  'Phap luat': 'phap_luat', // law, crime, courts (Công an, Sở Tư pháp)
  'Suc khoe': 'y_te', // health (Sở Y tế)
  'Van hoa': 'van_hoa_the_thao', // culture, arts, tourism (Sở VH-TT-DL)
  'The thao': 'van_hoa_the_thao', // sport (Sở VH-TT-DL)
  'Khoa hoc': 'khoa_hoc_cong_nghe', // science (Sở KH&CN)
  'Vi tinh': 'khoa_hoc_cong_nghe', // computing, telecoms, digital transformation (Sở KH&CN since 3/2025)
  'The gioi': 'quoc_te', // world news, external affairs (Sở Ngoại vụ)
};

/** ViCTSD article sections → the same sectors (for a cross-domain check on headlines). OtoXemay has no sector. */
export const VICTSD_TOPIC_TO_SECTOR: Record<string, string> = {
  ThoiSu: 'xa_hoi',
  GiaoDuc: 'xa_hoi',
  KinhDoanh: 'kinh_te',
  PhapLuat: 'phap_luat',
  SucKhoe: 'y_te',
  GiaiTri: 'van_hoa_the_thao',
  TheThao: 'van_hoa_the_thao',
  KhoaHoc: 'khoa_hoc_cong_nghe',
  TheGioi: 'quoc_te',
};

let vntcCache: { id: string; label: string; text: string }[] | null = null;
function vntcRows(): { id: string; label: string; text: string }[] {
  if (!vntcCache) {
    const buf = brotliDecompressSync(fs.readFileSync(path.join(DATASETS_DIR, 'vntc', 'train.jsonl.br')));
    vntcCache = buf
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; label: string; text: string });
  }
  return vntcCache;
}

/** Deterministic 90/10 train/dev carve-out of VNTC train by hashed article id (duplicate texts kept on one side). */
function vntcSplit(map: (label: string) => string, maxChars: number, titles: boolean): { train: Example[]; dev: Example[] } {
  const train: Example[] = [];
  const dev: Example[] = [];
  const seen = new Set<string>();
  for (const r of vntcRows()) {
    if (seen.has(r.text)) continue; // 50 duplicate texts inside train
    seen.add(r.text);
    const e = { text: r.text.slice(0, maxChars), label: map(r.label) };
    const isDev = hashString(r.id) % 10 === 0;
    (isDev ? dev : train).push(e);
    // The title alone as an extra training example teaches the model short headlines too.
    const title = r.text.split('\n', 1)[0]?.trim() ?? '';
    if (titles && !isDev && title.length >= 15 && title.length < e.text.length) {
      train.push({ text: title, label: e.label });
      // …and every other title once more without diacritics, as people often type it.
      if (hashString(r.id) % 2 === 0) train.push({ text: foldAccents(title), label: e.label });
    }
  }
  return { train, dev };
}

/** VNTC mapped to sectors (the shipped topic model's data). Corpus licence MIT; texts belong to the newspapers. */
export function loadVntcSectors(maxChars = 3000, titles = true): Corpus {
  return {
    name: 'VNTC→sectors',
    task: 'topic',
    licence: 'MIT (duyvuleo/VNTC); article texts © the newspapers — ship weights, never texts',
    shippable: true,
    ...vntcSplit((l) => VNTC_TO_SECTOR[l] ?? `?${l}`, maxChars, titles),
  };
}

/** VNTC with its own 10 labels (comparable to the published figures). */
export function loadVntc10(maxChars = 3000, titles = false): Corpus {
  return { name: 'VNTC-10', task: 'topic10', licence: 'MIT (duyvuleo/VNTC)', shippable: true, ...vntcSplit((l) => l, maxChars, titles) };
}

/** ViCTSD article titles with their sections mapped to sectors (out-of-domain headline check). Dev split only. */
export function loadVictsdHeadlines(): Example[] {
  const rows = csvRecords(path.join(DATASETS_DIR, 'victsd', 'ViCTSD_valid.csv'));
  const seen = new Set<string>();
  const out: Example[] = [];
  for (const r of rows) {
    const label = VICTSD_TOPIC_TO_SECTOR[(r.Topic ?? '').trim()];
    const title = (r.Title ?? '').trim();
    if (!label || !title || seen.has(title)) continue;
    seen.add(title);
    out.push({ text: title, label });
  }
  return out;
}

/** VFND (GPL-3.0): 1 fake → likely_fake, 0 real → reliable. Deduplicated; no splits (use k-fold). */
export function loadVfnd(): Example[] {
  const rows = csvRecords(path.join(DATASETS_DIR, 'vfnd', 'vn_news_226_tlfr.csv'));
  const seen = new Set<string>();
  const out: Example[] = [];
  for (const r of rows) {
    const text = (r.text ?? '').trim();
    if (!text || seen.has(text)) continue;
    seen.add(text);
    out.push({ text, label: (r.label ?? '').trim() === '1' ? 'likely_fake' : 'reliable' });
  }
  return out;
}

/** Stratified k folds (deterministic): returns the fold index of each example. */
export function stratifiedFolds(examples: readonly Example[], k: number, seed = 7): number[] {
  const byLabel = new Map<string, number[]>();
  examples.forEach((e, i) => byLabel.set(e.label, [...(byLabel.get(e.label) ?? []), i]));
  const fold = new Array<number>(examples.length).fill(0);
  for (const idxs of byLabel.values()) {
    idxs.sort((a, b) => hashString(String(a), seed) - hashString(String(b), seed));
    idxs.forEach((ix, j) => (fold[ix] = j % k));
  }
  return fold;
}
