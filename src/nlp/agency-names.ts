/**
 * Built-in names of Vietnamese provincial agencies, agency groups and provinces, for
 * reading plans without a directory (the CLI, the parser's default) and for restoring
 * diacritics that an OCR scan lost ("S& Thong tin va Truyén thong" → "Sở Thông tin và
 * Truyền thông").
 *
 * Covers the standard departments (sở) before and after the 2025 restructuring, the
 * other provincial bodies (UBND, HĐND, party committee and its boards, police, army,
 * inspectorate, the central agencies' local branches), press, mass organisations, the
 * agency units of a department, and the collective forms plans address ("các sở, ban,
 * ngành", "UBND các huyện, thị xã, thành phố"). Names that carry the province's own
 * name ("Báo Bắc Giang") are templates instantiated with the plan's place.
 *
 * Pure data and small pure helpers, no I/O.
 */

import { foldAccents, normalizeText } from './vietnamese.ts';

export type BuiltinCategory =
  | 'province'
  | 'department'
  | 'board'
  | 'party'
  | 'police_army'
  | 'branch'
  | 'press'
  | 'mass_org'
  | 'unit'
  | 'district'
  | 'central'
  | 'group';

export type Era = 'before2025' | 'after2025' | 'both';

export interface BuiltinAgencyName {
  /** Canonical spelling (what the parser prints). */
  name: string;
  /** Other spellings and abbreviations that mean the same agency. */
  aliases: string[];
  kind: 'agency' | 'group';
  category: BuiltinCategory;
  /** Before the 1/3/2025 department merger, after it, or both. */
  era: Era;
  /** For a former agency: the agencies that took its duties (canonical names). */
  successors?: string[];
}

const a = (name: string, category: BuiltinCategory, era: Era, aliases: string[] = [], successors?: string[]): BuiltinAgencyName => ({
  name,
  aliases,
  kind: 'agency',
  category,
  era,
  ...(successors ? { successors } : {}),
});
const g = (name: string, aliases: string[] = []): BuiltinAgencyName => ({ name, aliases, kind: 'group', category: 'group', era: 'both' });

/** Provincial departments (sở) and department-level bodies, before and after 1/3/2025. */
const DEPARTMENTS: BuiltinAgencyName[] = [
  // Kept through the restructuring.
  a('Sở Nội vụ', 'department', 'both', ['SNV']),
  a('Sở Tư pháp', 'department', 'both', ['STP']),
  a('Sở Tài chính', 'department', 'both', ['STC']),
  a('Sở Công Thương', 'department', 'both', ['SCT', 'Sở Công thương']),
  a('Sở Xây dựng', 'department', 'both', ['SXD']),
  a('Sở Khoa học và Công nghệ', 'department', 'both', ['Sở KH&CN', 'Sở KHCN', 'SKHCN']),
  a('Sở Giáo dục và Đào tạo', 'department', 'both', ['Sở GD&ĐT', 'Sở GDĐT', 'SGDĐT']),
  a('Sở Y tế', 'department', 'both', ['SYT']),
  a('Sở Văn hóa, Thể thao và Du lịch', 'department', 'both', ['Sở VH,TT&DL', 'Sở VHTTDL', 'Sở VH-TT&DL', 'SVHTTDL']),
  a('Sở Văn hóa và Thể thao', 'department', 'both', ['Sở VH&TT', 'Sở VHTT']),
  a('Sở Du lịch', 'department', 'both', ['SDL']),
  a('Sở Ngoại vụ', 'department', 'both', ['SNgV']),
  a('Thanh tra tỉnh', 'department', 'both', []),
  a('Văn phòng Ủy ban nhân dân tỉnh', 'department', 'both', ['Văn phòng UBND tỉnh', 'VP UBND tỉnh', 'Văn phòng UBND']),
  a('Văn phòng Ủy ban nhân dân thành phố', 'department', 'both', ['Văn phòng UBND thành phố', 'VP UBND thành phố']),
  a('Sở Quy hoạch - Kiến trúc', 'department', 'both', ['Sở QH-KT']),
  // Before 1/3/2025.
  a('Sở Thông tin và Truyền thông', 'department', 'before2025', ['Sở TT&TT', 'Sở TTTT', 'Sở TT-TT', 'STTTT', 'Sở Thông tin - Truyền thông'], [
    'Sở Khoa học và Công nghệ',
    'Sở Văn hóa, Thể thao và Du lịch',
  ]),
  a('Sở Kế hoạch và Đầu tư', 'department', 'before2025', ['Sở KH&ĐT', 'Sở KHĐT', 'SKHĐT'], ['Sở Tài chính']),
  a('Sở Tài nguyên và Môi trường', 'department', 'before2025', ['Sở TN&MT', 'Sở TNMT', 'STNMT'], ['Sở Nông nghiệp và Môi trường']),
  a('Sở Nông nghiệp và Phát triển nông thôn', 'department', 'before2025', ['Sở NN&PTNT', 'Sở NNPTNT', 'SNNPTNT'], ['Sở Nông nghiệp và Môi trường']),
  a('Sở Giao thông vận tải', 'department', 'before2025', ['Sở GTVT', 'SGTVT', 'Sở Giao thông - Vận tải'], ['Sở Xây dựng']),
  a('Sở Lao động - Thương binh và Xã hội', 'department', 'before2025', ['Sở LĐ-TB&XH', 'Sở LĐTBXH', 'SLĐTBXH', 'Sở Lao động, Thương binh và Xã hội'], [
    'Sở Nội vụ',
    'Sở Y tế',
  ]),
  a('Ban Dân tộc tỉnh', 'department', 'before2025', ['Ban Dân tộc', 'BDT'], ['Sở Dân tộc và Tôn giáo']),
  // After 1/3/2025.
  a('Sở Nông nghiệp và Môi trường', 'department', 'after2025', ['Sở NN&MT', 'Sở NNMT', 'SNNMT']),
  a('Sở Dân tộc và Tôn giáo', 'department', 'after2025', ['Sở DT&TG', 'Sở DTTG']),
];

