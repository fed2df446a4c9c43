import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { normalizePlanText, parsePlan, parseTimeline, splitAgencyList, type ParsedPlan, type ParsedTask } from './plan-parser.ts';
import { evaluatePlan, type GoldPlan } from './plan-eval.ts';
import { BUILTIN_AGENCY_NAMES, PROVINCES, findProvince, issuerFromCode } from './agency-names.ts';
import { demoAgencies, demoGroups } from '../server/modules/directory/demo-data.ts';

const SEEDS = ['000_004077f554441d6d', '001_c91647890d245485', '003_caf80b94208427c6', '004_130aab6804e509ee'] as const;
const seedText = (s: string): string => readFileSync(new URL(`../../test/fixtures/seeds/${s}.txt`, import.meta.url), 'utf8');
const gold = (s: string): GoldPlan => JSON.parse(readFileSync(new URL(`../../test/fixtures/plans/${s}.gold.json`, import.meta.url), 'utf8')) as GoldPlan;
const demoNames = [...demoAgencies.flatMap((a) => [a.name, ...a.shortNames, ...a.aliases]), ...demoGroups.flatMap((g) => [g.name, ...g.aliases])];

const task = (p: ParsedPlan, ref: string): ParsedTask => {
  const t = p.tasks.find((x) => x.ref === ref);
  assert.ok(t, `task ${ref} in ${p.tasks.map((x) => x.ref).join(', ')}`);
  return t;
};

/** Every span points into the normalised text and covers what the field says. */
function assertSpans(input: string, p: ParsedPlan): void {
  const norm = normalizePlanText(input);
  const inText = (s: { start: number; end: number } | null): void => {
    if (!s) return;
    assert.ok(s.start >= 0 && s.end <= norm.length && s.start < s.end, `span ${JSON.stringify(s)} within ${norm.length}`);
  };
  for (const s of Object.values(p.spans)) inText(s);
  for (const t of p.tasks) {
    inText(t.spans.title);
    inText(t.spans.timeline);
    inText(t.spans.outputs);
    t.spans.lead.forEach(inText);
    t.spans.coordinating.forEach(inText);
    if (t.spans.timeline && t.timeline.text) {
      const covered = norm.slice(t.spans.timeline.start, t.spans.timeline.end).replace(/\s+/g, ' ');
      assert.ok(covered.includes(t.timeline.text.slice(0, 10)), `${covered} ~ ${t.timeline.text}`);
    }
  }
  for (const r of p.responsibilities) inText(r.span);
  for (const r of p.reporting) inText(r.span);
}

