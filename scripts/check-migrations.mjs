// Fails when the Drizzle schema has changes that no checked-in migration contains.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// drizzle-kit wants a relative output folder, and exits 0 even when it fails: read what it says.
fs.mkdirSync('.tmp', { recursive: true });
const out = fs.mkdtempSync(path.join('.tmp', 'migrations-check-'));
fs.cpSync('db/migrations', out, { recursive: true });
const config = path.join(out, 'drizzle.check.config.ts');
fs.writeFileSync(config, `export default { dialect: 'postgresql', schema: './src/server/platform/schema.ts', out: ${JSON.stringify('./' + out)} };\n`);
const before = fs.readdirSync(out).filter((f) => f.endsWith('.sql')).length;
const r = spawnSync('npx', ['drizzle-kit', 'generate', '--config', config, '--name', 'pending_check'], { encoding: 'utf8' });
const after = fs.readdirSync(out).filter((f) => f.endsWith('.sql')).length;
fs.rmSync(out, { recursive: true, force: true });
const said = `${r.stdout}\n${r.stderr}`;
if (r.status !== 0 || /Error|ENOENT/.test(said)) {
  console.error('Không kiểm tra được migration (drizzle-kit lỗi):\n' + said);
  process.exit(1);
}
if (after !== before) {
  console.error('Lược đồ đã đổi nhưng chưa có migration: hãy chạy `npm run db:generate` và commit db/migrations.');
  process.exit(1);
}
if (!/No schema changes/i.test(said)) {
  console.error('Không đọc được kết quả của drizzle-kit:\n' + said);
  process.exit(1);
}
console.log('Migrations khớp với lược đồ (migrations match the schema).');
