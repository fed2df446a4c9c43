import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  analyzeMention,
  buildResolverIndex,
  rankAgencies,
  resolveAgency,
  resolveAgencyList,
  tokenSimilarity,
  type ResolverEntry,
  type ResolverIndex,
} from './agency-resolver.ts';
import { normalizeText } from './vietnamese.ts';
import {
  SEED_FILES,
  bacGiangDirectory,
  demoResolverEntries,
  directoryForSeed,
  khanhHoaDirectory,
  seedLists,
  seedMentions,
  socTrangDirectory,
  type SeedId,
} from '../../test/fixtures/seed-agency-mentions.ts';
import { demoAgencies, demoGroups, demoPeople, demoTenant } from '../server/modules/directory/demo-data.ts';

const SEEDS: SeedId[] = ['000', '001', '003', '004'];
const indexes = new Map<SeedId, ResolverIndex>(SEEDS.map((s) => [s, buildResolverIndex(directoryForSeed(s))]));
const indexFor = (seed: SeedId): ResolverIndex => indexes.get(seed) as ResolverIndex;
const demoIndex = indexFor('000');

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

describe('seed fixtures', () => {
  test('every fixture mention is copied from its seed plan', () => {
    const texts = new Map<SeedId, string>(
      SEEDS.map((s) => [s, collapse(readFileSync(new URL(`../../test/fixtures/seeds/${SEED_FILES[s]}`, import.meta.url), 'utf8'))]),
    );
    for (const m of seedMentions) {
      assert.ok((texts.get(m.seed) as string).includes(collapse(m.mention)), `${m.seed}: ${JSON.stringify(m.mention)} not in seed`);
    }
    for (const l of seedLists) {
      assert.ok((texts.get(l.seed) as string).includes(collapse(l.line)), `${l.seed}: ${JSON.stringify(l.line)} not in seed`);
    }
  });

  test('fixtures cover the four seeds and every expected id exists in its directory', () => {
    for (const s of SEEDS) assert.ok(seedMentions.filter((m) => m.seed === s).length >= 15, `seed ${s}`);
    for (const m of seedMentions) {
      if (m.expected === null) continue;
      assert.ok(
        directoryForSeed(m.seed).some((e) => e.id === m.expected),
        `${m.seed}: expected id ${m.expected} is not in the directory`,
      );
    }
  });
});

describe('resolves every agency mention of the four seed plans', () => {
  test('accuracy on the seed mentions is 100%', (t) => {
    const failures: string[] = [];
    const perSeed = new Map<SeedId, { ok: number; total: number }>();
    for (const m of seedMentions) {
      const r = resolveAgency(indexFor(m.seed), m.mention);
      const got = r?.id ?? null;
      const stat = perSeed.get(m.seed) ?? { ok: 0, total: 0 };
      stat.total++;
      if (got === m.expected) stat.ok++;
      else {
        const top = rankAgencies(indexFor(m.seed), m.mention, 3)
          .map((c) => `${c.id}:${c.confidence}`)
          .join(', ');
        failures.push(`${m.seed} ${JSON.stringify(m.mention)} → ${got} (expected ${m.expected}; ranked ${top})`);
      }
      perSeed.set(m.seed, stat);
    }
    const ok = seedMentions.length - failures.length;
    t.diagnostic(`agency resolver accuracy on seed mentions: ${ok}/${seedMentions.length} = ${((100 * ok) / seedMentions.length).toFixed(1)}%`);
    for (const [s, st] of perSeed) t.diagnostic(`  seed ${s}: ${st.ok}/${st.total}`);
    assert.deepEqual(failures, []);
  });

  test('the right answer wins outright (no tie-break) with confidence above 0.6', (t) => {
    let minConfidence = 1;
    let minMargin = 1;
    for (const m of seedMentions) {
      if (m.expected === null) continue;
      const [top, second] = rankAgencies(indexFor(m.seed), m.mention, 2);
      assert.ok(top && top.id === m.expected, m.mention);
      const margin = top.confidence - (second?.confidence ?? 0);
      assert.ok(top.confidence >= 0.6, `${JSON.stringify(m.mention)}: ${top.confidence}`);
      assert.ok(margin > 0, `${JSON.stringify(m.mention)}: tie with ${second?.id}`);
      minConfidence = Math.min(minConfidence, top.confidence);
      minMargin = Math.min(minMargin, margin);
    }
    t.diagnostic(`lowest confidence of a right answer: ${minConfidence}; smallest margin over the runner-up: ${minMargin.toFixed(3)}`);
  });

  test('non-agency text in agency positions stays below 0.5', () => {
    for (const m of seedMentions) {
      if (m.expected !== null) continue;
      const top = rankAgencies(indexFor(m.seed), m.mention, 1)[0];
      assert.ok((top?.confidence ?? 0) < 0.5, `${JSON.stringify(m.mention)} → ${top?.id} ${top?.confidence}`);
    }
  });

  test('a 2023 agency resolves to its former record, which keeps its successors', () => {
    const r = resolveAgency(demoIndex, 'Sở Thông tin và Truyền thông');
    assert.equal(r?.id, 'so-tttt');
    const entry = demoResolverEntries().find((e) => e.id === 'so-tttt');
    assert.equal(entry?.active, false);
    assert.deepEqual(entry?.successorIds, ['so-khcn', 'so-vhtt']);
  });
});