describe('seed plans', () => {
  for (const s of SEEDS) {
    test(`${s}: matches its gold output`, () => {
      const text = seedText(s);
      const parsed = parsePlan(text, { agencyNames: demoNames });
      const result = evaluatePlan(gold(s), parsed);
      const target = s.startsWith('001') ? 0.85 : 0.95;
      assert.ok(result.overall.f1 >= target, `F1 ${result.overall.f1.toFixed(3)} < ${target}\n${result.misses.join('\n')}`);
      assertSpans(text, parsed);
    });
  }

  test('Bắc Giang 151/KH-UBND: the output contract of the issue', () => {
    const p = parsePlan(seedText('003_caf80b94208427c6'));
    assert.equal(p.number, '151/KH-UBND');
    assert.equal(p.issuer, 'UBND tỉnh Bắc Giang');
    assert.equal(p.place, 'Bắc Giang');
    assert.equal(p.date, '2023-09-14');
    assert.match(p.title ?? '', /^Triển khai thực hiện Chỉ thị số 07\/CT-TTg/);
    assert.deepEqual(p.basis[0] && { number: p.basis[0].number, date: p.basis[0].date }, { number: '07/CT-TTg', date: '2023-03-21' });
    const t = task(p, '1.1');
    assert.match(t.title, /^Tham mưu UBND tỉnh tổ chức hội nghị/);
    assert.deepEqual(t.lead, ['Sở Thông tin và Truyền thông']);
    assert.deepEqual(t.coordinating, ['Các sở, ban, ngành', 'UBND huyện, thành phố']);
    assert.deepEqual(t.timeline, { text: 'Năm 2023 -2024', kind: 'period', due: null, from: '2023', to: '2024' });
    assert.equal(t.outputs, null);
    assert.ok(p.responsibilities.some((r) => r.agency === 'Sở Tư pháp' && r.section === 'IV.2'));
    assert.deepEqual(
      p.reporting.map(({ who, to, month, day, recurrence }) => ({ who, to, month, day, recurrence })),
      [{ who: 'Các sở, ban, ngành, UBND các huyện, thành phố', to: 'Sở Thông tin và Truyền thông', month: 11, day: 15, recurrence: 'annual' }],
    );
    assert.deepEqual(p.signer, { name: 'Mai Sơn', title: 'Phó Chủ tịch' });
    // The unlabelled line under "Chủ trì" is read as the coordinating agencies, with less confidence.
    assert.ok(t.confidence.coordinating < task(p, '2.1').confidence.coordinating);
  });

  test('the OCR scan: keywords without diacritics, agencies restored, broken lines joined', () => {
    const p = parsePlan(seedText('001_c91647890d245485'));
    assert.equal(p.lostDiacritics, true);
    assert.equal(p.number, '193/KH-UBND');
    assert.equal(p.issuer, 'UBND tỉnh Sóc Trăng');
    assert.equal(p.place, 'Sóc Trăng');
    assert.equal(p.date, '2023-10-12');
    assert.equal(p.tasks.length, 5);
    assert.match(task(p, '4').title, /^Ung dung cong nghé .* phit hop vao diéu kién cua tinh$/);
    const agencies = p.responsibilities.map((r) => `${r.section} ${r.agency}`);
    assert.ok(agencies.includes('IV.2 Sở Thông tin và Truyền thông'), agencies.join('; '));
    assert.ok(agencies.includes('IV.3 Sở Tư pháp'));
    assert.ok(agencies.includes('IV.6 Báo Sóc Trăng'));
    assert.ok(agencies.includes('IV.6 Đài Phát thanh và Truyền hình Sóc Trăng'));
    assert.equal(p.reporting[0]?.to, 'Sở Thông tin và Truyền thông');
    assert.equal(p.reporting[0]?.month, 12);
    assert.equal(p.reporting[0]?.day, 1);
  });

  test('a draft without number or day is read, with warnings', () => {
    const p = parsePlan(seedText('004_130aab6804e509ee'));
    assert.equal(p.number, null);
    assert.equal(p.date, null);
    assert.equal(p.issuer, 'Sở Tài nguyên và Môi trường tỉnh Khánh Hòa');
    assert.ok(p.warnings.some((w) => w.includes('/KH-STNMT')));
    assert.ok(p.warnings.some((w) => /ngày/i.test(w)));
    assert.deepEqual(
      p.basis.map((b) => b.number),
      ['8298/KH-UBND', '07/CT-TTg'],
    );
  });
});

describe('timelines', () => {
  const cases: [string, string, string | null, string | null, string | null][] = [
    ['Thường xuyên', 'recurring', null, null, null],
    ['Thường xuyên.', 'recurring', null, null, null],
    ['thuong xuyen', 'recurring', null, null, null],
    ['Hằng năm', 'annual', null, null, null],
    ['hàng năm', 'annual', null, null, null],
    ['Hàng năm và đột xuất (khi có yêu cầu)', 'annual', null, null, null],
    ['hing nim', 'annual', null, null, null],
    ['trước tháng 12/2024', 'deadline', '2024-12-01', null, null],
    ['Hoàn thành trước tháng 6/2024.', 'deadline', '2024-06-01', null, null],
    ['trước ngày 15/11/2024', 'deadline', '2024-11-15', null, null],
    ['Trước ngày 15 tháng 11 năm 2024', 'deadline', '2024-11-15', null, null],
    ['chậm nhất ngày 30/6/2025', 'deadline', '2025-06-30', null, null],
    ['Quý IV/2024', 'deadline', '2024-12-31', null, null],
    ['Tháng 9/2024', 'deadline', '2024-09-30', null, null],
    ['Ngày 20/10/2024', 'deadline', '2024-10-20', null, null],
    ['Hoàn thành trong năm 2024', 'deadline', '2024-12-31', null, null],
    ['năm 2023-2024', 'period', null, '2023', '2024'],
    ['Năm 2023 -2024', 'period', null, '2023', '2024'],
    ['Giai đoạn 2023 - 2025', 'period', null, '2023', '2025'],
    ['Từ năm 2024 đến năm 2026', 'period', null, '2024', '2026'],
    ['đến năm 2025', 'period', null, null, '2025'],
    ['Đến hết năm 2025', 'period', null, null, '2025'],
    ['Năm 2024', 'period', null, '2024', '2024'],
    ['Từ tháng 6/2024 đến tháng 12/2024', 'period', null, '2024-06', '2024-12'],
    ['Khi có yêu cầu', 'unspecified', null, null, null],
  ];
  for (const [text, kind, due, from, to] of cases) {
    test(`"${text}" → ${kind}${due ? ` ${due}` : ''}${from || to ? ` ${from}..${to}` : ''}`, () => {
      const t = parseTimeline(text);
      assert.equal(t.kind, kind);
      assert.equal(t.due, due);
      assert.equal(t.from, from);
      assert.equal(t.to, to);
      assert.equal(t.text, text.replace(/\.$/, ''));
    });
  }
  test('no timeline', () => {
    assert.deepEqual(parseTimeline(null), { text: null, kind: 'unspecified', due: null, from: null, to: null });
    assert.deepEqual(parseTimeline('  '), { text: null, kind: 'unspecified', due: null, from: null, to: null });
  });
  test('impossible dates are not due dates', () => {
    assert.equal(parseTimeline('trước ngày 31/2/2024').due, null);
  });
});

