// Runs the test files with node's test runner through tsx. `node scripts/run-tests.mjs` runs unit and API
// tests; `node scripts/run-tests.mjs e2e` runs the browser tests; extra arguments filter by path.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const e2e = args[0] === 'e2e';
const filters = e2e ? args.slice(1) : args;

function walk(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') walk(p, out);
    } else if (entry.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

let files = [...walk('src'), ...walk('test')].filter((f) => (e2e ? f.startsWith(path.join('test', 'e2e')) : !f.startsWith(path.join('test', 'e2e'))));
if (filters.length) files = files.filter((f) => filters.some((x) => f.includes(x)));
files.sort();
if (files.length === 0) {
  console.error('Không tìm thấy tệp kiểm thử nào.');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${e2e ? 1 : 2}`, '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