describe('resolveAgencyList: whole lines of the seed plans', () => {
  test('every list line gives its agencies in order', (t) => {
    const failures: string[] = [];
    for (const l of seedLists) {
      const items = resolveAgencyList(indexFor(l.seed), l.line);
      const got = items.flatMap((i) => (i.resolution ? [i.resolution.id] : []));
      if (JSON.stringify(got) !== JSON.stringify(l.expected)) {
        failures.push(`${l.seed} ${JSON.stringify(l.line)} → ${items.map((i) => `[${i.text}]→${i.resolution?.id ?? null}`).join(' ')}`);
      }
    }
    t.diagnostic(`list lines split and resolved: ${seedLists.length - failures.length}/${seedLists.length}`);
    assert.deepEqual(failures, []);
  });

  test('parts that name nothing come back unresolved, with their text', () => {
    const items = resolveAgencyList(demoIndex, 'Sở Tư pháp và các sở, ban, ngành cấp tỉnh, các cơ quan, đơn vị có liên quan.');
    assert.deepEqual(
      items.map((i) => [i.text, i.resolution?.id ?? null]),
      [
        ['Sở Tư pháp', 'so-tu-phap'],
        ['các sở, ban, ngành cấp tỉnh', 'so-ban-nganh'],
        ['các cơ quan, đơn vị có liên quan.', null],
      ],
    );
  });

  test('commas and "và" inside names are kept', () => {
    const items = resolveAgencyList(demoIndex, 'Sở Văn hóa và Thể thao, Ban Quản lý Khu kinh tế, công nghiệp và Trung tâm Giám sát, điều hành đô thị thông minh');
    assert.deepEqual(
      items.map((i) => i.resolution?.id ?? null),
      ['so-vhtt', 'bql-kkt-cn', 'hueioc'],
    );
  });

  test('empty, odd and non-string input', () => {
    assert.deepEqual(resolveAgencyList(demoIndex, ''), []);
    assert.deepEqual(resolveAgencyList(demoIndex, ' ;, ; '), []);
    assert.deepEqual(resolveAgencyList(demoIndex, null as unknown as string), []);
  });

  test('property: never throws, items are in order and cover resolved names', () => {
    const words = fc.constantFrom('Sở Tư pháp', 'Sở TT&TT', 'các sở, ban, ngành', 'UBND các huyện', ',', ';', 'và', '(', ')', ':', 'Chủ trì:', 'xyz', 'Báo Huế', '\n');
    fc.assert(
      fc.property(fc.array(fc.oneof(words, fc.string({ maxLength: 8 })), { maxLength: 20 }), (ws) => {
        const text = ws.join(' ');
        const items = resolveAgencyList(demoIndex, text);
        for (const i of items) {
          assert.ok(i.text.length > 0);
          if (i.resolution) assert.ok(i.resolution.confidence >= 0.5 && i.resolution.confidence <= 1);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('generalises beyond the seed spellings (demo directory)', () => {
  const cases: [string, string | null][] = [
    // Abbreviations
    ['Sở TT&TT', 'so-tttt'],
    ['sở tt&tt', 'so-tttt'],
    ['Sở TTTT', 'so-tttt'],
    ['Sở KH&CN', 'so-khcn'],
    ['Sở GD&ĐT', 'so-gddt'],
    ['Sở LĐ-TB&XH', 'so-ldtbxh'],
    ['Sở NN&PTNT', 'so-nnptnt'],
    ['Sở TN&MT', 'so-tnmt'],
    ['Sở KH&ĐT', 'so-khdt'],
    ['Sở GTVT', 'so-gtvt'],
    ['Ban TG&DV Thành ủy', 'ban-tgdv'],
    ['Đài PT-TH Huế', 'dai-ptth-hue'],
    ['Đài PTTH tỉnh', 'dai-ptth-tth'],
    ['UBND TP Huế', 'ubnd-tp-hue'],
    ['UBND TX Hương Thủy', 'ubnd-tx-huong-thuy'],
    ['Hội LHPN thành phố', 'hoi-lhpn'],
    ['BQL KKT, CN', 'bql-kkt-cn'],
    ['Bộ TT&TT', 'bo-tttt'],
    // Word order, fillers, punctuation, places appended, case
    ['Sở Thông tin - Truyền thông', 'so-tttt'],
    ['Sở TT&TT tỉnh Thừa Thiên Huế', 'so-tttt'],
    ['Sở Khoa học Công nghệ', 'so-khcn'],
    ['Sở Lao động, Thương binh và Xã hội', 'so-ldtbxh'],
    ['Sở Nông nghiệp và PTNT', 'so-nnptnt'],
    ['Sở Kế hoạch Đầu tư', 'so-khdt'],
    ['Sở Văn hoá và Thể thao', 'so-vhtt'],
    ['Sở Giáo dục - Đào tạo', 'so-gddt'],
    ['Sở Y tế thành phố Huế', 'so-y-te'],
    ['SỞ TƯ PHÁP', 'so-tu-phap'],
    ['ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ', 'ubnd-tinh-tth'],
    ['Uy ban nhan dan tinh Thua Thien Hue', 'ubnd-tinh-tth'],
    ['+ Ban Quản lý Khu kinh tế, công nghiệp tỉnh;', 'bql-kkt-cn'],
    ['Cổng Thông tin điện tử thành phố', 'cong-ttdt'],
    ['Trung tâm IOC', 'hueioc'],
    ['Thường trực HĐND tỉnh', 'hdnd-tinh-tth'],
    ['Mặt trận Tổ quốc thành phố', 'mttq'],
    ['Ủy ban MTTQ Việt Nam thành phố Huế', 'mttq'],
    ['Liên đoàn Lao động thành phố Huế', 'ldld'],
    ['Công an TP Huế', 'cong-an-tp-hue'],
    ['các cơ quan báo chí trên địa bàn', 'co-quan-bao-chi'],
    ['UBND các xã, phường', 'ubnd-cap-xa'],
    ['UBND cấp xã', 'ubnd-cap-xa'],
    // Missing diacritics and OCR damage
    ['So Tu phap', 'so-tu-phap'],
    ['Sở Nội vu', 'so-noi-vu'],
    ['S& Thong tin va Truyén thong', 'so-tttt'],
    ['Sé Tu phap', 'so-tu-phap'],
    ['Sở Tài chánh', 'so-tai-chinh'],
    ['phuong Thuy Xuan', 'phuong-thuy-xuan'],
    ['phường Vĩ Dạ', 'phuong-vy-da'],
    ['Chân Mây – Lăng Cô', 'xa-chan-may-lang-co'],
    // Similar names that must stay apart
    ['xã A Lưới 1', 'xa-a-luoi-1'],
    ['huyện A Lưới', 'ubnd-huyen-a-luoi'],
    ['quận Thuận Hóa', 'ubnd-quan-thuan-hoa'],
    ['phường Thuận Hóa', 'phuong-thuan-hoa'],
    ['Báo Thừa Thiên Huế', 'bao-tth'],
    ['Báo Huế', 'bao-hue'],
    ['UBND thành phố Huế', 'ubnd-tp-hue'],
    ['UBND thành phố Huế (cũ)', 'ubnd-tp-hue-cu'],
    ['Tỉnh ủy Thừa Thiên Huế', 'tinh-uy-tth'],
    ['Thành ủy Huế', 'thanh-uy-hue'],
    ['Bộ Thông tin và Truyền thông', 'bo-tttt'],
    ['Sở Ngoại vụ', 'so-ngoai-vu'],
    ['Sở Nội vụ', 'so-noi-vu'],
    // Truncated
    ['Sở Thông tin', 'so-tttt'],
    ['Sở Tài nguyên', 'so-tnmt'],
  ];
  for (const [mention, expected] of cases) {
    test(`${JSON.stringify(mention)} → ${expected}`, () => {
      assert.equal(resolveAgency(demoIndex, mention)?.id ?? null, expected);
    });
  }
});

describe('returns null for what is not in the directory', () => {
  const negatives = [
    'Thủ tướng Chính phủ',
    'Chính phủ',
    'Quốc hội',
    'Văn phòng Chính phủ',
    'Bộ Tư pháp',
    'Bộ Công an',
    'Sở Tư pháp thành phố Đà Nẵng',
    'Đài Truyền hình Việt Nam',
    'Thông tấn xã Việt Nam',
    'Báo Nhân Dân',
    'Hội Cựu chiến binh thành phố',
    'Luật Báo chí',
    'Luật Tiếp cận thông tin',
    'Nghị định số 09/2017/NĐ-CP',
    'Kế hoạch số 269/KH-UBND',
    'Hue-S',
    'Nguyễn Văn A',
    'lorem ipsum dolor sit amet',
    'các cơ quan, đơn vị có liên quan',
    'người đứng đầu cơ quan, đơn vị',
    '',
    '   ',
    '- ;',
    '12/2024',
  ];
  for (const n of negatives) {
    test(`${JSON.stringify(n)} → null`, () => {
      assert.equal(resolveAgency(demoIndex, n), null);
    });
  }

  test('an empty directory resolves nothing', () => {
    assert.equal(resolveAgency(buildResolverIndex([]), 'Sở Tư pháp'), null);
  });
});

describe('API contract', () => {
  test('resolution shape: confidence in [0,1], matched name, sorted distinct alternatives', () => {
    const r = resolveAgency(demoIndex, 'Đài Phát thanh và Truyền hình tỉnh');
    assert.ok(r);
    assert.equal(r.id, 'dai-ptth-tth');
    assert.equal(r.kind, 'agency');
    assert.equal(r.matchedName, 'Đài Phát thanh và Truyền hình tỉnh');
    assert.ok(r.confidence > 0.9 && r.confidence <= 1);
    assert.ok(r.alternatives.some((a) => a.id === 'dai-ptth-hue'));
    assert.ok(r.alternatives.every((a) => a.id !== r.id && a.confidence <= r.confidence));
    for (let i = 1; i < r.alternatives.length; i++) {
      assert.ok((r.alternatives[i - 1]?.confidence ?? 0) >= (r.alternatives[i]?.confidence ?? 0));
    }
  });

  test('groups resolve with kind "group"', () => {
    const r = resolveAgency(demoIndex, 'UBND các huyện, thị xã, thành phố');
    assert.equal(r?.id, 'ubnd-cap-huyen');
    assert.equal(r?.kind, 'group');
  });

  test('an exact name gets confidence 1', () => {
    assert.equal(resolveAgency(demoIndex, 'Sở Tư pháp')?.confidence, 1);
    assert.equal(resolveAgency(demoIndex, 'sở tư pháp')?.confidence, 1);
  });

  test('minConfidence and maxAlternatives options', () => {
    const fuzzy = 'Sé Tu phap';
    const r = resolveAgency(demoIndex, fuzzy);
    assert.ok(r && r.confidence < 1);
    assert.equal(resolveAgency(demoIndex, fuzzy, { minConfidence: 0.99 }), null);
    assert.equal(resolveAgency(demoIndex, 'Chính phủ', { minConfidence: 0 })?.id !== undefined, true);
    assert.equal(resolveAgency(demoIndex, 'Sở Tư pháp', { maxAlternatives: 0 })?.alternatives.length, 0);
  });

  test('the index tolerates odd entries (empty names, duplicates, no names)', () => {
    const entries: ResolverEntry[] = [
      { id: 'a', kind: 'agency', names: ['Sở Tư pháp', 'Sở Tư pháp', '', '  '], active: true },
      { id: 'b', kind: 'agency', names: [], active: true },
      { id: 'c', kind: 'group', names: ['Các sở, ban, ngành'], active: true },
    ];
    const idx = buildResolverIndex(entries);
    assert.equal(resolveAgency(idx, 'So Tu Phap')?.id, 'a');
    assert.equal(resolveAgency(idx, 'các sở, ngành')?.id, 'c');
  });

  test('ties prefer the active entry', () => {
    const idx = buildResolverIndex([
      { id: 'old', kind: 'agency', names: ['Sở Văn hóa'], active: false },
      { id: 'new', kind: 'agency', names: ['Sở Văn hóa'], active: true },
    ]);
    assert.equal(resolveAgency(idx, 'Sở Văn hóa')?.id, 'new');
  });

  test('non-string input returns null instead of throwing', () => {
    for (const bad of [null, undefined, 42, {}, ['Sở Tư pháp']]) {
      assert.equal(resolveAgency(demoIndex, bad as unknown as string), null);
    }
  });

  test('analyzeMention explains the tokens', () => {
    const toks = analyzeMention(demoIndex, '- Sở TT&TT;').map((t) => t.token);
    assert.deepEqual(toks, ['so', 'thong', 'tin', 'truyen', 'thong']);
    assert.deepEqual(
      analyzeMention(demoIndex, 'Uy ban nhén dan cac huyén, thi xa, thanh phé').map((t) => t.token),
      ['ubnd', 'cac', 'huyen', 'thixa', 'thanhpho'],
    );
  });

  test('tokenSimilarity: OCR-tolerant, but initials and short syllables stay strict', () => {
    assert.equal(tokenSimilarity('tring', 'trang'), 0.9);
    assert.ok(tokenSimilarity('pai', 'dai') > 0.75); // Đ read as P
    assert.ok(tokenSimilarity('gido', 'giao') >= 0.75);
    assert.equal(tokenSimilarity('binh', 'tinh'), 0); // different initial consonant
    assert.equal(tokenSimilarity('bo', 'bao'), 0); // Bộ is not Báo
    assert.equal(tokenSimilarity('dang', 'dan'), 0); // Đảng is not Dân
    assert.equal(tokenSimilarity('1', '2'), 0);
  });
});

describe('never throws (property tests)', () => {
  const mentions = seedMentions.map((m) => m.mention);
  const check = (idx: ResolverIndex, s: string): void => {
    const r = resolveAgency(idx, s);
    if (r === null) return;
    assert.ok(r.confidence >= 0.5 && r.confidence <= 1 && Number.isFinite(r.confidence));
    assert.ok(idx.entries.some((e) => e.id === r.id));
    for (const a of r.alternatives) assert.ok(a.confidence >= 0 && a.confidence <= r.confidence);
  };

  test('random strings (any code points)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (s) => check(demoIndex, s)),
      { numRuns: 400 },
    );
  });

  test('random Vietnamese-looking words, abbreviations and punctuation', () => {
    const words = fc.constantFrom(
      'Sở', 'sở', 'S&', 'Sé', 'UBND', 'TT&TT', 'PT-TH', 'VH,TT&DL', 'LĐ-TB&XH', 'các', 'và', 'tỉnh', 'thành phố', 'huyện',
      'Thừa Thiên Huế', 'Huế', 'Thông tin', 'Truyền thông', 'Tư pháp', '(', ')', ':', ';', ',', '-', '&', '1.', 'ﬁ', '¢', '\n',
      'Ủy ban', 'nhân dân', 'có liên quan', 'cơ quan', 'đơn vị', 'Ban', 'Tỉnh ủy', 'A', '1', 'Việt Nam', 'Luật', 'TP', 'TX',
    );
    fc.assert(
      fc.property(fc.array(words, { maxLength: 25 }), fc.constantFrom(...SEEDS), (ws, seed) => check(indexFor(seed), ws.join(' '))),
      { numRuns: 600 },
    );
  });

  test('truncated and spliced seed mentions', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seedMentions), fc.nat(), fc.nat(), (m, a, b) => {
        const s = m.mention;
        const i = a % (s.length + 1);
        const j = b % (s.length + 1);
        check(indexFor(m.seed), s.slice(Math.min(i, j), Math.max(i, j)));
        check(indexFor(m.seed), s.slice(0, i) + s.slice(j));
      }),
      { numRuns: 600 },
    );
  });

  test('very long input', () => {
    check(demoIndex, mentions.join(', ').repeat(5));
    check(demoIndex, 'Sở '.repeat(5000));
    check(demoIndex, '&'.repeat(10000));
  });

  test('random directories', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.string({ minLength: 1, maxLength: 5 }),
            kind: fc.constantFrom('agency' as const, 'group' as const),
            names: fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 3 }),
            active: fc.boolean(),
          }),
          { maxLength: 8 },
        ),
        fc.string({ unit: 'binary', maxLength: 40 }),
        (entries, mention) => check(buildResolverIndex(entries), mention),
      ),
      { numRuns: 200 },
    );
  });
});