describe('agency lists', () => {
  const split = (t: string): string[] => splitAgencyList(t).map((p) => t.slice(p.start, p.end));
  test('separate agencies are split, collective forms and names with commas stay whole', () => {
    assert.deepEqual(split('Sở Tư pháp, Sở Thông tin và Truyền thông'), ['Sở Tư pháp', 'Sở Thông tin và Truyền thông']);
    assert.deepEqual(split('Các sở, ban, ngành'), ['Các sở, ban, ngành']);
    assert.deepEqual(split('UBND các huyện, thị xã, thành phố'), ['UBND các huyện, thị xã, thành phố']);
    assert.deepEqual(split('các sở, ban, ngành cấp tỉnh và Ủy ban nhân dân các huyện, thị xã, thành phố'), [
      'các sở, ban, ngành cấp tỉnh',
      'Ủy ban nhân dân các huyện, thị xã, thành phố',
    ]);
    assert.deepEqual(split('Sở Văn hóa, Thể thao và Du lịch, Sở Y tế'), ['Sở Văn hóa, Thể thao và Du lịch', 'Sở Y tế']);
    assert.deepEqual(split('Sở Tư pháp và các sở, ban, ngành cấp tỉnh, các cơ quan, đơn vị có liên quan'), [
      'Sở Tư pháp',
      'các sở, ban, ngành cấp tỉnh',
      'các cơ quan, đơn vị có liên quan',
    ]);
    assert.deepEqual(split('Ban Tuyên giáo Tỉnh ủy, Công an tỉnh và các cơ quan, đơn vị liên quan'), [
      'Ban Tuyên giáo Tỉnh ủy',
      'Công an tỉnh',
      'các cơ quan, đơn vị liên quan',
    ]);
    assert.deepEqual(split('Sở Nội vụ, cơ quan có liên quan'), ['Sở Nội vụ', 'cơ quan có liên quan']);
    assert.deepEqual(split('Các sở, ngành, đơn vị, địa phương'), ['Các sở, ngành, đơn vị, địa phương']);
    assert.deepEqual(split('Các sở, ban, ngành; UBND huyện, thành phố'), ['Các sở, ban, ngành', 'UBND huyện, thành phố']);
    assert.deepEqual(split('UBND tỉnh (qua Sở TT&TT, Sở Tư pháp)'), ['UBND tỉnh (qua Sở TT&TT, Sở Tư pháp)']);
    assert.deepEqual(split('B4o Soc Tring, Pai Phat thanh va Truyén hinh Séc Tring'), ['B4o Soc Tring', 'Pai Phat thanh va Truyén hinh Séc Tring']);
  });
});

