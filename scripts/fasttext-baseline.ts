// fastText (Debian package `fasttext`, the CLI) as a baseline for the classifier evaluation:
// trained on the same data, its settings tuned by fastText's own autotune on the dev split,
// and retrained once on one thread with the chosen settings so its training time compares
// with ours (its predictions come from the autotuned model). Texts are given to it tokenised the same way as ours (syllables, lower case).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Example } from '../src/nlp/text/classifier.ts';
import { tokenize } from '../src/nlp/vietnamese.ts';

export function fastTextBinary(): string | null {
  const candidates = [process.env.FASTTEXT, '/usr/bin/fasttext', '/usr/local/bin/fasttext'].filter(Boolean) as string[];
  for (const c of candidates) if (fs.existsSync(c)) return c;
  const r = spawnSync('sh', ['-c', 'command -v fasttext'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

const encodeLabel = (l: string): string => `__label__${l.replace(/\s/g, '_')}`;

export interface FastTextResult {
  predictions: string[];
  trainSeconds: number;
  autotuneSeconds: number;
  textsPerSecond: number;
  settings: string;
}

/** Train with autotune on `dev`, retrain on one thread with the chosen arguments, predict `test`, measure throughput on `speedTexts`. */
export function runFastText(
  bin: string,
  train: readonly Example[],
  dev: readonly Example[],
  test: readonly Example[],
  speedTexts: readonly string[],
  autotuneSeconds = 60,
  maxChars = 2000,
): FastTextResult {
  const line = (text: string): string => tokenize(text.slice(0, maxChars)).join(' ').replace(/\s+/g, ' ');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dt-fasttext-'));
  try {
    const labelOf = new Map<string, string>();
    const write = (file: string, ex: readonly Example[]) =>
      fs.writeFileSync(
        file,
        ex
          .map((e) => {
            const enc = encodeLabel(e.label);
            labelOf.set(enc, e.label);
            return `${enc} ${line(e.text)}`;
          })
          .join('\n') + '\n',
      );
    write(path.join(dir, 'train.txt'), train);
    write(path.join(dir, 'dev.txt'), dev);
    fs.writeFileSync(path.join(dir, 'test.txt'), test.map((e) => line(e.text)).join('\n') + '\n');

    let t = performance.now();
    try {
      // fastText checks its autotune budget only between trials, and one trial with large settings can run
      // for many minutes: stop it at three times the budget and fall back to the usual settings.
      execFileSync(bin, ['supervised', '-input', path.join(dir, 'train.txt'), '-output', path.join(dir, 'tuned'), '-autotune-validation', path.join(dir, 'dev.txt'), '-autotune-duration', String(autotuneSeconds), '-verbose', '0'], {
        stdio: ['ignore', 'ignore', 'pipe'],
        maxBuffer: 64 << 20,
        timeout: (autotuneSeconds * 3 + 30) * 1000,
        killSignal: 'SIGKILL',
      });
    } catch {
      execFileSync(bin, ['supervised', '-input', path.join(dir, 'train.txt'), '-output', path.join(dir, 'tuned'), '-epoch', '25', '-lr', '0.5', '-wordNgrams', '2', '-verbose', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    }
    const tuneSecs = (performance.now() - t) / 1000;
    const args = execFileSync(bin, ['dump', path.join(dir, 'tuned.bin'), 'args'], { encoding: 'utf8' });
    const get = (k: string): string | undefined => new RegExp(`^${k} (\\S+)`, 'm').exec(args)?.[1];
    const chosen = ['lr', 'epoch', 'wordNgrams', 'dim', 'minCount', 'minn', 'maxn', 'bucket', 'loss'].flatMap((k) => {
      const v = get(k);
      return v === undefined ? [] : [`-${k}`, k === 'loss' && v === 'softmax' ? 'softmax' : v];
    });
    t = performance.now();
    execFileSync(bin, ['supervised', '-input', path.join(dir, 'train.txt'), '-output', path.join(dir, 'final'), '-thread', '1', '-verbose', '0', ...chosen], { stdio: ['ignore', 'ignore', 'pipe'] });
    const trainSecs = (performance.now() - t) / 1000;

    // `dump args` does not include the tuned learning rate, so quality and speed are measured on the
    // autotuned model itself; the one-thread retrain (same epochs, dimensions, n-grams) gives the training time.
    const out = execFileSync(bin, ['predict', path.join(dir, 'tuned.bin'), path.join(dir, 'test.txt')], { encoding: 'utf8', maxBuffer: 256 << 20 });
    const predictions = out.split('\n').slice(0, test.length).map((l) => labelOf.get(l.trim()) ?? l.trim());

    // Throughput: predict a large file and a one-line file; the difference is classification alone (model loading excluded).
    const reps = Math.max(1, Math.ceil(100_000 / Math.max(1, speedTexts.length)));
    const big = speedTexts.map(line).join('\n');
    fs.writeFileSync(path.join(dir, 'speed.txt'), Array.from({ length: reps }, () => big).join('\n') + '\n');
    fs.writeFileSync(path.join(dir, 'one.txt'), `${line(speedTexts[0] ?? 'a')}\n`);
    const timed = (file: string): number => {
      const s = performance.now();
      execFileSync(bin, ['predict', path.join(dir, 'tuned.bin'), file], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 256 << 20 });
      return (performance.now() - s) / 1000;
    };
    const n = reps * speedTexts.length;
    const secs = Math.max(1e-6, timed(path.join(dir, 'speed.txt')) - timed(path.join(dir, 'one.txt')));
    return { predictions, trainSeconds: trainSecs, autotuneSeconds: tuneSecs, textsPerSecond: n / secs, settings: chosen.join(' ') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
