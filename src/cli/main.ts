import { Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig, type Config } from '../server/platform/config.ts';
import { roles, type Role } from '../server/modules/accounts/accounts.tables.ts';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('Cổng phải là số nguyên từ 0 đến 65535.');
  return n;
}

const dataDirOption = () =>
  new Option('--data-dir <dir>', 'thư mục dữ liệu PGlite (bỏ qua khi có DATABASE_URL) / PGlite data directory').env('DATA_DIR').default('./data');

function config(opts: { dataDir?: string; port?: number }): Config {
  return loadConfig({ ...(opts.dataDir ? { dataDir: opts.dataDir } : {}), ...(opts.port !== undefined ? { port: opts.port } : {}) });
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    process.stderr.write('Nhập mật khẩu rồi Enter (Ctrl+D để kết thúc): ');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function fail(err: unknown): never {
  process.stderr.write(`Lỗi: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}

const program = new Command('dongthuan')
  .description('Đồng Thuận — nền tảng vận hành truyền thông chính sách / policy-communication operations platform')
  .showHelpAfterError();

program
  .command('serve')
  .description('chạy máy chủ web và API (kèm bộ chạy công việc nền) / run the web server and API')
  .addOption(new Option('--port <port>', 'cổng HTTP / HTTP port').env('PORT').argParser(port))
  .addOption(dataDirOption())
  .action(async (opts: { port?: number; dataDir: string }) => {
    const { startServer } = await import('../server/main.ts');
    await startServer(config(opts), { installSignals: true }).catch(fail);
  });

program
  .command('migrate')
  .description('áp dụng các migration cơ sở dữ liệu / apply database migrations')
  .addOption(dataDirOption())
  .action(async (opts: { dataDir: string }) => {
    const { openContext } = await import('../server/bootstrap.ts');
    try {
      const ctx = await openContext(config(opts));
      await ctx.close();
      process.stdout.write(`Đã áp dụng migration (${ctx.database.kind}).\n`);
    } catch (err) {
      fail(err);
    }
  });

program
  .command('worker')
  .description('chỉ chạy các công việc nền (dùng với máy chủ PostgreSQL) / run background jobs only')
  .addOption(dataDirOption())
  .action(async (opts: { dataDir: string }) => {
    const { startWorker } = await import('../server/main.ts');
    await startWorker(config(opts)).catch(fail);
  });

const user = program.command('user').description('quản lý tài khoản / manage accounts');
user
  .command('create')
  .description('tạo tài khoản; mật khẩu đọc từ stdin / create an account, password read from stdin')
  .requiredOption('--email <email>', 'email đăng nhập')
  .addOption(new Option('--role <role>', 'vai trò / role').choices([...roles]).makeOptionMandatory())
  .option('--agency <code>', 'mã cơ quan (bắt buộc với agency_editor, press) / agency code')
  .option('--name <fullName>', 'họ tên / full name')
  .option('--include-children', 'được sửa cả đơn vị cấp dưới / may edit child agencies')
  .addOption(dataDirOption())
  .action(async (opts: { email: string; role: Role; agency?: string; name?: string; includeChildren?: boolean; dataDir: string }) => {
    const { bootstrap, openContext } = await import('../server/bootstrap.ts');
    const { createUser } = await import('../server/modules/accounts/accounts.service.ts');
    const { ZUserCreate } = await import('../server/modules/accounts/accounts.schemas.ts');
    const { findAgencyByCode } = await import('../server/modules/directory/directory.service.ts');
    const { systemActor } = await import('../server/platform/actor.ts');
    const password = await readStdin();
    if (!password) fail(new Error('Chưa nhập mật khẩu (đọc từ stdin).'));
    let ctx: Awaited<ReturnType<typeof openContext>> | undefined;
    try {
      ctx = await openContext(config({ ...opts }));
      const boot = await bootstrap({ ...ctx, config: { ...ctx.config, loadDemo: false } }, { createAdmin: false });
      let agencyId: string | null = null;
      if (opts.agency) {
        const agency = await findAgencyByCode(ctx.db, boot.tenantId, opts.agency);
        if (!agency) throw new Error(`Không có cơ quan mã "${opts.agency}".`);
        agencyId = agency.id;
      }
      const input = ZUserCreate.parse({
        email: opts.email,
        fullName: opts.name ?? opts.email.split('@')[0],
        role: opts.role,
        agencyId,
        includeChildren: !!opts.includeChildren,
      });
      const { user: created } = await createUser(ctx.db, systemActor(boot.tenantId), input, password);
      process.stdout.write(`Đã tạo tài khoản ${created.email} (${created.role}).\n`);
    } catch (err) {
      await ctx?.close();
      const e = err as { issues?: { message: string }[] };
      fail(e.issues ? new Error(e.issues.map((i) => i.message).join('; ')) : err);
    }
    await ctx?.close();
  });

program
  .command('demo')
  .description('nạp dữ liệu mẫu (thành phố Huế) / load the demo province')
  .option('--reset', 'xóa dữ liệu của tỉnh rồi nạp lại dữ liệu mẫu / wipe and reload')
  .addOption(dataDirOption())
  .action(async (opts: { reset?: boolean; dataDir: string }) => {
    const { bootstrap, openContext, printAdminPassword, resetDemo } = await import('../server/bootstrap.ts');
    let ctx: Awaited<ReturnType<typeof openContext>> | undefined;
    try {
      ctx = await openContext(config(opts));
      const result = opts.reset ? await resetDemo(ctx) : await bootstrap(ctx);
      process.stdout.write(result.demoLoaded ? 'Đã nạp dữ liệu mẫu thành phố Huế.\n' : 'Dữ liệu đã có; dùng --reset để nạp lại.\n');
      if (result.admin) printAdminPassword(result.admin);
    } catch (err) {
      await ctx?.close();
      fail(err);
    }
    await ctx?.close();
  });

const plan = program.command('plan').description('kế hoạch truyền thông / communication plans');
plan
  .command('parse')
  .description('đọc tệp kế hoạch (.txt, .docx, .pdf) và in cấu trúc; không cần cơ sở dữ liệu / parse a plan file')
  .argument('<file>', 'tệp kế hoạch / plan file')
  .option('--json', 'in đúng đối tượng JSON ra stdout (cảnh báo ra stderr) / print the parsed object as JSON')
  .action(async (file: string, opts: { json?: boolean }) => {
    const { readFile } = await import('node:fs/promises');
    const path = await import('node:path');
    // One line on stderr, whatever went wrong.
    const failLine = (err: unknown): never => fail(new Error((err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim()));
    let data: Buffer = Buffer.alloc(0);
    try {
      data = await readFile(file);
    } catch (err) {
      const code = (err as { code?: string }).code;
      failLine(
        new Error(
          code === 'ENOENT'
            ? `Không tìm thấy tệp "${file}".`
            : code === 'EISDIR'
              ? `"${file}" là thư mục, không phải tệp.`
              : code === 'EACCES'
                ? `Không có quyền đọc tệp "${file}".`
                : `Không đọc được tệp "${file}".`,
        ),
      );
    }
    try {
      const { extractPlanText } = await import('../server/modules/plans/plan-import.ts');
      const { parsePlan } = await import('../nlp/plan-parser.ts');
      const { demoAgencies, demoGroups } = await import('../server/modules/directory/demo-data.ts');
      const { text, warnings } = await extractPlanText(data, path.basename(file));
      // No database: the built-in agency names and the demo directory's names.
      const agencyNames = [...demoAgencies.flatMap((a) => [a.name, ...a.shortNames, ...a.aliases]), ...demoGroups.flatMap((g) => [g.name, ...g.aliases])];
      const parsed = parsePlan(text, { agencyNames });
      parsed.warnings = [...warnings, ...parsed.warnings];
      for (const w of parsed.warnings) process.stderr.write(`Cảnh báo: ${w.replace(/\s+/g, ' ')}\n`);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(parsed, null, 2)}\n`);
        return;
      }
      const { formatPlanSummary } = await import('./plan-summary.ts');
      process.stdout.write(formatPlanSummary(parsed));
    } catch (err) {
      const { AppError } = await import('../server/platform/errors.ts');
      failLine(err instanceof AppError ? err : new Error(`Không đọc được kế hoạch (${err instanceof Error ? err.message : String(err)}).`));
    }
  });

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('Phải là số nguyên không âm.');
  return n;
}