// Speed is measured by bench/resolver.bench.ts, never asserted in a test (the machine is noisy).
describe('a larger directory', () => {
  test('1,000 mentions against 300 entries resolve as they do against the demo directory alone', (t) => {
    const entries = demoResolverEntries();
    const syllables = ['An', 'Bình', 'Cát', 'Điền', 'Hòa', 'Lộc', 'Phú', 'Quảng', 'Thủy', 'Vinh', 'Xuân', 'Long', 'Hải', 'Sơn', 'Trà', 'Mỹ', 'Tân'];
    for (let k = 0; entries.length < 300; k++) {
      const name = `${syllables[k % syllables.length]} ${syllables[Math.floor(k / syllables.length) % syllables.length]}`;
      entries.push({ id: `xa-${k}`, kind: 'agency', names: [`Ủy ban nhân dân xã ${name}`, `UBND xã ${name}`, `Xã ${name}`], active: true });
    }
    const idx = buildResolverIndex(entries);
    const list: string[] = [];
    while (list.length < 1000) list.push(...seedMentions.map((m) => m.mention));
    list.length = 1000;
    const small = buildResolverIndex(demoResolverEntries());
    let same = 0;
    for (const m of list) if (resolveAgency(idx, m)?.id === resolveAgency(small, m)?.id) same++;
    t.diagnostic(`${same}/1000 mentions resolve the same with ${entries.length} entries`);
    // Extra communes named after places may only ever take mentions that named no demo agency.
    assert.ok(same >= 990, `${same}/1000`);
  });
});

