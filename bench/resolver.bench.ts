// Agency resolver throughput and accuracy on the seed-plan mentions (test/fixtures), against
// a baseline measured in the same run: a naive lookup of the mention after accent folding
// (exact match of folded, punctuation-free text against every directory name).
// The mentions are repeated to ~10,000 resolutions per measurement. Prints nothing.
import { buildResolverIndex, resolveAgency, type ResolverEntry, type ResolverIndex } from '../src/nlp/agency-resolver.ts';
import { searchKey } from '../src/nlp/vietnamese.ts';
import { directoryForSeed, seedMentions, type SeedId } from '../test/fixtures/seed-agency-mentions.ts';

interface BenchResult {
  name: string;
  figures: Record<string, number | string>;
}

const SEEDS: SeedId[] = ['000', '001', '003', '004'];
const TARGET = 10_000;

/** The baseline: folded exact-match lookup built once per directory. */
function buildBaseline(entries: ResolverEntry[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const e of entries) for (const n of e.names) if (!map.has(searchKey(n))) map.set(searchKey(n), e.id);
  return map;
}

function measure(work: readonly { seed: SeedId; mention: string }[], resolve: (seed: SeedId, mention: string) => unknown): number {
  // Warm-up on one pass of the distinct mentions (JIT), then time the whole list.
  for (const w of work.slice(0, seedMentions.length)) resolve(w.seed, w.mention);
  const t0 = performance.now();
  for (const w of work) resolve(w.seed, w.mention);
  const seconds = (performance.now() - t0) / 1000;
  return work.length / seconds;
}

export async function run(): Promise<BenchResult[]> {
  const directories = new Map<SeedId, ResolverEntry[]>(SEEDS.map((s) => [s, directoryForSeed(s)]));

  const tb = performance.now();
  const indexes = new Map<SeedId, ResolverIndex>(SEEDS.map((s) => [s, buildResolverIndex(directories.get(s) ?? [])]));
  const buildMs = performance.now() - tb;
  const baselines = new Map<SeedId, Map<string, string>>(SEEDS.map((s) => [s, buildBaseline(directories.get(s) ?? [])]));

  const work: { seed: SeedId; mention: string }[] = [];
  while (work.length < TARGET) for (const m of seedMentions) work.push({ seed: m.seed, mention: m.mention });
  work.length = TARGET;

  const resolver = (seed: SeedId, mention: string): string | null =>
    resolveAgency(indexes.get(seed) as ResolverIndex, mention)?.id ?? null;
  const baseline = (seed: SeedId, mention: string): string | null =>
    (baselines.get(seed) as Map<string, string>).get(searchKey(mention)) ?? null;

  // Accuracy on the distinct fixture mentions (null expected = must find nothing).
  let resolverOk = 0;
  let baselineOk = 0;
  for (const m of seedMentions) {
    if (resolver(m.seed, m.mention) === m.expected) resolverOk++;
    if (baseline(m.seed, m.mention) === m.expected) baselineOk++;
  }

  const baselineRate = measure(work, baseline);
  const resolverRate = measure(work, resolver);
  const entries = SEEDS.reduce((n, s) => n + (directories.get(s)?.length ?? 0), 0);
  const pct = (n: number) => Math.round((1000 * n) / seedMentions.length) / 10;

  return [
    {
      name: `agency resolver on ${seedMentions.length} seed mentions × ${Math.round(TARGET / seedMentions.length)} (${entries} directory entries in 4 directories)`,
      figures: {
        'resolutions measured': TARGET,
        'baseline: folded exact match (resolutions/s)': Math.round(baselineRate),
        'resolver (resolutions/s)': Math.round(resolverRate),
        'resolver cost vs baseline (×)': Math.round((baselineRate / resolverRate) * 10) / 10,
        'resolver time per mention (µs)': Math.round((1e6 / resolverRate) * 10) / 10,
        'index build, 4 directories (ms)': Math.round(buildMs * 10) / 10,
        'baseline accuracy on seed mentions (%)': pct(baselineOk),
        'resolver accuracy on seed mentions (%)': pct(resolverOk),
      },
    },
  ];
}