describe('plan shapes', () => {
  test('tasks given only as numbered items', () => {
    const text = [
      'ỦY BAN NHÂN DÂN TỈNH NGHỆ AN',
      'Số: 45/KH-UBND',
      'Nghệ An, ngày 5 tháng 3 năm 2024',
      'KẾ HOẠCH',
      'Truyền thông chính sách năm 2024',
      'Căn cứ Chỉ thị số 07/CT-TTg ngày 21/3/2023 của Thủ tướng Chính phủ; Quyết định số 407/QĐ-TTg ngày 30/3/2022 của Thủ tướng Chính phủ, UBND tỉnh ban hành Kế hoạch như sau:',
      'I. MỤC ĐÍCH',
      '1. Nâng cao nhận thức.',
      'II. NHIỆM VỤ',
      '1. Tổ chức hội nghị quán triệt Chỉ thị số 07/CT-TTg.',
      '2. Xây dựng chuyên mục truyền thông chính sách trên Cổng Thông tin điện tử tỉnh.',
      '3. Tập huấn kỹ năng cho đội ngũ cán bộ làm công tác truyền thông.',
      'III. TỔ CHỨC THỰC HIỆN',
      '1. Sở Văn hóa, Thể thao và Du lịch',
      'Chủ trì theo dõi, hướng dẫn thực hiện Kế hoạch; định kỳ 6 tháng, hằng năm báo cáo UBND tỉnh.',
      '2. Các sở, ban, ngành, UBND cấp xã',
      'Triển khai thực hiện; báo cáo kết quả về Sở Văn hóa, Thể thao và Du lịch trước ngày 30/11 hằng năm.',
      'Nơi nhận:',
      '- Như trên;',
      '- Lưu: VT.',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
      'Nguyễn Văn A',
    ].join('\n');
    const p = parsePlan(text);
    assert.equal(p.number, '45/KH-UBND');
    assert.equal(p.issuer, 'UBND tỉnh Nghệ An');
    assert.equal(p.date, '2024-03-05');
    assert.deepEqual(
      p.basis.map((b) => `${b.number} ${b.date}`),
      ['07/CT-TTg 2023-03-21', '407/QĐ-TTg 2022-03-30'],
    );
    assert.deepEqual(
      p.tasks.map((t) => t.ref),
      ['1', '2', '3'],
    );
    assert.equal(task(p, '2').title, 'Xây dựng chuyên mục truyền thông chính sách trên Cổng Thông tin điện tử tỉnh');
    assert.deepEqual(task(p, '1').lead, []);
    assert.ok(p.warnings.some((w) => w.includes('Nhiệm vụ 1') && w.includes('chủ trì')));
    assert.deepEqual(
      p.responsibilities.map((r) => `${r.section} ${r.agency}`),
      ['III.1 Sở Văn hóa, Thể thao và Du lịch', 'III.2 Các sở, ban, ngành', 'III.2 UBND cấp xã'],
    );
    const rule = p.reporting.find((r) => r.day === 30);
    assert.ok(rule, JSON.stringify(p.reporting));
    assert.equal(rule.month, 11);
    assert.equal(rule.to, 'Sở Văn hóa, Thể thao và Du lịch');
    assert.deepEqual(rule.whoList, ['Các sở, ban, ngành', 'UBND cấp xã']);
    assert.ok(p.reporting.some((r) => r.recurrence === 'semiannual' && r.who === 'Sở Văn hóa, Thể thao và Du lịch'));
    assert.deepEqual(p.signer, { name: 'Nguyễn Văn A', title: 'Chủ tịch' });
  });

  const tableHeader = 'STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện | Sản phẩm';
  const tableRows = [
    '1 | Tổ chức hội nghị tập huấn kỹ năng truyền thông chính sách | Sở Thông tin và Truyền thông | Sở Tư pháp, Sở Nội vụ | Quý III/2024 | Hội nghị tập huấn',
    '2 | Xây dựng bộ nhận diện truyền thông chính sách | Sở TT&TT | Các cơ quan báo chí | Năm 2024 | Bộ nhận diện',
    '3 | Rà soát dự thảo chính sách có tác động lớn | Sở Tư pháp | Các sở, ban, ngành | Thường xuyên | ',
  ];

  test('an appendix table after the signature (pipe cells)', () => {
    const text = [
      'Số: 12/KH-UBND',
      'Huế, ngày 10 tháng 1 năm 2025',
      'KẾ HOẠCH',
      'Truyền thông chính sách năm 2025',
      'I. MỤC ĐÍCH, YÊU CẦU',
      'Bảo đảm thông tin kịp thời.',
      'II. NHIỆM VỤ',
      'Các nhiệm vụ cụ thể tại Phụ lục kèm theo.',
      'Nơi nhận:',
      '- Lưu: VT.',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Trần Thị B',
      '',
      'PHỤ LỤC',
      'DANH MỤC NHIỆM VỤ',
      tableHeader,
      ...tableRows,
    ].join('\n');
    const p = parsePlan(text, { agencyNames: demoNames });
    assert.equal(p.place, 'Huế');
    assert.equal(p.issuer, 'UBND thành phố Huế');
    assert.equal(p.tasks.length, 3, JSON.stringify(p.tasks.map((t) => t.ref)));
    const t1 = task(p, '1');
    assert.equal(t1.title, 'Tổ chức hội nghị tập huấn kỹ năng truyền thông chính sách');
    assert.deepEqual(t1.lead, ['Sở Thông tin và Truyền thông']);
    assert.deepEqual(t1.coordinating, ['Sở Tư pháp', 'Sở Nội vụ']);
    assert.deepEqual([t1.timeline.kind, t1.timeline.due], ['deadline', '2024-09-30']);
    assert.equal(t1.outputs, 'Hội nghị tập huấn');
    assert.equal(t1.section, 'PL');
    assert.deepEqual(task(p, '2').lead, ['Sở Thông tin và Truyền thông']);
    assert.equal(task(p, '3').timeline.kind, 'recurring');
    assert.equal(task(p, '3').outputs, null);
    assert.deepEqual(p.signer, { name: 'Trần Thị B', title: 'Phó Chủ tịch' });
  });

  test('a table with tab-separated cells and a markdown table', () => {
    const tabbed = ['II. NỘI DUNG', tableHeader.replace(/ \| /g, '\t'), ...tableRows.map((r) => r.replace(/ \| /g, '\t'))].join('\n');
    const p = parsePlan(tabbed);
    assert.equal(p.tasks.length, 3);
    assert.deepEqual(task(p, '1').coordinating, ['Sở Tư pháp', 'Sở Nội vụ']);
    const md = ['II. NỘI DUNG', `| ${tableHeader} |`, '|---|---|---|---|---|---|', ...tableRows.map((r) => `| ${r} |`)].join('\n');
    const q = parsePlan(md);
    assert.equal(q.tasks.length, 3);
    assert.equal(task(q, '3').title, 'Rà soát dự thảo chính sách có tác động lớn');
  });

  test('duties per agency under "Tổ chức thực hiện" only', () => {
    const text = [
      'Số: 7/KH-UBND',
      'Cà Mau, ngày 2 tháng 2 năm 2024',
      'KẾ HOẠCH',
      'Thực hiện công tác truyền thông chính sách',
      'I. MỤC ĐÍCH, YÊU CẦU',
      '- Triển khai kịp thời.',
      'II. TỔ CHỨC THỰC HIỆN',
      '1. Sở Thông tin và Truyền thông:',
      '- Tổ chức giao ban báo chí định kỳ hằng tháng.',
      '- Rà quét thông tin trên mạng xã hội.',
      '2. Công an tỉnh chủ trì xử lý tin giả, tin xấu độc trên không gian mạng.',
      '3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh',
      'Phối hợp tuyên truyền đến đoàn viên, hội viên.',
    ].join('\n');
    const p = parsePlan(text);
    assert.deepEqual(
      p.responsibilities.map((r) => `${r.section} ${r.agency}`),
      ['II.1 Sở Thông tin và Truyền thông', 'II.2 Công an tỉnh', 'II.3 Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh'],
    );
    assert.deepEqual(
      p.tasks.map((t) => `${t.ref} ${t.lead.join('+')}: ${t.title}`),
      [
        '1.1 Sở Thông tin và Truyền thông: Tổ chức giao ban báo chí định kỳ hằng tháng',
        '1.2 Sở Thông tin và Truyền thông: Rà quét thông tin trên mạng xã hội',
        '2 Công an tỉnh: chủ trì xử lý tin giả, tin xấu độc trên không gian mạng',
        '3 Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh: Phối hợp tuyên truyền đến đoàn viên, hội viên',
      ],
    );
  });

  test('inline fields, lettered items and every field label', () => {
    const text = [
      'II. NHIỆM VỤ CỤ THỂ',
      '1. Truyền thông dự thảo chính sách',
      'a) Đăng tải dự thảo lên Cổng Thông tin điện tử tỉnh (Chủ trì: Sở Tư pháp; phối hợp: Văn phòng UBND tỉnh; thời hạn: trước ngày 15/11/2024).',
      'b) Tổ chức đối thoại chính sách với doanh nghiệp.',
      '- Đơn vị chủ trì: Sở Công Thương.',
      '- Đơn vị phối hợp: Hội Liên hiệp Phụ nữ tỉnh, Tỉnh đoàn.',
      '- Thời gian hoàn thành: Quý II/2025.',
      '- Kết quả, sản phẩm: Báo cáo kết quả đối thoại.',
      '2. Phát hành ấn phẩm',
      '- Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch',
      '- Cơ quan phối hợp: Báo tỉnh; Đài Phát thanh và Truyền hình tỉnh',
      '- Thời hạn: hàng năm',
      '- Hình thức: tờ rơi, infographic',
    ].join('\n');
    const p = parsePlan(text);
    assert.deepEqual(
      p.tasks.map((t) => t.ref),
      ['1.a', '1.b', '2'],
    );
    const a = task(p, '1.a');
    assert.equal(a.title, 'Đăng tải dự thảo lên Cổng Thông tin điện tử tỉnh');
    assert.deepEqual(a.lead, ['Sở Tư pháp']);
    assert.deepEqual(a.coordinating, ['Văn phòng Ủy ban nhân dân tỉnh']);
    assert.deepEqual([a.timeline.kind, a.timeline.due], ['deadline', '2024-11-15']);
    const b = task(p, '1.b');
    assert.deepEqual(b.lead, ['Sở Công Thương']);
    assert.deepEqual(b.coordinating, ['Hội Liên hiệp Phụ nữ tỉnh', 'Tỉnh đoàn']);
    assert.equal(b.timeline.due, '2025-06-30');
    assert.equal(b.outputs, 'Báo cáo kết quả đối thoại');
    const c = task(p, '2');
    assert.deepEqual(c.lead, ['Sở Văn hóa, Thể thao và Du lịch']);
    assert.deepEqual(c.coordinating, ['Báo tỉnh', 'Đài Phát thanh và Truyền hình tỉnh']);
    assert.equal(c.timeline.kind, 'annual');
    assert.equal(c.outputs, 'tờ rơi, infographic');
  });

  test('a parent\'s fields are the defaults of its sub-items', () => {
    const text = [
      'II. NỘI DUNG',
      '1. Nhóm nhiệm vụ về báo chí',
      '- Chủ trì: Sở Thông tin và Truyền thông',
      '- Thời gian: Thường xuyên',
      '1.1. Giao ban báo chí hằng tháng.',
      '- Phối hợp: Ban Tuyên giáo Tỉnh ủy',
      '1.2. Cung cấp thông tin cho báo chí.',
      '- Chủ trì: Văn phòng UBND tỉnh',
    ].join('\n');
    const p = parsePlan(text);
    assert.deepEqual(
      p.tasks.map((t) => `${t.ref} ${t.lead.join('+')} ${t.timeline.kind}`),
      ['1.1 Sở Thông tin và Truyền thông recurring', '1.2 Văn phòng Ủy ban nhân dân tỉnh recurring'],
    );
    assert.ok(task(p, '1.1').confidence.lead < 1);
  });

  test('text without blank lines (as from .docx) and hard-wrapped text (as from a PDF) give the same tasks', () => {
    const clean = seedText('003_caf80b94208427c6');
    const docx = clean.replace(/\n{2,}/g, '\n');
    const a = parsePlan(clean);
    const b = parsePlan(docx);
    assert.deepEqual(
      b.tasks.map((t) => [t.ref, t.lead, t.coordinating, t.timeline.kind]),
      a.tasks.map((t) => [t.ref, t.lead, t.coordinating, t.timeline.kind]),
    );
    // Wrap every paragraph at ~70 characters, as a PDF text layer does.
    const wrapped = clean
      .split('\n')
      .map((line) => {
        const words = line.split(' ');
        const out: string[] = [];
        let cur = '';
        for (const w of words) {
          if (cur && (cur + ' ' + w).length > 70) {
            out.push(cur);
            cur = w;
          } else cur = cur ? `${cur} ${w}` : w;
        }
        out.push(cur);
        return out.join('\n');
      })
      .join('\n');
    const c = parsePlan(wrapped);
    assert.deepEqual(
      c.tasks.map((t) => [t.ref, t.lead, t.coordinating, t.timeline.kind]),
      a.tasks.map((t) => [t.ref, t.lead, t.coordinating, t.timeline.kind]),
    );
    assert.equal(c.title, a.title);
  });

  test('parts numbered A., B. or 1., 2. in capitals, headings in sentence case, "Chủ trì, phối hợp" together', () => {
    const letters = parsePlan(
      [
        'Số: 88/KH-UBND',
        'Hà Nội, ngày 3 tháng 4 năm 2024',
        'KẾ HOẠCH',
        'Tăng cường truyền thông chính sách',
        'A. MỤC ĐÍCH',
        'Bảo đảm thông tin.',
        'B. NHIỆM VỤ CỤ THỂ',
        '1. Truyền thông về dự thảo',
        '- Đăng tải dự thảo để lấy ý kiến. Đơn vị thực hiện: Sở Tư pháp. Thời gian: trước ngày 30/6/2024.',
        '- Tổ chức họp báo. Chủ trì: Văn phòng UBND thành phố; phối hợp: Sở Văn hóa và Thể thao, Sở Khoa học và Công nghệ; thời gian: hằng quý.',
        'C. TỔ CHỨC THỰC HIỆN',
        'Các sở, ngành, UBND các xã, phường báo cáo kết quả về Sở Văn hóa và Thể thao trước ngày 15/12/2024.',
      ].join('\n'),
    );
    assert.equal(letters.title, 'Tăng cường truyền thông chính sách');
    assert.equal(letters.issuer, 'UBND thành phố Hà Nội');
    assert.deepEqual(
      letters.tasks.map((t) => `${t.ref} ${t.lead.join('+')} ${t.timeline.kind}`),
      ['1.1 Sở Tư pháp deadline', '1.2 Văn phòng Ủy ban nhân dân thành phố recurring'],
    );
    assert.deepEqual(task(letters, '1.2').coordinating, ['Sở Văn hóa và Thể thao', 'Sở Khoa học và Công nghệ']);
    assert.deepEqual(
      letters.reporting.map((r) => [r.to, r.day, r.month, r.recurrence, r.year]),
      [['Sở Văn hóa và Thể thao', 15, 12, 'once', 2024]],
    );

    const numbered = parsePlan(
      ['KẾ HOẠCH', 'Truyền thông dự án Luật', '1. MỤC ĐÍCH, YÊU CẦU', '- Tạo đồng thuận.', '2. NỘI DUNG', '2.1. Tổ chức tọa đàm', 'Chủ trì: Sở Tư pháp. Thời gian: tháng 10/2024.', '2.2. Phát sóng phóng sự', 'Chủ trì: Đài Phát thanh và Truyền hình tỉnh. Thời gian: Quý IV/2024.'].join('\n'),
    );
    assert.deepEqual(
      numbered.tasks.map((t) => `${t.ref} ${t.lead.join('+')} ${t.timeline.due}`),
      ['2.1 Sở Tư pháp 2024-10-31', '2.2 Đài Phát thanh và Truyền hình tỉnh 2024-12-31'],
    );

    const mixed = parsePlan(
      [
        'UBND TỈNH KHÁNH HÒA',
        'SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG',
        'Số: 1234/KH-STNMT',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Khánh Hòa, ngày 20 tháng 5 năm 2025',
        'KẾ HOẠCH',
        'Truyền thông chính sách năm 2025',
        'I. Mục đích, yêu cầu',
        'Nâng cao hiệu quả.',
        'II. Nhiệm vụ và giải pháp',
        '1. Tập huấn nghiệp vụ',
        '- Đơn vị chủ trì, phối hợp: Văn phòng Sở; các phòng chuyên môn thuộc Sở',
        '- Dự kiến sản phẩm: 01 lớp tập huấn',
        'III. Tổ chức thực hiện',
        '1. Văn phòng Sở chịu trách nhiệm theo dõi, tổng hợp.',
      ].join('\n'),
    );
    assert.equal(mixed.issuer, 'Sở Tài nguyên và Môi trường tỉnh Khánh Hòa');
    const t = task(mixed, '1');
    assert.deepEqual(t.lead, ['Văn phòng Sở']);
    assert.deepEqual(t.coordinating, ['Các phòng chuyên môn thuộc Sở']);
    assert.equal(t.outputs, '01 lớp tập huấn');
    assert.deepEqual(
      mixed.responsibilities.map((r) => `${r.section} ${r.agency}`),
      ['III.1 Văn phòng Sở'],
    );
  });

  test('names without diacritics are restored from the directory', () => {
    const text = ['II. NHIEM VU', '1. To chuc hoi nghi', '- Chu tri: So Thong tin va Truyen thong', '- Phoi hop: So Tu phap, UBND cac huyen, thi xa, thanh pho', '- Thoi gian: thuong xuyen'].join('\n');
    const p = parsePlan(text);
    const t = task(p, '1');
    assert.deepEqual(t.lead, ['Sở Thông tin và Truyền thông']);
    assert.deepEqual(t.coordinating, ['Sở Tư pháp', 'UBND các huyện, thị xã, thành phố']);
    assert.equal(t.timeline.kind, 'recurring');
    // With the directory's own names, those come first.
    const q = parsePlan(text, { agencyNames: ['Sở Tư pháp tỉnh Khánh Hòa'], builtinNames: false });
    assert.deepEqual(task(q, '1').coordinating[0], 'Sở Tư pháp tỉnh Khánh Hòa');
  });
});

