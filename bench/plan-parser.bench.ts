// Plan parser on a ~100-page plan built from the four seed plans (their task sections
// repeated under new part numbers, the OCR scan's items among them), against the baseline
// of merely reading the same text in the same run: split into lines and normalizeText each.
import { readFileSync } from 'node:fs';
import { parsePlan } from '../src/nlp/plan-parser.ts';
import { normalizeText } from '../src/nlp/vietnamese.ts';

const seed = (name: string): string => readFileSync(new URL(`../test/fixtures/seeds/${name}.txt`, import.meta.url), 'utf8');

/** About 3,000 characters per printed page of an administrative document. */
const CHARS_PER_PAGE = 3000;
const ROMAN = ['II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'];

/** The part of a seed between two headings (without the first heading's line). */
function between(text: string, from: string, to: string): string {
  const a = text.indexOf(from);
  const b = text.indexOf(to, a + 1);
  if (a < 0 || b < 0) throw new Error(`seed changed: ${from} … ${to}`);
  return text.slice(text.indexOf('\n', a) + 1, b);
}

/** A long plan: header and closing of 003, content parts taken in turn from 003, 000, 001 and 004. */
export function buildLongPlan(pages = 100): string {
  const s000 = seed('000_004077f554441d6d');
  const s001 = seed('001_c91647890d245485');
  const s003 = seed('003_caf80b94208427c6');
  const s004 = seed('004_130aab6804e509ee');
  const parts = [
    { heading: 'NỘI DUNG, NHIỆM VỤ TRỌNG TÂM', body: between(s003, 'II. NỘI DUNG', 'III. KINH PHÍ') },
    { heading: 'NỘI DUNG THỰC HIỆN', body: between(s000, 'II. NỘI DUNG', 'III. TỔ CHỨC') },
    { heading: 'NHIỆM VỤ TRỌNG TÂM', body: between(s001, 'II. NHIEM VU', 'I11. KINH') },
    { heading: 'NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU', body: between(s004, 'II. NHIỆM VỤ', 'III. TỔ CHỨC') },
  ];
  const head = s003.slice(0, s003.indexOf('II. NỘI DUNG'));
  const tail = s003.slice(s003.indexOf('III. KINH PHÍ')).replace(/^III\./m, 'XX.').replace(/^IV\./m, 'XX.').replace(/^V\./m, 'XX.');
  let body = '';
  let k = 0;
  while (head.length + body.length + tail.length < pages * CHARS_PER_PAGE) {
    const part = parts[k % parts.length] as (typeof parts)[number];
    body += `${ROMAN[k % ROMAN.length]}. ${part.heading}\n\n${part.body}\n`;
    k++;
  }
  return `${head}${body}${tail}`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function time(fn: () => unknown, runs: number): number {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return median(out);
}

export async function run() {
  const text = buildLongPlan(100);
  const read = (): string[] => text.split(/\r?\n/).map((l) => normalizeText(l));
  // Cold: the first parse in the process also builds the agency-name index.
  const t0 = performance.now();
  const first = parsePlan(text);
  const cold = performance.now() - t0;
  read();
  const baseline = time(read, 9);
  const parse = time(() => parsePlan(text), 9);
  return [
    {
      name: 'plan parser, ~100-page plan (seed sections repeated)',
      figures: {
        'pages (3,000 chars each)': text.length / CHARS_PER_PAGE,
        characters: text.length,
        'tasks found': first.tasks.length,
        'baseline: split lines + normalizeText (ms)': baseline,
        'parsePlan, warm (ms)': parse,
        'parsePlan, first in process (ms)': cold,
        'parse cost vs baseline (×)': parse / baseline,
      },
    },
  ];
}