describe('demo directory (src/server/modules/directory/demo-data.ts)', () => {
  const codes = new Set(demoAgencies.map((a) => a.code));
  const groupCodes = new Set(demoGroups.map((g) => g.code));
  const iso = /^\d{4}-\d{2}-\d{2}$/;

  test('tenant and codes', () => {
    assert.deepEqual({ ...demoTenant }, { code: 'hue', name: 'Thành phố Huế' });
    assert.equal(codes.size, demoAgencies.length, 'agency codes are unique');
    assert.equal(groupCodes.size, demoGroups.length, 'group codes are unique');
    for (const c of [...codes, ...groupCodes]) assert.match(c, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const g of groupCodes) assert.ok(!codes.has(g), `group code ${g} collides with an agency`);
  });

  test('references resolve: parents, successors, group members', () => {
    for (const a of demoAgencies) {
      if (a.parentCode !== null) assert.ok(codes.has(a.parentCode), `${a.code} parent ${a.parentCode}`);
      for (const s of a.successors) {
        assert.ok(codes.has(s.code), `${a.code} successor ${s.code}`);
        assert.match(s.effectiveDate, iso);
      }
    }
    for (const g of demoGroups) {
      assert.ok(g.memberCodes.length > 0, g.code);
      for (const m of g.memberCodes) assert.ok(codes.has(m), `${g.code} member ${m}`);
    }
  });

  test('validity: former agencies have validTo and successors that exist from that date', () => {
    const byCode = new Map(demoAgencies.map((a) => [a.code, a]));
    for (const a of demoAgencies) {
      if (a.validFrom !== null) assert.match(a.validFrom, iso);
      if (a.validTo !== null) {
        assert.match(a.validTo, iso);
        assert.ok(a.successors.length > 0, `${a.code} ended without successors`);
        if (a.validFrom !== null) assert.ok(a.validFrom < a.validTo, a.code);
      } else {
        assert.equal(a.successors.length, 0, `${a.code} is current but has successors`);
      }
      for (const s of a.successors) {
        const succ = byCode.get(s.code);
        assert.equal(s.effectiveDate, a.validTo, `${a.code} → ${s.code}`);
        assert.ok(succ && (succ.validFrom === null || succ.validFrom <= s.effectiveDate), `${s.code} not valid at ${s.effectiveDate}`);
      }
    }
  });

  test('the 2025 restructuring: every former agency leads to a current one', () => {
    const byCode = new Map(demoAgencies.map((a) => [a.code, a]));
    const current = (code: string, seen = new Set<string>()): string[] => {
      const a = byCode.get(code);
      if (!a || seen.has(code)) return [];
      seen.add(code);
      if (a.validTo === null) return [code];
      return a.successors.flatMap((s) => current(s.code, seen));
    };
    for (const a of demoAgencies) assert.ok(current(a.code).length > 0, a.code);
    assert.deepEqual(current('so-tttt').sort(), ['so-khcn', 'so-vhtt']);
    assert.deepEqual(current('so-ldtbxh').sort(), ['so-noi-vu', 'so-y-te']);
    assert.deepEqual(current('ubnd-tinh-tth'), ['ubnd-tp-hue']);
    assert.deepEqual(current('so-tnmt'), ['so-nnmt']);
    assert.deepEqual(current('ban-dan-van-tu'), ['ban-tgdv']);
    const districtGroup = demoGroups.find((g) => g.code === 'ubnd-cap-huyen');
    const communes = new Set(districtGroup?.memberCodes.flatMap((c) => current(c)));
    assert.ok(communes.size >= 15);
    for (const c of communes) assert.equal(byCode.get(c)?.kind, 'commune', c);
  });

  test('today: the city, its departments and 15–20 communes', () => {
    const today = demoAgencies.filter((a) => a.validTo === null);
    assert.equal(today.filter((a) => a.kind === 'province' && a.parentCode === null && a.code === 'ubnd-tp-hue').length, 1);
    const communes = today.filter((a) => a.kind === 'commune');
    assert.ok(communes.length >= 15 && communes.length <= 20, String(communes.length));
    const deptNames = today.filter((a) => a.kind === 'department').map((a) => a.name);
    for (const n of ['Sở Nội vụ', 'Sở Tài chính', 'Sở Tư pháp', 'Sở Nông nghiệp và Môi trường', 'Sở Khoa học và Công nghệ', 'Sở Văn hóa và Thể thao']) {
      assert.ok(deptNames.includes(n), n);
    }
  });

  test('names are normalised (NFC, single spaces, one tone placement)', () => {
    for (const a of demoAgencies) {
      for (const n of [a.name, ...a.shortNames, ...a.aliases]) assert.equal(normalizeText(n), n, n);
    }
    for (const g of demoGroups) for (const n of [g.name, ...g.aliases]) assert.equal(normalizeText(n), n, n);
  });

  test('every name of every agency resolves to that agency', () => {
    const failures: string[] = [];
    for (const e of demoResolverEntries()) {
      for (const n of e.names) {
        const r = resolveAgency(demoIndex, n);
        // Two agencies may share a name across time ("Thành ủy"/"Tỉnh ủy" aliases differ; none do today).
        if (r?.id !== e.id) failures.push(`${n} → ${r?.id ?? null} (expected ${e.id})`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test('people: 12–20 fictional contacts with well-formed phones and e-mails', () => {
    assert.ok(demoPeople.length >= 12 && demoPeople.length <= 20);
    for (const p of demoPeople) {
      assert.ok(codes.has(p.agencyCode), p.fullName);
      if (p.phone !== null) assert.match(p.phone, /^0234 3\d{3} \d{3}$/);
      if (p.email !== null) assert.match(p.email, /^[a-z0-9.]+@hue\.gov\.vn$/);
      assert.ok(p.roles.length > 0);
    }
    const spokespersonAgencies = new Set(demoPeople.filter((p) => p.roles.includes('spokesperson')).map((p) => p.agencyCode));
    for (const c of ['vp-ubnd', 'so-noi-vu', 'so-tai-chinh', 'so-tu-phap', 'so-khcn', 'so-vhtt', 'so-y-te', 'so-gddt', 'so-nnmt']) {
      assert.ok(spokespersonAgencies.has(c), `no spokesperson for ${c}`);
    }
  });
});

describe('other seed directories', () => {
  const dirs = {
    st: buildResolverIndex(socTrangDirectory),
    bg: buildResolverIndex(bacGiangDirectory),
    kh: buildResolverIndex(khanhHoaDirectory),
  };
  const cases: [keyof typeof dirs, string, string | null][] = [
    ['st', 'Sở TT&TT tỉnh Sóc Trăng', 'st-so-tttt'],
    ['st', 'UBND TP Sóc Trăng', 'st-ubnd-tp-soc-trang'],
    ['st', 'UBND thành phố Sóc Trăng', 'st-ubnd-tp-soc-trang'],
    ['st', 'TX Vinh Chau', 'st-ubnd-tx-vinh-chau'],
    ['st', 'Đài PT-TH Sóc Trăng', 'st-dai-ptth'],
    ['st', 'Sở VH,TT&DL', 'st-so-vhttdl'],
    ['st', 'So Giao duc va Dao tao', 'st-so-gddt'],
    ['st', 'S¢ Y té', 'st-so-y-te'],
    ['st', 'Hội Nhà báo Việt Nam tỉnh Sóc Trăng', 'st-hoi-nha-bao'],
    ['st', 'Sở Ke hoach va Dau tu', 'st-so-khdt'],
    ['st', 'Sở Tài nguyên - Môi trường', 'st-so-tnmt'],
    ['st', 'huyen My Xuyen', 'st-ubnd-huyen-my-xuyen'],
    ['st', 'Ủy ban nhân dân tỉnh Bạc Liêu', null],
    ['st', 'Sở Tư pháp tỉnh Bạc Liêu', null],
    ['st', 'Công an huyện Mỹ Xuyên', null],
    ['bg', 'UBND huyện Lục Nam', 'bg-ubnd-huyen-luc-nam'],
    ['bg', 'huyện Yên Thế', 'bg-ubnd-huyen-yen-the'],
    ['bg', 'UBND TP Bắc Giang', 'bg-ubnd-tp-bac-giang'],
    ['bg', 'Sở Văn hóa Thể thao và Du lịch', 'bg-so-vhttdl'],
    ['bg', 'Tap chi Song Thuong', 'bg-tap-chi-song-thuong'],
    ['bg', 'Trung tâm Thông tin', 'bg-trung-tam-thong-tin'],
    ['bg', 'Báo Bắc Giang điện tử', 'bg-bao'],
    ['bg', 'Đài PTTH tỉnh', 'bg-dai-ptth'],
    ['bg', 'UBND cấp huyện', 'bg-ubnd-cap-huyen'],
    ['bg', 'Thường trực Tỉnh ủy Bắc Giang', 'bg-tinh-uy'],
    ['bg', 'Ban Dân vận Tỉnh ủy', null],
    ['bg', 'Sở Y tế', null],
    ['bg', 'Huyện ủy Lục Nam', null],
    ['kh', 'Sở Tài nguyên Môi trường Khánh Hòa', 'kh-so-tnmt'],
    ['kh', 'Chi cục BVMT', 'kh-tnmt-chi-cuc-bvmt'],
    ['kh', 'Chi cuc Bien va Hai dao', 'kh-tnmt-chi-cuc-bien'],
    ['kh', 'VPĐKĐĐ', 'kh-tnmt-vpdkdd'],
    ['kh', 'Báo Khánh Hoà', 'kh-bao'],
    ['kh', 'Trung tâm CNTT', 'kh-tnmt-ttcntt'],
    ['kh', 'UBND thành phố Nha Trang', null],
    ['kh', 'Sở Tư pháp tỉnh Ninh Thuận', null],
  ];
  for (const [dir, mention, expected] of cases) {
    test(`${dir}: ${JSON.stringify(mention)} → ${expected}`, () => {
      assert.equal(resolveAgency(dirs[dir], mention)?.id ?? null, expected);
    });
  }

  test('every name in the fixture directories resolves to its own entry', () => {
    for (const dir of [socTrangDirectory, bacGiangDirectory, khanhHoaDirectory]) {
      const idx = buildResolverIndex(dir);
      for (const e of dir) for (const n of e.names) assert.equal(resolveAgency(idx, n)?.id, e.id, n);
    }
  });
});