describe('robustness', () => {
  const shape = (p: ParsedPlan): void => {
    assert.ok(Array.isArray(p.tasks) && Array.isArray(p.warnings) && Array.isArray(p.basis) && Array.isArray(p.reporting));
    assert.ok(!p.warnings.some((w) => w.startsWith('Lỗi nội bộ')), p.warnings.join('\n'));
    for (const t of p.tasks) {
      assert.equal(typeof t.ref, 'string');
      assert.equal(typeof t.title, 'string');
      assert.ok(['recurring', 'annual', 'deadline', 'period', 'unspecified'].includes(t.timeline.kind));
      if (t.timeline.due) assert.match(t.timeline.due, /^\d{4}-\d{2}-\d{2}$/);
    }
    JSON.stringify(p);
  };

  test('never throws on non-strings and odd input', () => {
    for (const x of [undefined, null, 42, {}, [], '', '\n\n\n', '|||', 'I.', 'Số: /', ':::::', '(((((', '\u0000\uFFFF\uD800']) {
      shape(parsePlan(x as unknown as string));
    }
  });

  test('random strings (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => shape(parsePlan(s))),
      { numRuns: 300 },
    );
    const alphabet = fc.constantFrom('I. ', 'II. ', '1. ', '1.1. ', '- ', 'a) ', 'Chủ trì: ', 'Phối hợp: ', 'Thời gian: ', ' | ', '\n', '\t', 'Sở Tư pháp', ', ', '; ', ' và ', 'trước ngày 15/11/2024', '(', ')', ':', 'Nơi nhận:', 'PHỤ LỤC', 'STT | Nội dung | Chủ trì', 'báo cáo', 'hằng năm', 'KẾ HOẠCH', 'Số: 1/KH-UBND');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 80 }), (parts) => shape(parsePlan(parts.join('')))),
      { numRuns: 300 },
    );
  });

  test('truncated and shuffled seeds (property)', () => {
    const texts = SEEDS.map(seedText);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 30000 }), fc.integer({ min: 0, max: 30000 }), (i, a, b) => {
        const t = texts[i] as string;
        shape(parsePlan(t.slice(Math.min(a, b), Math.max(a, b))));
      }),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (i, rnd) => {
        const lines = (texts[i] as string).split('\n');
        const keyed = lines.map((l) => ({ l, k: rnd.next().value as number }));
        keyed.sort((x, y) => x.k - y.k);
        shape(parsePlan(keyed.map((x) => x.l).join('\n')));
      }),
      { numRuns: 60 },
    );
  });

  // Speed is measured by bench/plan-parser.bench.ts, never asserted here (the machine is noisy).
  test('a 100-page plan parses whole: every repeated section gives its tasks', () => {
    const base = seedText('003_caf80b94208427c6');
    const body = base.slice(base.indexOf('II. NỘI DUNG'), base.indexOf('III. KINH PHÍ'));
    let big = base.slice(0, base.indexOf('II. NỘI DUNG'));
    let parts = 0;
    // About 3,000 characters a page: 100 pages.
    while (big.length < 300_000) big += body.replace(/^II\. /m, `${['II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'][parts++ % 19]}. `);
    big += base.slice(base.indexOf('III. KINH PHÍ'));
    const p = parsePlan(big);
    assert.ok(p.tasks.length >= 24 * parts, String(p.tasks.length));
  });
});