function positiveInt(value: string): number {
  const n = nonNegativeInt(value);
  if (n < 1) throw new InvalidArgumentError('Phải là số nguyên dương.');
  return n;
}

/** One line on stderr, whatever went wrong. */
function failOneLine(err: unknown): never {
  return fail(new Error((err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim()));
}

const nlp = program.command('nlp').description('phân loại văn bản tiếng Việt (không cần cơ sở dữ liệu) / Vietnamese text classifiers');
nlp
  .command('train')
  .description('huấn luyện mô hình từ tệp JSONL/CSV {text, label}; tập dev chỉ để chọn mô hình / train a model (dev set for model selection only)')
  .requiredOption('--task <task>', 'tên tác vụ ghi vào mô hình (sentiment, toxicity, topic, …) / task name')
  .requiredOption('--data <file>', 'dữ liệu huấn luyện .jsonl hoặc .csv / training data')
  .option('--dev <file>', 'dữ liệu dev: dừng sớm, hiệu chỉnh xác suất, số đo; không dùng để học / dev data, never trained on')
  .requiredOption('--out <model>', 'tệp mô hình .dtlm (thẻ mô hình .card.md ghi bên cạnh) / model file')
  .option('--epochs <n>', 'số vòng tối đa / maximum epochs', positiveInt)
  .option('--seed <n>', 'hạt giống ngẫu nhiên / random seed', nonNegativeInt)
  .option('--version <v>', 'tên phiên bản mô hình / model version')
  .action(async (opts: { task: string; data: string; dev?: string; out: string; epochs?: number; seed?: number; version?: string }) => {
    const { train, formatTrainSummary } = await import('./nlp.ts');
    try {
      const summary = train(opts, (line) => process.stderr.write(line + '\n'));
      process.stdout.write(formatTrainSummary(summary));
    } catch (err) {
      failOneLine(err);
    }
  });
nlp
  .command('eval')
  .description('đo mô hình trên tệp có nhãn: macro-F1, độ chính xác, từng lớp, ma trận nhầm lẫn / evaluate a model')
  .requiredOption('--model <model>', 'tệp mô hình .dtlm / model file')
  .requiredOption('--data <file>', 'dữ liệu có nhãn .jsonl hoặc .csv / labelled data')
  .option('--json', 'in kết quả dạng JSON / print JSON')
  .action(async (opts: { model: string; data: string; json?: boolean }) => {
    const { evalModel, formatEvalReport } = await import('./nlp.ts');
    try {
      const report = evalModel(opts.model, opts.data);
      if (report.unknownLabels.length) process.stderr.write(`Cảnh báo: mô hình không biết nhãn ${report.unknownLabels.join(', ')} (tính là sai).\n`);
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatEvalReport(report));
    } catch (err) {
      failOneLine(err);
    }
  });
