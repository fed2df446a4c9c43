// HTTP API throughput on the demo province (in-process requests, PGlite in memory or the
// server in DATABASE_URL): accent-insensitive agency search and name resolution, against
// the cheapest authenticated request (GET /api/auth/me) as the baseline of the same run.
import { createTestApp } from '../test/helpers/context.ts';
import { loginAs } from '../test/helpers/factories.ts';

async function rate(fn: () => Promise<unknown>, seconds = 2): Promise<number> {
  for (let i = 0; i < 20; i++) await fn(); // warm-up
  let n = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  while (performance.now() < end) {
    await fn();
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

export async function run() {
  const t = await createTestApp({ demo: true });
  try {
    const { client } = await loginAs(t, 'coordinator');
    const get = (url: string) => async () => {
      const res = await client.request({ method: 'GET', url });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
    };
    const baseline = await rate(get('/api/auth/me'));
    const list = await rate(get('/api/agencies?includeFormer=true'));
    const search = await rate(get(`/api/agencies?q=${encodeURIComponent('thong tin truyen thong')}&includeFormer=true`));
    const resolve = await rate(get(`/api/resolve?text=${encodeURIComponent('S& Thong tin va Truyén thong')}`));
    const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
    return [
      {
        name: `directory API on ${t.ctx.database.kind}`,
        figures: {
          'baseline GET /api/auth/me (req/s)': baseline,
          'GET /api/agencies all (req/s)': list,
          'GET /api/agencies?q= accent-insensitive (req/s)': search,
          'GET /api/resolve OCR-damaged mention (req/s)': resolve,
          'search cost vs baseline (×)': baseline / search,
          'resolve cost vs baseline (×)': baseline / resolve,
          'heap used (MB)': heapMb,
        },
      },
    ];
  } finally {
    await t.close();
  }
}