describe('built-in names', () => {
  test('departments before and after 2025, provinces before and after the merger', () => {
    const names = new Set(BUILTIN_AGENCY_NAMES.map((n) => n.name));
    for (const n of ['Sở Thông tin và Truyền thông', 'Sở Khoa học và Công nghệ', 'Sở Nông nghiệp và Môi trường', 'Sở Tài nguyên và Môi trường', 'Sở Lao động - Thương binh và Xã hội', 'Ban Tuyên giáo và Dân vận Tỉnh ủy', 'Sở Dân tộc và Tôn giáo']) {
      assert.ok(names.has(n), n);
    }
    assert.equal(PROVINCES.filter((p) => p.era !== 'after2025').length, 63);
    assert.equal(PROVINCES.filter((p) => p.era !== 'before2025').length, 34);
    for (const p of PROVINCES) if (p.successor) assert.ok(PROVINCES.some((q) => q.name === p.successor && q.era !== 'before2025'), p.name);
    for (const n of BUILTIN_AGENCY_NAMES) for (const s of n.successors ?? []) assert.ok(names.has(s), `${n.name} → ${s}`);
  });
  test('provinces are found without diacritics and through OCR damage', () => {
    assert.equal(findProvince('Soc Trang')?.name, 'Sóc Trăng');
    assert.equal(findProvince('Séc Tring')?.name, 'Sóc Trăng');
    assert.equal(findProvince('TỈNH THỪA THIÊN HUẾ')?.name, 'Thừa Thiên Huế');
    assert.equal(findProvince('TP. Hồ Chí Minh')?.name, 'Hồ Chí Minh');
    assert.equal(findProvince('Hà Lan'), null);
    assert.equal(issuerFromCode('STNMT'), 'Sở Tài nguyên và Môi trường');
  });
});