nlp
  .command('classify')
  .description('đọc các dòng JSON {"id","text"} từ stdin, ghi {"id","label","scores","explanation"} từng dòng ra stdout / classify JSON lines')
  .option('--task <task>', 'dùng mô hình kèm sẵn trong models/ (vd. topic) / use the shipped model')
  .option('--model <model>', 'tệp mô hình .dtlm / model file')
  .option('--explain <n>', 'số n-gram giải thích mỗi dự đoán (0 = không) / n-grams per explanation', nonNegativeInt, 5)
  .action(async (opts: { task?: string; model?: string; explain: number }) => {
    const { classify } = await import('./nlp.ts');
    process.stdout.on('error', (err: { code?: string }) => {
      if (err.code === 'EPIPE') process.exit(0);
    });
    try {
      const { lines, errors } = await classify(opts, process.stdin, process.stdout);
      if (errors.length) {
        const shown = errors.slice(0, 5).join(', ') + (errors.length > 5 ? ', …' : '');
        fail(new Error(`${errors.length}/${lines} dòng đầu vào không hợp lệ (dòng ${shown}); xem các đối tượng "error" trong kết quả.`));
      }
    } catch (err) {
      failOneLine(err);
    }
  });

/** Open the database for an nlp command that needs it (retrain, versions, rollback). */
async function withProvince<T>(opts: { dataDir: string }, fn: (ctx: import('../server/bootstrap.ts').OpenedContext, tenantId: string) => Promise<T>): Promise<T> {
  const { bootstrap, openContext } = await import('../server/bootstrap.ts');
  const ctx = await openContext(config(opts));
  try {
    const boot = await bootstrap({ ...ctx, config: { ...ctx.config, loadDemo: false } }, { createAdmin: false });
    return await fn(ctx, boot.tenantId);
  } finally {
    await ctx.close();
  }
}