/** Other provincial bodies: councils, boards, branches of central agencies, police and army. */
const PROVINCIAL: BuiltinAgencyName[] = [
  a('Ủy ban nhân dân tỉnh', 'province', 'both', ['UBND tỉnh', 'Chủ tịch UBND tỉnh']),
  a('Ủy ban nhân dân thành phố', 'province', 'both', ['UBND thành phố']),
  a('Hội đồng nhân dân tỉnh', 'province', 'both', ['HĐND tỉnh', 'Thường trực HĐND tỉnh', 'TT HĐND tỉnh']),
  a('Hội đồng nhân dân thành phố', 'province', 'both', ['HĐND thành phố', 'Thường trực HĐND thành phố']),
  a('Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh', 'province', 'before2025', ['Văn phòng Đoàn ĐBQH và HĐND tỉnh']),
  a('Văn phòng Hội đồng nhân dân tỉnh', 'province', 'both', ['Văn phòng HĐND tỉnh']),
  a('Ban Quản lý các khu công nghiệp tỉnh', 'board', 'both', ['Ban Quản lý các khu công nghiệp', 'BQL các KCN']),
  a('Ban Quản lý Khu kinh tế tỉnh', 'board', 'both', ['Ban Quản lý Khu kinh tế', 'BQL KKT']),
  a('Công an tỉnh', 'police_army', 'both', ['CA tỉnh']),
  a('Công an thành phố', 'police_army', 'both', []),
  a('Bộ Chỉ huy Quân sự tỉnh', 'police_army', 'both', ['Bộ CHQS tỉnh']),
  a('Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'police_army', 'both', ['Bộ CH BĐBP tỉnh']),
  a('Viện Kiểm sát nhân dân tỉnh', 'branch', 'both', ['VKSND tỉnh']),
  a('Tòa án nhân dân tỉnh', 'branch', 'both', ['TAND tỉnh']),
  a('Cục Thuế tỉnh', 'branch', 'before2025', [], ['Thuế tỉnh']),
  a('Thuế tỉnh', 'branch', 'after2025', []),
  a('Cục Thống kê tỉnh', 'branch', 'before2025', [], ['Thống kê tỉnh']),
  a('Thống kê tỉnh', 'branch', 'after2025', []),
  a('Kho bạc Nhà nước tỉnh', 'branch', 'both', ['KBNN tỉnh']),
  a('Bảo hiểm xã hội tỉnh', 'branch', 'both', ['BHXH tỉnh']),
  a('Ngân hàng Nhà nước chi nhánh tỉnh', 'branch', 'both', ['Ngân hàng Nhà nước Việt Nam chi nhánh tỉnh']),
  a('Cục Hải quan tỉnh', 'branch', 'before2025', []),
  a('Trường Chính trị tỉnh', 'branch', 'both', []),
  a('Cổng Thông tin điện tử tỉnh', 'unit', 'both', ['Cổng TTĐT tỉnh', 'Cổng TTĐT', 'Cổng thông tin điện tử']),
  a('Trung tâm Truyền thông tỉnh', 'unit', 'both', []),
  a('Trung tâm Thông tin tỉnh', 'unit', 'both', []),
  a('Trung tâm Phục vụ hành chính công tỉnh', 'unit', 'both', ['Trung tâm Hành chính công tỉnh']),
  a('Trung tâm Giám sát, điều hành đô thị thông minh', 'unit', 'both', ['Trung tâm IOC', 'Trung tâm Điều hành thông minh']),
];

/** The party committee and its boards (named in plans as coordinating bodies). */
const PARTY: BuiltinAgencyName[] = [
  a('Tỉnh ủy', 'party', 'both', ['Thường trực Tỉnh ủy', 'Ban Thường vụ Tỉnh ủy', 'Thường vụ Tỉnh ủy', 'TT Tỉnh ủy']),
  a('Thành ủy', 'party', 'both', ['Thường trực Thành ủy', 'Ban Thường vụ Thành ủy']),
  a('Văn phòng Tỉnh ủy', 'party', 'both', []),
  a('Ban Tuyên giáo Tỉnh ủy', 'party', 'before2025', ['Ban TG Tỉnh ủy', 'Ban Tuyên giáo'], ['Ban Tuyên giáo và Dân vận Tỉnh ủy']),
  a('Ban Dân vận Tỉnh ủy', 'party', 'before2025', ['Ban DV Tỉnh ủy'], ['Ban Tuyên giáo và Dân vận Tỉnh ủy']),
  a('Ban Tuyên giáo và Dân vận Tỉnh ủy', 'party', 'after2025', ['Ban TG&DV Tỉnh ủy', 'Ban Tuyên giáo - Dân vận Tỉnh ủy']),
  a('Ban Tuyên giáo Thành ủy', 'party', 'before2025', [], ['Ban Tuyên giáo và Dân vận Thành ủy']),
  a('Ban Tuyên giáo và Dân vận Thành ủy', 'party', 'after2025', []),
  a('Ban Tổ chức Tỉnh ủy', 'party', 'both', []),
  a('Ban Nội chính Tỉnh ủy', 'party', 'both', []),
  a('Ủy ban Kiểm tra Tỉnh ủy', 'party', 'both', ['UBKT Tỉnh ủy']),
];

/** Mass organisations (Mặt trận and the socio-political organisations) and professional associations. */
const MASS_ORGS: BuiltinAgencyName[] = [
  a('Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'mass_org', 'both', ['Ủy ban MTTQ Việt Nam tỉnh', 'Ủy ban MTTQ tỉnh', 'UBMTTQ tỉnh', 'Mặt trận Tổ quốc tỉnh', 'UBMTTQVN tỉnh']),
  a('Hội Liên hiệp Phụ nữ tỉnh', 'mass_org', 'both', ['Hội LHPN tỉnh', 'Hội Phụ nữ tỉnh']),
  a('Hội Nông dân tỉnh', 'mass_org', 'both', []),
  a('Hội Cựu chiến binh tỉnh', 'mass_org', 'both', ['Hội CCB tỉnh']),
  a('Tỉnh đoàn', 'mass_org', 'both', ['Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh', 'Đoàn TNCS Hồ Chí Minh tỉnh', 'Tỉnh Đoàn']),
  a('Liên đoàn Lao động tỉnh', 'mass_org', 'both', ['LĐLĐ tỉnh']),
  a('Hội Nhà báo tỉnh', 'mass_org', 'both', ['Hội Nhà báo Việt Nam tỉnh']),
  a('Hội Luật gia tỉnh', 'mass_org', 'both', []),
  a('Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh', 'mass_org', 'both', ['Liên hiệp các hội KH&KT tỉnh']),
  a('Liên hiệp các tổ chức hữu nghị tỉnh', 'mass_org', 'both', []),
  a('Hội Văn học nghệ thuật tỉnh', 'mass_org', 'both', ['Liên hiệp các Hội Văn học nghệ thuật tỉnh']),
];

/** Press agencies named without the province's name. */
const PRESS: BuiltinAgencyName[] = [
  a('Báo tỉnh', 'press', 'both', []),
  a('Đài Phát thanh và Truyền hình tỉnh', 'press', 'before2025', ['Đài PT-TH tỉnh', 'Đài PTTH tỉnh', 'Đài Phát thanh - Truyền hình tỉnh', 'Đài PT&TH tỉnh']),
  a('Báo và Phát thanh, Truyền hình tỉnh', 'press', 'after2025', ['Báo và PT-TH tỉnh']),
  a('Thông tấn xã Việt Nam', 'press', 'both', ['TTXVN']),
  a('Đài Truyền hình Việt Nam', 'press', 'both', ['VTV']),
  a('Đài Tiếng nói Việt Nam', 'press', 'both', ['VOV']),
];

/** Units inside a department (department plans assign to them). */
const UNITS: BuiltinAgencyName[] = [
  a('Văn phòng Sở', 'unit', 'both', ['VP Sở']),
  a('Thanh tra Sở', 'unit', 'both', []),
  a('Trung tâm Công nghệ thông tin', 'unit', 'both', ['Trung tâm CNTT']),
  a('Trung tâm Công nghệ thông tin và Truyền thông', 'unit', 'before2025', ['Trung tâm CNTT&TT']),
  a('Phòng Thông tin - Báo chí - Xuất bản', 'unit', 'before2025', ['Phòng TT-BC-XB']),
];

/** Central bodies that provincial plans cite. */
const CENTRAL: BuiltinAgencyName[] = [
  a('Văn phòng Chính phủ', 'central', 'both', ['VPCP']),
  a('Bộ Thông tin và Truyền thông', 'central', 'before2025', ['Bộ TT&TT', 'Bộ TTTT', 'BTTTT'], ['Bộ Khoa học và Công nghệ', 'Bộ Văn hóa, Thể thao và Du lịch']),
  a('Bộ Khoa học và Công nghệ', 'central', 'both', ['Bộ KH&CN']),
  a('Bộ Văn hóa, Thể thao và Du lịch', 'central', 'both', ['Bộ VH,TT&DL', 'Bộ VHTTDL']),
  a('Bộ Tư pháp', 'central', 'both', []),
  a('Bộ Nội vụ', 'central', 'both', []),
  a('Bộ Tài chính', 'central', 'both', []),
  a('Bộ Công an', 'central', 'both', []),
  a('Bộ Quốc phòng', 'central', 'both', []),
  a('Bộ Ngoại giao', 'central', 'both', []),
  a('Bộ Y tế', 'central', 'both', []),
  a('Bộ Giáo dục và Đào tạo', 'central', 'both', ['Bộ GD&ĐT']),
  a('Bộ Kế hoạch và Đầu tư', 'central', 'before2025', ['Bộ KH&ĐT'], ['Bộ Tài chính']),
  a('Bộ Tài nguyên và Môi trường', 'central', 'before2025', ['Bộ TN&MT'], ['Bộ Nông nghiệp và Môi trường']),
  a('Bộ Nông nghiệp và Phát triển nông thôn', 'central', 'before2025', ['Bộ NN&PTNT'], ['Bộ Nông nghiệp và Môi trường']),
  a('Bộ Nông nghiệp và Môi trường', 'central', 'after2025', []),
  a('Bộ Lao động - Thương binh và Xã hội', 'central', 'before2025', ['Bộ LĐ-TB&XH'], ['Bộ Nội vụ', 'Bộ Y tế']),
  a('Bộ Giao thông vận tải', 'central', 'before2025', ['Bộ GTVT'], ['Bộ Xây dựng']),
  a('Bộ Xây dựng', 'central', 'both', []),
  a('Bộ Công Thương', 'central', 'both', []),
];

/** District level (abolished 1/7/2025) and commune level. */
const LOCAL: BuiltinAgencyName[] = [
  a('Ủy ban nhân dân huyện', 'district', 'before2025', ['UBND huyện']),
  a('Ủy ban nhân dân thị xã', 'district', 'both', ['UBND thị xã']),
  a('Ủy ban nhân dân xã', 'district', 'both', ['UBND xã']),
  a('Ủy ban nhân dân phường', 'district', 'both', ['UBND phường']),
];

/**
 * Collective forms. Each spelling is its own group so that a mention comes out in the
 * closest properly spelled form ("UBND huyện, thành phố" stays as written, "cac s, ban
 * nganh tinh" becomes "Các sở, ban, ngành tỉnh").
 */
const GROUPS: BuiltinAgencyName[] = [
  g('Các sở, ban, ngành'),
  g('Các sở, ban, ngành tỉnh'),
  g('Các sở, ban, ngành cấp tỉnh'),
  g('Các sở, ban, ngành có liên quan'),
  g('Các sở, ban, ngành, đoàn thể'),
  g('Các sở, ban, ngành, đoàn thể tỉnh'),
  g('Các sở, ngành'),
  g('Các sở, ngành tỉnh'),
  g('Các sở, ngành, địa phương'),
  g('Các sở, ngành và địa phương'),
  g('Các sở, ban, ngành, địa phương'),
  g('Các sở, ngành, đơn vị, địa phương'),
  g('Các sở, ban, ngành, đơn vị, địa phương'),
  g('Các sở, cơ quan, đơn vị, địa phương'),
  g('Các sở, cơ quan liên quan'),
  g('Các cơ quan, đơn vị'),
  g('Các cơ quan, đơn vị, địa phương'),
  g('Các cơ quan, đơn vị có liên quan'),
  g('Các cơ quan, đơn vị liên quan'),
  g('Cơ quan, đơn vị có liên quan'),
  g('Các cơ quan có liên quan'),
  g('Cơ quan có liên quan'),
  g('Các đơn vị có liên quan'),
  g('Các cơ quan, tổ chức, đơn vị'),
  g('Các cơ quan báo chí'),
  g('Các cơ quan báo chí, truyền thông'),
  g('Các cơ quan báo chí, truyền thông của tỉnh'),
  g('Các cơ quan thông tin, báo chí'),
  g('Các cơ quan thông tin, báo chí của tỉnh'),
  g('Các cơ quan thông tấn, báo chí'),
  g('Các cơ quan báo chí địa phương'),
  g('Các cơ quan báo chí Trung ương và địa phương'),
  g('Các tổ chức chính trị - xã hội'),
  g('Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội'),
  g('Ủy ban nhân dân các huyện, thị xã, thành phố'),
  g('Ủy ban nhân dân các huyện, thành phố'),
  g('UBND các huyện, thị xã, thành phố'),
  g('UBND các huyện, thành phố'),
  g('UBND huyện, thị xã, thành phố'),
  g('UBND huyện, thành phố'),
  g('UBND cấp huyện'),
  g('Ủy ban nhân dân cấp huyện'),
  g('Ủy ban nhân dân các xã, phường, thị trấn'),
  g('UBND các xã, phường, thị trấn'),
  g('Ủy ban nhân dân các xã, phường'),
  g('UBND các xã, phường'),
  g('UBND các xã, phường, đặc khu'),
  g('UBND cấp xã'),
  g('Ủy ban nhân dân cấp xã'),
  g('Các phòng, đơn vị trực thuộc Sở'),
  g('Các phòng, đơn vị thuộc Sở'),
  g('Các đơn vị trực thuộc Sở'),
  g('Các phòng chuyên môn thuộc Sở'),
];

/** Every built-in agency and group name (without the province-specific templates). */
export const BUILTIN_AGENCY_NAMES: readonly BuiltinAgencyName[] = [
  ...DEPARTMENTS,
  ...PROVINCIAL,
  ...PARTY,
  ...MASS_ORGS,
  ...PRESS,
  ...UNITS,
  ...CENTRAL,
  ...LOCAL,
  ...GROUPS,
];

/**
 * Names that carry the province's name. `{place}` is the plan's place ("Bắc Giang"),
 * `{level}` its level word ("tỉnh" / "thành phố").
 */
export const PLACE_TEMPLATES: readonly { name: string; aliases: string[]; category: BuiltinCategory }[] = [
  { name: 'Ủy ban nhân dân {level} {place}', aliases: ['UBND {level} {place}'], category: 'province' },
  { name: 'Hội đồng nhân dân {level} {place}', aliases: ['HĐND {level} {place}'], category: 'province' },
  { name: 'Báo {place}', aliases: ['Báo {place} điện tử'], category: 'press' },
  { name: 'Đài Phát thanh và Truyền hình {place}', aliases: ['Đài PT-TH {place}', 'Đài PTTH {place}', 'Đài Phát thanh - Truyền hình {place}'], category: 'press' },
  { name: 'Báo và Phát thanh, Truyền hình {place}', aliases: [], category: 'press' },
  { name: 'Công an {level} {place}', aliases: [], category: 'police_army' },
  { name: 'Hội Nhà báo {level} {place}', aliases: [], category: 'mass_org' },
  { name: 'Cổng Thông tin điện tử {level} {place}', aliases: [], category: 'unit' },
  { name: 'Tỉnh ủy {place}', aliases: [], category: 'party' },
];

// ---------------------------------------------------------------------------
// Provinces
// ---------------------------------------------------------------------------

export interface Province {
  name: string;
  level: 'tỉnh' | 'thành phố';
  era: Era;
  /** For a province merged on 1/7/2025 (or renamed): the province it belongs to now. */
  successor?: string;
}

const p = (name: string, level: 'tỉnh' | 'thành phố', era: Era, successor?: string): Province => ({
  name,
  level,
  era,
  ...(successor ? { successor } : {}),
});

/** The 63 provinces and cities before 1/7/2025 and the 34 after it. */
export const PROVINCES: readonly Province[] = [
  // Kept (some absorbed neighbours).
  p('Hà Nội', 'thành phố', 'both'),
  p('Hải Phòng', 'thành phố', 'both'),
  p('Đà Nẵng', 'thành phố', 'both'),
  p('Hồ Chí Minh', 'thành phố', 'both'),
  p('Cần Thơ', 'thành phố', 'both'),
  p('Huế', 'thành phố', 'after2025'),
  p('Tuyên Quang', 'tỉnh', 'both'),
  p('Cao Bằng', 'tỉnh', 'both'),
  p('Lai Châu', 'tỉnh', 'both'),
  p('Lào Cai', 'tỉnh', 'both'),
  p('Thái Nguyên', 'tỉnh', 'both'),
  p('Điện Biên', 'tỉnh', 'both'),
  p('Lạng Sơn', 'tỉnh', 'both'),
  p('Sơn La', 'tỉnh', 'both'),
  p('Phú Thọ', 'tỉnh', 'both'),
  p('Bắc Ninh', 'tỉnh', 'both'),
  p('Quảng Ninh', 'tỉnh', 'both'),
  p('Hưng Yên', 'tỉnh', 'both'),
  p('Ninh Bình', 'tỉnh', 'both'),
  p('Thanh Hóa', 'tỉnh', 'both'),
  p('Nghệ An', 'tỉnh', 'both'),
  p('Hà Tĩnh', 'tỉnh', 'both'),
  p('Quảng Trị', 'tỉnh', 'both'),
  p('Quảng Ngãi', 'tỉnh', 'both'),
  p('Gia Lai', 'tỉnh', 'both'),
  p('Khánh Hòa', 'tỉnh', 'both'),
  p('Lâm Đồng', 'tỉnh', 'both'),
  p('Đắk Lắk', 'tỉnh', 'both'),
  p('Đồng Nai', 'tỉnh', 'both'),
  p('Tây Ninh', 'tỉnh', 'both'),
  p('Vĩnh Long', 'tỉnh', 'both'),
  p('Đồng Tháp', 'tỉnh', 'both'),
  p('Cà Mau', 'tỉnh', 'both'),
  p('An Giang', 'tỉnh', 'both'),
  // Merged or renamed on 1/1/2025 and 1/7/2025.
  p('Thừa Thiên Huế', 'tỉnh', 'before2025', 'Huế'),
  p('Hà Giang', 'tỉnh', 'before2025', 'Tuyên Quang'),
  p('Yên Bái', 'tỉnh', 'before2025', 'Lào Cai'),
  p('Bắc Kạn', 'tỉnh', 'before2025', 'Thái Nguyên'),
  p('Vĩnh Phúc', 'tỉnh', 'before2025', 'Phú Thọ'),
  p('Hòa Bình', 'tỉnh', 'before2025', 'Phú Thọ'),
  p('Bắc Giang', 'tỉnh', 'before2025', 'Bắc Ninh'),
  p('Thái Bình', 'tỉnh', 'before2025', 'Hưng Yên'),
  p('Hải Dương', 'tỉnh', 'before2025', 'Hải Phòng'),
  p('Hà Nam', 'tỉnh', 'before2025', 'Ninh Bình'),
  p('Nam Định', 'tỉnh', 'before2025', 'Ninh Bình'),
  p('Quảng Bình', 'tỉnh', 'before2025', 'Quảng Trị'),
  p('Quảng Nam', 'tỉnh', 'before2025', 'Đà Nẵng'),
  p('Kon Tum', 'tỉnh', 'before2025', 'Quảng Ngãi'),
  p('Bình Định', 'tỉnh', 'before2025', 'Gia Lai'),
  p('Phú Yên', 'tỉnh', 'before2025', 'Đắk Lắk'),
  p('Ninh Thuận', 'tỉnh', 'before2025', 'Khánh Hòa'),
  p('Bình Thuận', 'tỉnh', 'before2025', 'Lâm Đồng'),
  p('Đắk Nông', 'tỉnh', 'before2025', 'Lâm Đồng'),
  p('Bình Phước', 'tỉnh', 'before2025', 'Đồng Nai'),
  p('Bình Dương', 'tỉnh', 'before2025', 'Hồ Chí Minh'),
  p('Bà Rịa - Vũng Tàu', 'tỉnh', 'before2025', 'Hồ Chí Minh'),
  p('Long An', 'tỉnh', 'before2025', 'Tây Ninh'),
  p('Tiền Giang', 'tỉnh', 'before2025', 'Đồng Tháp'),
  p('Bến Tre', 'tỉnh', 'before2025', 'Vĩnh Long'),
  p('Trà Vinh', 'tỉnh', 'before2025', 'Vĩnh Long'),
  p('Sóc Trăng', 'tỉnh', 'before2025', 'Cần Thơ'),
  p('Hậu Giang', 'tỉnh', 'before2025', 'Cần Thơ'),
  p('Bạc Liêu', 'tỉnh', 'before2025', 'Cà Mau'),
  p('Kiên Giang', 'tỉnh', 'before2025', 'An Giang'),
];

const placeKey = (s: string): string =>
  foldAccents(normalizeText(s))
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const PROVINCE_BY_KEY = new Map<string, Province>();
for (const pr of PROVINCES) {
  PROVINCE_BY_KEY.set(placeKey(pr.name), pr);
}
PROVINCE_BY_KEY.set('tp ho chi minh', PROVINCE_BY_KEY.get('ho chi minh') as Province);
PROVINCE_BY_KEY.set('thanh pho ho chi minh', PROVINCE_BY_KEY.get('ho chi minh') as Province);
PROVINCE_BY_KEY.set('ba ria vung tau', PROVINCE_BY_KEY.get('ba ria vung tau') as Province);
PROVINCE_BY_KEY.set('tt hue', PROVINCE_BY_KEY.get('thua thien hue') as Province);

/** One character of OCR damage per syllable is tolerated: vowels, and Đ read as P. */
function syllableClose(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a.charAt(i);
    const y = b.charAt(i);
    if (x === y) continue;
    const vowels = 'aeiouy';
    const ok = (vowels.includes(x) && vowels.includes(y)) || (i === 0 && ((x === 'p' && y === 'd') || (x === 'd' && y === 'p')));
    if (!ok) return false;
    diff++;
  }
  return diff <= 1;
}

/**
 * The province a place name refers to ("Soc Trang", "Thừa Thiên Huế", "TP. Hồ Chí Minh"),
 * accent- and OCR-tolerant, or null. Matches the whole text or its last words.
 */
export function findProvince(text: string): Province | null {
  const key = placeKey(text)
    .replace(/^(?:tinh|thanh pho|tp)\s+/, '')
    .trim();
  if (!key) return null;
  const exact = PROVINCE_BY_KEY.get(key);
  if (exact) return exact;
  const words = key.split(' ');
  // Trailing words ("ubnd tinh soc trang" → "soc trang"), exact first, then OCR-tolerant.
  for (let n = Math.min(4, words.length); n >= 1; n--) {
    const tail = words.slice(words.length - n).join(' ');
    const hit = PROVINCE_BY_KEY.get(tail);
    if (hit && (n >= 2 || tail.length >= 3)) return hit;
  }
  for (let n = Math.min(4, words.length); n >= 2; n--) {
    const tail = words.slice(words.length - n);
    for (const [k, pr] of PROVINCE_BY_KEY) {
      const kw = k.split(' ');
      if (kw.length !== tail.length) continue;
      if (kw.every((w, i) => syllableClose(tail[i] as string, w))) return pr;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------
// Issuer codes in document numbers ("151/KH-UBND", "/KH-STNMT")
// ---------------------------------------------------------------------------

/** Issuer codes of document numbers, to the issuing body's canonical name. */
export const ISSUER_CODES: Readonly<Record<string, string>> = {
  UBND: 'UBND',
  HĐND: 'HĐND',
  STTTT: 'Sở Thông tin và Truyền thông',
  'STT&TT': 'Sở Thông tin và Truyền thông',
  STNMT: 'Sở Tài nguyên và Môi trường',
  SNNPTNT: 'Sở Nông nghiệp và Phát triển nông thôn',
  SNNMT: 'Sở Nông nghiệp và Môi trường',
  SKHĐT: 'Sở Kế hoạch và Đầu tư',
  SKHCN: 'Sở Khoa học và Công nghệ',
  SGDĐT: 'Sở Giáo dục và Đào tạo',
  SVHTTDL: 'Sở Văn hóa, Thể thao và Du lịch',
  SVHTT: 'Sở Văn hóa và Thể thao',
  SLĐTBXH: 'Sở Lao động - Thương binh và Xã hội',
  SGTVT: 'Sở Giao thông vận tải',
  SNV: 'Sở Nội vụ',
  STP: 'Sở Tư pháp',
  STC: 'Sở Tài chính',
  SCT: 'Sở Công Thương',
  SXD: 'Sở Xây dựng',
  SYT: 'Sở Y tế',
  SDL: 'Sở Du lịch',
  SNgV: 'Sở Ngoại vụ',
  SDTTG: 'Sở Dân tộc và Tôn giáo',
  VP: 'Văn phòng UBND',
  BDT: 'Ban Dân tộc',
  TU: 'Tỉnh ủy',
  BTGTU: 'Ban Tuyên giáo Tỉnh ủy',
  CAT: 'Công an tỉnh',
};

/** The issuing body named by a document number's issuer code ("KH-STNMT" → "Sở Tài nguyên và Môi trường"). */
export function issuerFromCode(code: string): string | null {
  const c = code.trim().replace(/\s+/g, '');
  if (!c) return null;
  const direct = Object.hasOwn(ISSUER_CODES, c) ? ISSUER_CODES[c] : undefined;
  if (direct) return direct;
  const upper = c.toUpperCase();
  for (const [k, v] of Object.entries(ISSUER_CODES)) if (k.toUpperCase() === upper) return v;
  return null;
}

// ---------------------------------------------------------------------------
// Names for a plan
// ---------------------------------------------------------------------------

export interface NameEntry {
  name: string;
  aliases: string[];
  kind: 'agency' | 'group';
}

/**
 * The built-in names, with the province templates instantiated for `place` when given
 * ("Báo {place}" → "Báo Bắc Giang").
 */
export function builtinNameEntries(place?: { name: string; level: 'tỉnh' | 'thành phố' } | null): NameEntry[] {
  const out: NameEntry[] = BUILTIN_AGENCY_NAMES.map((n) => ({ name: n.name, aliases: [...n.aliases], kind: n.kind }));
  if (place && place.name.trim()) {
    const fill = (t: string): string => t.replace(/\{place\}/g, place.name).replace(/\{level\}/g, place.level);
    for (const t of PLACE_TEMPLATES) out.push({ name: fill(t.name), aliases: t.aliases.map(fill), kind: 'agency' });
  }
  return out;
}

/** Every built-in spelling as a flat list (canonical names first). */
export function builtinAgencyNameList(): string[] {
  const out: string[] = [];
  for (const n of BUILTIN_AGENCY_NAMES) out.push(n.name);
  for (const n of BUILTIN_AGENCY_NAMES) out.push(...n.aliases);
  return [...new Set(out)];
}