function formatVersion(v: { task: string; version: number; status: string; source: string; metrics: { macroF1: number; accuracy: number; n: number }; decision: string; createdAt: string }): string {
  const status = { active: 'ĐANG DÙNG', inactive: 'không dùng', rejected: 'không kích hoạt' }[v.status] ?? v.status;
  return `${v.task} v${v.version} [${status}] (${v.source}) macro-F1 ${(v.metrics.macroF1 * 100).toFixed(2)}, độ chính xác ${(v.metrics.accuracy * 100).toFixed(2)} trên ${v.metrics.n} mẫu — ${v.createdAt}\n    ${v.decision}\n`;
}

nlp
  .command('retrain')
  .description('huấn luyện lại với kho ngữ liệu kèm sẵn và các nhãn cán bộ đã sửa; chỉ kích hoạt khi không kém hơn / retrain with corrections; activated only if not worse')
  .requiredOption('--task <task>', 'tác vụ (sentiment, toxicity, fake_risk, …) / task')
  .option('--tolerance <x>', 'macro-F1 được phép giảm so với mô hình đang dùng (0–0.2, mặc định 0) / allowed macro-F1 loss', (v: string) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || n > 0.2) throw new InvalidArgumentError('--tolerance là số từ 0 đến 0.2.');
    return n;
  }, 0)
  .option('--json', 'in kết quả dạng JSON / print JSON')
  .addOption(dataDirOption())
  .action(async (opts: { task: string; tolerance: number; json?: boolean; dataDir: string }) => {
    try {
      const v = await withProvince(opts, async (ctx, tenantId) => {
        const { retrainTask } = await import('../server/modules/classifiers/classifiers.service.ts');
        const { systemActor } = await import('../server/platform/actor.ts');
        return retrainTask(ctx.db, systemActor(tenantId), opts.task, { tolerance: opts.tolerance });
      });
      process.stdout.write(opts.json ? `${JSON.stringify(v, null, 2)}\n` : formatVersion(v));
    } catch (err) {
      fail(err);
    }
  });
nlp
  .command('versions')
  .description('lịch sử phiên bản mô hình và chỉ số / model versions and their metrics')
  .option('--task <task>', 'chỉ một tác vụ / one task')
  .option('--json', 'in kết quả dạng JSON / print JSON')
  .addOption(dataDirOption())
  .action(async (opts: { task?: string; json?: boolean; dataDir: string }) => {
    try {
      const items = await withProvince(opts, async (ctx, tenantId) => {
        const { listVersions } = await import('../server/modules/classifiers/classifiers.service.ts');
        const { systemActor } = await import('../server/platform/actor.ts');
        return listVersions(ctx.db, systemActor(tenantId), opts.task);
      });
      if (opts.json) process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
      else process.stdout.write(items.length ? items.map(formatVersion).join('') : 'Chưa có phiên bản nào được lưu: đang dùng các mô hình kèm sẵn.\n');
    } catch (err) {
      fail(err);
    }
  });
nlp
  .command('rollback')
  .description('dùng lại phiên bản trước (hoặc phiên bản --to N) / restore the previous (or a given) version')
  .requiredOption('--task <task>', 'tác vụ / task')
  .option('--to <n>', 'số phiên bản / version number', positiveInt)
  .addOption(dataDirOption())
  .action(async (opts: { task: string; to?: number; dataDir: string }) => {
    try {
      const v = await withProvince(opts, async (ctx, tenantId) => {
        const service = await import('../server/modules/classifiers/classifiers.service.ts');
        const { systemActor } = await import('../server/platform/actor.ts');
        const actor = systemActor(tenantId);
        const to = opts.to ?? (await service.previousVersionNumber(ctx.db, actor, opts.task));
        if (to === null) throw new Error(`Tác vụ ${opts.task} không có phiên bản trước để khôi phục.`);
        return service.activateVersionNumber(ctx.db, actor, opts.task, to);
      });
      process.stdout.write(formatVersion(v));
    } catch (err) {
      fail(err);
    }
  });

await program.parseAsync(process.argv);
