/**
 * Demo province for Đồng Thuận: thành phố Huế (formerly tỉnh Thừa Thiên Huế).
 *
 * Pure typed data, no imports. It describes the organisation as it is today and
 * keeps every agency that the 2023 plans name, as a former agency (validTo set)
 * linked to its successors with the duties each successor took:
 * - 1/1/2025: tỉnh Thừa Thiên Huế became thành phố Huế, a centrally-run city; the
 *   province-level organs (UBND, HĐND, Tỉnh ủy, Công an, press) were renamed; the old
 *   district-level thành phố Huế was split into quận Thuận Hóa and quận Phú Xuân and
 *   huyện Phong Điền became thị xã Phong Điền.
 * - 1/3/2025: departments merged (Sở TT&TT split between Sở KH&CN and Sở VH&TT;
 *   Sở TN&MT + Sở NN&PTNT → Sở NN&MT; Sở KH&ĐT → Sở Tài chính; Sở GTVT → Sở Xây dựng;
 *   Sở LĐ-TB&XH split between Sở Nội vụ and Sở Y tế); Ban Tuyên giáo and Ban Dân vận
 *   of the party committee merged.
 * - 1/7/2025: district level abolished; its area and duties passed to the communes.
 *
 * The communes are a realistic subset (20 of the 40 xã/phường of the city) and the
 * district → commune links only cover that subset.
 *
 * ALL PEOPLE IN `demoPeople` ARE FICTIONAL. Names, titles, phone numbers and e-mail
 * addresses are invented for demonstration and do not identify real officials.
 */

export type AgencyKind =
  | 'province'
  | 'department'
  | 'district'
  | 'commune'
  | 'unit'
  | 'press'
  | 'party'
  | 'mass_org'
  | 'police'
  | 'central';

export interface DemoSuccessor {
  code: string;
  /** Which part of the old agency's duties this successor took; null = all of them. */
  duties: string | null;
  /** ISO date. */
  effectiveDate: string;
}

export interface DemoAgency {
  code: string;
  name: string;
  shortNames: string[];
  aliases: string[];
  kind: AgencyKind;
  parentCode: string | null;
  /** ISO date; null = existed before the data starts. */
  validFrom: string | null;
  /** ISO date (exclusive); null = still exists. */
  validTo: string | null;
  successors: DemoSuccessor[];
}

export interface DemoGroup {
  code: string;
  name: string;
  aliases: string[];
  memberCodes: string[];
}

export type NetworkRole = 'spokesperson' | 'comms_officer' | 'press_contact';

export interface DemoPerson {
  fullName: string;
  title: string;
  agencyCode: string;
  phone: string | null;
  email: string | null;
  roles: NetworkRole[];
}

export const demoTenant = { code: 'hue', name: 'Thành phố Huế' } as const;

/** Dates of the restructuring steps. */
export const RESTRUCTURING_DATES = {
  centralCity: '2025-01-01',
  departments: '2025-03-01',
  twoTierLocalGovernment: '2025-07-01',
} as const;

const D_CITY = RESTRUCTURING_DATES.centralCity;
const D_DEPT = RESTRUCTURING_DATES.departments;
const D_COMMUNE = RESTRUCTURING_DATES.twoTierLocalGovernment;

const ROOT = 'ubnd-tp-hue';

function agency(a: Omit<DemoAgency, 'shortNames' | 'aliases' | 'validFrom' | 'validTo' | 'successors'> & Partial<DemoAgency>): DemoAgency {
  return {
    shortNames: [],
    aliases: [],
    validFrom: null,
    validTo: null,
    successors: [],
    ...a,
  };
}

// ---------------------------------------------------------------------------
// Province-level organs
// ---------------------------------------------------------------------------

const provinceOrgans: DemoAgency[] = [
  agency({
    code: ROOT,
    name: 'Ủy ban nhân dân thành phố Huế',
    shortNames: ['UBND thành phố Huế', 'UBND TP Huế', 'UBND thành phố'],
    aliases: ['Ủy ban nhân dân thành phố', 'UBND TP. Huế'],
    kind: 'province',
    parentCode: null,
    validFrom: D_CITY,
  }),
  agency({
    code: 'ubnd-tinh-tth',
    name: 'Ủy ban nhân dân tỉnh Thừa Thiên Huế',
    shortNames: ['UBND tỉnh Thừa Thiên Huế', 'UBND tỉnh'],
    aliases: ['Ủy ban nhân dân tỉnh', 'UBND tỉnh TT-Huế', 'UBND tỉnh TTH'],
    kind: 'province',
    parentCode: null,
    validTo: D_CITY,
    successors: [{ code: ROOT, duties: null, effectiveDate: D_CITY }],
  }),
  agency({
    code: 'hdnd-tp-hue',
    name: 'Hội đồng nhân dân thành phố Huế',
    shortNames: ['HĐND thành phố Huế', 'HĐND thành phố'],
    aliases: ['Thường trực HĐND thành phố', 'Hội đồng nhân dân thành phố'],
    kind: 'province',
    parentCode: null,
    validFrom: D_CITY,
  }),
  agency({
    code: 'hdnd-tinh-tth',
    name: 'Hội đồng nhân dân tỉnh Thừa Thiên Huế',
    shortNames: ['HĐND tỉnh Thừa Thiên Huế', 'HĐND tỉnh'],
    aliases: ['Hội đồng nhân dân tỉnh', 'Thường trực HĐND tỉnh'],
    kind: 'province',
    parentCode: null,
    validTo: D_CITY,
    successors: [{ code: 'hdnd-tp-hue', duties: null, effectiveDate: D_CITY }],
  }),
];

// ---------------------------------------------------------------------------
// Departments (sở, ban, ngành) of today
// ---------------------------------------------------------------------------

function dept(code: string, name: string, shortNames: string[], aliases: string[] = [], validFrom: string | null = null): DemoAgency {
  return agency({ code, name, shortNames, aliases, kind: 'department', parentCode: ROOT, validFrom });
}

const departments: DemoAgency[] = [
  dept('vp-ubnd', 'Văn phòng Ủy ban nhân dân thành phố Huế', ['Văn phòng UBND thành phố', 'VP UBND thành phố'], [
    'Văn phòng UBND tỉnh',
    'Văn phòng Ủy ban nhân dân tỉnh',
    'VP UBND tỉnh',
  ]),
  dept('so-noi-vu', 'Sở Nội vụ', ['Sở Nội vụ thành phố Huế', 'SNV'], ['Sở Nội vụ tỉnh Thừa Thiên Huế']),
  dept('so-tai-chinh', 'Sở Tài chính', ['Sở Tài chính thành phố Huế', 'STC'], ['Sở Tài chính tỉnh Thừa Thiên Huế']),
  dept('so-tu-phap', 'Sở Tư pháp', ['Sở Tư pháp thành phố Huế', 'STP'], ['Sở Tư pháp tỉnh Thừa Thiên Huế']),
  dept('so-cong-thuong', 'Sở Công Thương', ['Sở Công Thương thành phố Huế', 'SCT'], ['Sở Công thương tỉnh Thừa Thiên Huế']),
  dept('so-xay-dung', 'Sở Xây dựng', ['Sở Xây dựng thành phố Huế', 'SXD'], ['Sở Xây dựng tỉnh Thừa Thiên Huế']),
  dept(
    'so-nnmt',
    'Sở Nông nghiệp và Môi trường',
    ['Sở NN&MT', 'Sở NNMT', 'Sở Nông nghiệp và Môi trường thành phố Huế'],
    ['Sở Nông nghiệp - Môi trường'],
    D_DEPT,
  ),
  dept('so-khcn', 'Sở Khoa học và Công nghệ', ['Sở KH&CN', 'Sở KHCN', 'Sở Khoa học và Công nghệ thành phố Huế'], [
    'Sở Khoa học Công nghệ',
    'Sở Khoa học và Công nghệ tỉnh Thừa Thiên Huế',
  ]),
  dept('so-gddt', 'Sở Giáo dục và Đào tạo', ['Sở GD&ĐT', 'Sở GDĐT', 'Sở Giáo dục và Đào tạo thành phố Huế'], [
    'Sở Giáo dục - Đào tạo',
  ]),
  dept('so-y-te', 'Sở Y tế', ['Sở Y tế thành phố Huế', 'SYT'], ['Sở Y tế tỉnh Thừa Thiên Huế']),
  dept('so-vhtt', 'Sở Văn hóa và Thể thao', ['Sở VH&TT', 'Sở VHTT', 'Sở Văn hóa và Thể thao thành phố Huế'], [
    'Sở Văn hóa, Thể thao',
    'Sở Văn hóa và Thể thao tỉnh Thừa Thiên Huế',
  ]),
  dept('so-du-lich', 'Sở Du lịch', ['Sở Du lịch thành phố Huế'], ['Sở Du lịch tỉnh Thừa Thiên Huế']),
  dept('so-ngoai-vu', 'Sở Ngoại vụ', ['Sở Ngoại vụ thành phố Huế'], ['Sở Ngoại vụ tỉnh Thừa Thiên Huế']),
  dept('thanh-tra', 'Thanh tra thành phố Huế', ['Thanh tra thành phố'], ['Thanh tra tỉnh', 'Thanh tra tỉnh Thừa Thiên Huế']),
  dept(
    'bql-kkt-cn',
    'Ban Quản lý Khu kinh tế, công nghiệp thành phố Huế',
    ['Ban Quản lý Khu kinh tế, công nghiệp', 'BQL Khu kinh tế, công nghiệp'],
    ['Ban Quản lý Khu kinh tế, công nghiệp tỉnh', 'BQL KKT, CN'],
  ),
];

// ---------------------------------------------------------------------------
// Departments that existed when the 2023 plans were written
// ---------------------------------------------------------------------------

function formerDept(code: string, name: string, shortNames: string[], aliases: string[], successors: DemoSuccessor[]): DemoAgency {
  return agency({ code, name, shortNames, aliases, kind: 'department', parentCode: ROOT, validTo: D_DEPT, successors });
}

const formerDepartments: DemoAgency[] = [
  formerDept(
    'so-tttt',
    'Sở Thông tin và Truyền thông',
    ['Sở TT&TT', 'Sở TTTT'],
    ['Sở Thông tin Truyền thông', 'Sở Thông tin - Truyền thông', 'Sở Thông tin và Truyền thông tỉnh Thừa Thiên Huế'],
    [
      {
        code: 'so-khcn',
        duties: 'Chuyển đổi số, công nghệ thông tin, an toàn thông tin, bưu chính, viễn thông, tần số vô tuyến điện',
        effectiveDate: D_DEPT,
      },
      {
        code: 'so-vhtt',
        duties: 'Báo chí, xuất bản, in, phát hành, phát thanh, truyền hình, thông tin cơ sở, thông tin đối ngoại',
        effectiveDate: D_DEPT,
      },
    ],
  ),
  formerDept(
    'so-tnmt',
    'Sở Tài nguyên và Môi trường',
    ['Sở TN&MT', 'Sở TNMT'],
    ['Sở Tài nguyên - Môi trường', 'Sở Tài nguyên và Môi trường tỉnh Thừa Thiên Huế'],
    [{ code: 'so-nnmt', duties: 'Đất đai, tài nguyên nước, khoáng sản, môi trường, khí tượng thủy văn, biến đổi khí hậu', effectiveDate: D_DEPT }],
  ),
  formerDept(
    'so-nnptnt',
    'Sở Nông nghiệp và Phát triển nông thôn',
    ['Sở NN&PTNT', 'Sở NNPTNT'],
    ['Sở Nông nghiệp và PTNT', 'Sở Nông nghiệp và Phát triển nông thôn tỉnh Thừa Thiên Huế'],
    [{ code: 'so-nnmt', duties: 'Nông nghiệp, lâm nghiệp, thủy sản, thủy lợi, phát triển nông thôn', effectiveDate: D_DEPT }],
  ),
  formerDept(
    'so-khdt',
    'Sở Kế hoạch và Đầu tư',
    ['Sở KH&ĐT', 'Sở KHĐT'],
    ['Sở Kế hoạch - Đầu tư', 'Sở Kế hoạch và Đầu tư tỉnh Thừa Thiên Huế'],
    [{ code: 'so-tai-chinh', duties: null, effectiveDate: D_DEPT }],
  ),
  formerDept(
    'so-gtvt',
    'Sở Giao thông vận tải',
    ['Sở GTVT'],
    ['Sở Giao thông - Vận tải', 'Sở Giao thông vận tải tỉnh Thừa Thiên Huế'],
    [{ code: 'so-xay-dung', duties: null, effectiveDate: D_DEPT }],
  ),
  formerDept(
    'so-ldtbxh',
    'Sở Lao động - Thương binh và Xã hội',
    ['Sở LĐ-TB&XH', 'Sở LĐTBXH'],
    ['Sở Lao động Thương binh và Xã hội', 'Sở Lao động - Thương binh và Xã hội tỉnh Thừa Thiên Huế'],
    [
      {
        code: 'so-noi-vu',
        duties: 'Lao động, tiền lương, việc làm, bảo hiểm xã hội, an toàn vệ sinh lao động, người có công',
        effectiveDate: D_DEPT,
      },
      { code: 'so-y-te', duties: 'Bảo trợ xã hội, trẻ em', effectiveDate: D_DEPT },
    ],
  ),
];

// ---------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------

const units: DemoAgency[] = [
  agency({
    code: 'hueioc',
    name: 'Trung tâm Giám sát, điều hành đô thị thông minh',
    shortNames: ['Trung tâm HueIOC', 'HueIOC', 'Trung tâm IOC'],
    aliases: [
      'Trung tâm Giám sát, điều hành đô thị thông minh thành phố Huế',
      'Trung tâm Giám sát, điều hành đô thị thông minh tỉnh Thừa Thiên Huế',
    ],
    kind: 'unit',
    parentCode: 'so-khcn',
  }),
  agency({
    code: 'cong-ttdt',
    name: 'Cổng thông tin điện tử thành phố Huế',
    shortNames: ['Cổng TTĐT thành phố', 'Cổng thông tin điện tử'],
    aliases: ['Cổng thông tin điện tử tỉnh', 'Cổng TTĐT tỉnh', 'Cổng TTĐT'],
    kind: 'unit',
    parentCode: 'vp-ubnd',
  }),
];

// ---------------------------------------------------------------------------
// Press
// ---------------------------------------------------------------------------

const press: DemoAgency[] = [
  agency({
    code: 'bao-hue',
    name: 'Báo Huế',
    shortNames: ['Báo Huế điện tử'],
    kind: 'press',
    parentCode: null,
    validFrom: D_CITY,
  }),
  agency({
    code: 'dai-ptth-hue',
    name: 'Đài Phát thanh và Truyền hình Huế',
    shortNames: ['Đài PT-TH Huế', 'Đài PTTH Huế', 'TRT'],
    aliases: ['Đài Phát thanh - Truyền hình Huế'],
    kind: 'press',
    parentCode: null,
    validFrom: D_CITY,
  }),
  agency({
    code: 'bao-tth',
    name: 'Báo Thừa Thiên Huế',
    shortNames: ['Báo TT-Huế', 'Báo tỉnh'],
    aliases: ['Báo Thừa Thiên Huế điện tử'],
    kind: 'press',
    parentCode: null,
    validTo: D_CITY,
    successors: [{ code: 'bao-hue', duties: null, effectiveDate: D_CITY }],
  }),
  agency({
    code: 'dai-ptth-tth',
    name: 'Đài Phát thanh và Truyền hình Thừa Thiên Huế',
    shortNames: ['Đài PT-TH tỉnh', 'Đài PTTH Thừa Thiên Huế', 'Đài PT-TH Thừa Thiên Huế'],
    aliases: ['Đài Phát thanh và Truyền hình tỉnh', 'Đài Phát thanh - Truyền hình Thừa Thiên Huế'],
    kind: 'press',
    parentCode: null,
    validTo: D_CITY,
    successors: [{ code: 'dai-ptth-hue', duties: null, effectiveDate: D_CITY }],
  }),
];

// ---------------------------------------------------------------------------
// Party and mass organisations
// ---------------------------------------------------------------------------

const party: DemoAgency[] = [
  agency({
    code: 'thanh-uy-hue',
    name: 'Thành ủy Huế',
    shortNames: ['Thành ủy', 'Thành ủy thành phố Huế'],
    aliases: ['Ban Thường vụ Thành ủy', 'Thường trực Thành ủy', 'Thường vụ Thành ủy'],
    kind: 'party',
    parentCode: null,
    validFrom: D_CITY,
  }),
  agency({
    code: 'tinh-uy-tth',
    name: 'Tỉnh ủy Thừa Thiên Huế',
    shortNames: ['Tỉnh ủy'],
    aliases: ['Thường vụ Tỉnh ủy', 'Ban Thường vụ Tỉnh ủy', 'Thường trực Tỉnh ủy'],
    kind: 'party',
    parentCode: null,
    validTo: D_CITY,
    successors: [{ code: 'thanh-uy-hue', duties: null, effectiveDate: D_CITY }],
  }),
  agency({
    code: 'ban-tgdv',
    name: 'Ban Tuyên giáo và Dân vận Thành ủy Huế',
    shortNames: ['Ban Tuyên giáo và Dân vận Thành ủy', 'Ban TG&DV Thành ủy'],
    aliases: ['Ban Tuyên giáo - Dân vận Thành ủy'],
    kind: 'party',
    parentCode: 'thanh-uy-hue',
    validFrom: D_DEPT,
  }),
  agency({
    code: 'ban-tuyen-giao-tu',
    name: 'Ban Tuyên giáo Tỉnh ủy Thừa Thiên Huế',
    shortNames: ['Ban Tuyên giáo Tỉnh ủy', 'Ban TG Tỉnh ủy'],
    aliases: ['Ban Tuyên giáo Thành ủy'],
    kind: 'party',
    parentCode: 'tinh-uy-tth',
    validTo: D_DEPT,
    successors: [{ code: 'ban-tgdv', duties: 'Tuyên giáo: tuyên truyền, định hướng báo chí, lý luận chính trị', effectiveDate: D_DEPT }],
  }),
  agency({
    code: 'ban-dan-van-tu',
    name: 'Ban Dân vận Tỉnh ủy Thừa Thiên Huế',
    shortNames: ['Ban Dân vận Tỉnh ủy'],
    aliases: ['Ban Dân vận Thành ủy'],
    kind: 'party',
    parentCode: 'tinh-uy-tth',
    validTo: D_DEPT,
    successors: [{ code: 'ban-tgdv', duties: 'Dân vận', effectiveDate: D_DEPT }],
  }),
];

const massOrgs: DemoAgency[] = [
  agency({
    code: 'mttq',
    name: 'Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Huế',
    shortNames: ['Ủy ban MTTQ Việt Nam thành phố', 'Ủy ban MTTQ thành phố', 'UBMTTQ thành phố Huế'],
    aliases: ['Ủy ban MTTQ Việt Nam tỉnh', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Thừa Thiên Huế', 'Mặt trận Tổ quốc thành phố'],
    kind: 'mass_org',
    parentCode: null,
  }),
  agency({
    code: 'hoi-nha-bao',
    name: 'Hội Nhà báo thành phố Huế',
    shortNames: ['Hội Nhà báo thành phố'],
    aliases: ['Hội Nhà báo tỉnh', 'Hội Nhà báo tỉnh Thừa Thiên Huế', 'Hội Nhà báo Việt Nam thành phố Huế'],
    kind: 'mass_org',
    parentCode: null,
  }),
  agency({
    code: 'hoi-lhpn',
    name: 'Hội Liên hiệp Phụ nữ thành phố Huế',
    shortNames: ['Hội LHPN thành phố', 'Hội Phụ nữ thành phố'],
    aliases: ['Hội Liên hiệp Phụ nữ tỉnh', 'Hội LHPN tỉnh'],
    kind: 'mass_org',
    parentCode: 'mttq',
  }),
  agency({
    code: 'thanh-doan',
    name: 'Đoàn Thanh niên Cộng sản Hồ Chí Minh thành phố Huế',
    shortNames: ['Thành đoàn Huế', 'Đoàn TNCS Hồ Chí Minh thành phố', 'Thành đoàn'],
    aliases: ['Tỉnh đoàn Thừa Thiên Huế', 'Tỉnh đoàn', 'Đoàn TNCS HCM thành phố'],
    kind: 'mass_org',
    parentCode: 'mttq',
  }),
  agency({
    code: 'hoi-nong-dan',
    name: 'Hội Nông dân thành phố Huế',
    shortNames: ['Hội Nông dân thành phố'],
    aliases: ['Hội Nông dân tỉnh'],
    kind: 'mass_org',
    parentCode: 'mttq',
  }),
  agency({
    code: 'ldld',
    name: 'Liên đoàn Lao động thành phố Huế',
    shortNames: ['Liên đoàn Lao động thành phố', 'LĐLĐ thành phố'],
    aliases: ['Liên đoàn Lao động tỉnh'],
    kind: 'mass_org',
    parentCode: 'mttq',
  }),
];

// ---------------------------------------------------------------------------
// Police and central agencies
// ---------------------------------------------------------------------------

const police: DemoAgency[] = [
  agency({
    code: 'cong-an-tp-hue',
    name: 'Công an thành phố Huế',
    shortNames: ['Công an thành phố'],
    kind: 'police',
    parentCode: null,
    validFrom: D_CITY,
  }),
  agency({
    code: 'cong-an-tinh-tth',
    name: 'Công an tỉnh Thừa Thiên Huế',
    shortNames: ['Công an tỉnh'],
    kind: 'police',
    parentCode: null,
    validTo: D_CITY,
    successors: [{ code: 'cong-an-tp-hue', duties: null, effectiveDate: D_CITY }],
  }),
];

const central: DemoAgency[] = [
  agency({
    code: 'bo-tttt',
    name: 'Bộ Thông tin và Truyền thông',
    shortNames: ['Bộ TT&TT', 'BTTTT'],
    kind: 'central',
    parentCode: null,
    validTo: D_DEPT,
    successors: [
      { code: 'bo-khcn', duties: 'Chuyển đổi số, công nghệ thông tin, bưu chính, viễn thông', effectiveDate: D_DEPT },
      { code: 'bo-vhttdl', duties: 'Báo chí, xuất bản, phát thanh, truyền hình, thông tin cơ sở, thông tin đối ngoại', effectiveDate: D_DEPT },
    ],
  }),
  agency({ code: 'bo-khcn', name: 'Bộ Khoa học và Công nghệ', shortNames: ['Bộ KH&CN'], kind: 'central', parentCode: null }),
  agency({
    code: 'bo-vhttdl',
    name: 'Bộ Văn hóa, Thể thao và Du lịch',
    shortNames: ['Bộ VH,TT&DL', 'Bộ VHTTDL'],
    kind: 'central',
    parentCode: null,
  }),
];

// ---------------------------------------------------------------------------
// Communes (from 1/7/2025) and the districts they replaced
// ---------------------------------------------------------------------------

type CommuneType = 'phường' | 'xã';
const COMMUNES: [CommuneType, string][] = [
  ['phường', 'Thuận Hóa'],
  ['phường', 'Phú Xuân'],
  ['phường', 'Hương Thủy'],
  ['phường', 'Hương Trà'],
  ['phường', 'Phong Điền'],
  ['phường', 'Kim Long'],
  ['phường', 'Vỹ Dạ'],
  ['phường', 'Thủy Xuân'],
  ['phường', 'An Cựu'],
  ['phường', 'Phú Bài'],
  ['xã', 'Quảng Điền'],
  ['xã', 'Đan Điền'],
  ['xã', 'Phú Vang'],
  ['xã', 'Phú Hồ'],
  ['xã', 'Phú Lộc'],
  ['xã', 'Lộc An'],
  ['xã', 'Chân Mây - Lăng Cô'],
  ['xã', 'A Lưới 1'],
  ['xã', 'Nam Đông'],
  ['xã', 'Khe Tre'],
];

/** 'Thuận Hóa' → 'thuan-hoa', 'Chân Mây - Lăng Cô' → 'chan-may-lang-co'. */
function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function communeCode(type: CommuneType, name: string): string {
  return `${type === 'phường' ? 'phuong' : 'xa'}-${slug(name)}`;
}

const communes: DemoAgency[] = COMMUNES.map(([type, name]) =>
  agency({
    code: communeCode(type, name),
    name: `Ủy ban nhân dân ${type} ${name}`,
    shortNames: [`UBND ${type} ${name}`, `${type === 'phường' ? 'Phường' : 'Xã'} ${name}`],
    aliases: [`${type === 'phường' ? 'Phường' : 'Xã'} ${name}, thành phố Huế`],
    kind: 'commune',
    parentCode: ROOT,
    validFrom: D_COMMUNE,
  }),
);

function toCommunes(effectiveDate: string, ...list: [CommuneType, string][]): DemoSuccessor[] {
  return list.map(([type, name]) => ({
    code: communeCode(type, name),
    duties: `Phần địa bàn nay thuộc ${type} ${name}`,
    effectiveDate,
  }));
}

type DistrictType = 'huyện' | 'thị xã' | 'quận' | 'thành phố';
function district(
  code: string,
  type: DistrictType,
  name: string,
  opts: { validFrom?: string | null; validTo: string; parentCode: string; successors: DemoSuccessor[]; extraNames?: string[] },
): DemoAgency {
  const abbr = type === 'thị xã' ? 'TX' : type === 'thành phố' ? 'TP' : null;
  return agency({
    code,
    name: `Ủy ban nhân dân ${type} ${name}`,
    shortNames: [`UBND ${type} ${name}`, ...(abbr ? [`UBND ${abbr} ${name}`] : [])],
    aliases: [`${type.charAt(0).toUpperCase()}${type.slice(1)} ${name}`, ...(opts.extraNames ?? [])],
    kind: 'district',
    parentCode: opts.parentCode,
    validFrom: opts.validFrom ?? null,
    validTo: opts.validTo,
    successors: opts.successors,
  });
}

const districts: DemoAgency[] = [
  agency({
    code: 'ubnd-tp-hue-cu',
    name: 'Ủy ban nhân dân thành phố Huế (cũ, thuộc tỉnh Thừa Thiên Huế)',
    shortNames: ['UBND thành phố Huế (cũ)'],
    aliases: ['Thành phố Huế (cũ)', 'UBND thành phố Huế thuộc tỉnh'],
    kind: 'district',
    parentCode: 'ubnd-tinh-tth',
    validTo: D_CITY,
    successors: [
      { code: 'ubnd-quan-thuan-hoa', duties: 'Phần địa bàn phía nam sông Hương', effectiveDate: D_CITY },
      { code: 'ubnd-quan-phu-xuan', duties: 'Phần địa bàn phía bắc sông Hương', effectiveDate: D_CITY },
    ],
  }),
  district('ubnd-quan-thuan-hoa', 'quận', 'Thuận Hóa', {
    validFrom: D_CITY,
    validTo: D_COMMUNE,
    parentCode: ROOT,
    successors: toCommunes(D_COMMUNE, ['phường', 'Thuận Hóa'], ['phường', 'Vỹ Dạ'], ['phường', 'An Cựu'], ['phường', 'Thủy Xuân']),
  }),
  district('ubnd-quan-phu-xuan', 'quận', 'Phú Xuân', {
    validFrom: D_CITY,
    validTo: D_COMMUNE,
    parentCode: ROOT,
    successors: toCommunes(D_COMMUNE, ['phường', 'Phú Xuân'], ['phường', 'Kim Long']),
  }),
  district('ubnd-tx-huong-thuy', 'thị xã', 'Hương Thủy', {
    validTo: D_COMMUNE,
    parentCode: ROOT,
    successors: toCommunes(D_COMMUNE, ['phường', 'Hương Thủy'], ['phường', 'Phú Bài']),
  }),
  district('ubnd-tx-huong-tra', 'thị xã', 'Hương Trà', {
    validTo: D_COMMUNE,
    parentCode: ROOT,
    successors: toCommunes(D_COMMUNE, ['phường', 'Hương Trà']),
  }),
  district('ubnd-huyen-phong-dien', 'huyện', 'Phong Điền', {
    validTo: D_CITY,
    parentCode: 'ubnd-tinh-tth',
    successors: [{ code: 'ubnd-tx-phong-dien', duties: null, effectiveDate: D_CITY }],
  }),
  district('ubnd-tx-phong-dien', 'thị xã', 'Phong Điền', {
    validFrom: D_CITY,
    validTo: D_COMMUNE,
    parentCode: ROOT,
    successors: toCommunes(D_COMMUNE, ['phường', 'Phong Điền']),
  }),
  district('ubnd-huyen-quang-dien', 'huyện', 'Quảng Điền', {
    validTo: D_COMMUNE,
    parentCode: ROOT,
    successors: toCommunes(D_COMMUNE, ['xã', 'Quảng Điền'], ['xã', 'Đan Điền']),
  }),
  district('ubnd-huyen-phu-vang', 'huyện', 'Phú Vang', {
    validTo: D_COMMUNE,
    parentCode: ROOT,
    successors: toCommunes(D_COMMUNE, ['xã', 'Phú Vang'], ['xã', 'Phú Hồ']),
  }),
  district('ubnd-huyen-phu-loc', 'huyện', 'Phú Lộc', {
    validTo: D_COMMUNE,
    parentCode: ROOT,
    successors: toCommunes(D_COMMUNE, ['xã', 'Phú Lộc'], ['xã', 'Lộc An'], ['xã', 'Chân Mây - Lăng Cô']),
  }),
  district('ubnd-huyen-a-luoi', 'huyện', 'A Lưới', {
    validTo: D_COMMUNE,
    parentCode: ROOT,
    successors: toCommunes(D_COMMUNE, ['xã', 'A Lưới 1']),
  }),
  district('ubnd-huyen-nam-dong', 'huyện', 'Nam Đông', {
    validTo: D_COMMUNE,
    parentCode: ROOT,
    successors: toCommunes(D_COMMUNE, ['xã', 'Nam Đông'], ['xã', 'Khe Tre']),
  }),
];

// ---------------------------------------------------------------------------
// Exports
// ---------------------------------------------------------------------------

export const demoAgencies: DemoAgency[] = [
  ...provinceOrgans,
  ...departments,
  ...formerDepartments,
  ...units,
  ...press,
  ...party,
  ...massOrgs,
  ...police,
  ...central,
  ...districts,
  ...communes,
];

const TODAY_DEPARTMENTS = departments.map((d) => d.code);
const TODAY_COMMUNES = communes.map((c) => c.code);

export const demoGroups: DemoGroup[] = [
  {
    code: 'so-ban-nganh',
    name: 'Các sở, ban, ngành cấp tỉnh',
    aliases: [
      'Các sở, ban, ngành',
      'Các sở, ngành',
      'Các cơ quan, đơn vị cấp tỉnh',
      'Các sở, ban, ngành thành phố',
      'Các sở, ban, ngành tỉnh',
      'Các cơ quan chuyên môn thuộc UBND thành phố',
    ],
    memberCodes: TODAY_DEPARTMENTS,
  },
  {
    code: 'ubnd-cap-huyen',
    name: 'UBND các huyện, thị xã, thành phố',
    aliases: [
      'Ủy ban nhân dân các huyện, thị xã, thành phố',
      'UBND cấp huyện',
      'UBND các huyện, thành phố',
      'Ủy ban nhân dân cấp huyện',
    ],
    // As the 2023 plans meant it; resolves today to the communes through the successor links.
    memberCodes: [
      'ubnd-tp-hue-cu',
      'ubnd-tx-huong-thuy',
      'ubnd-tx-huong-tra',
      'ubnd-huyen-phong-dien',
      'ubnd-huyen-quang-dien',
      'ubnd-huyen-phu-vang',
      'ubnd-huyen-phu-loc',
      'ubnd-huyen-a-luoi',
      'ubnd-huyen-nam-dong',
    ],
  },
  {
    code: 'ubnd-cap-xa',
    name: 'UBND các xã, phường',
    aliases: ['Ủy ban nhân dân các xã, phường', 'UBND cấp xã', 'UBND các phường, xã', 'Các xã, phường'],
    memberCodes: TODAY_COMMUNES,
  },
  {
    code: 'co-quan-bao-chi',
    name: 'Các cơ quan báo chí',
    aliases: [
      'Các cơ quan thông tấn, báo chí',
      'Các cơ quan thông tin, báo chí',
      'Các cơ quan báo chí, truyền thông',
      'Các cơ quan báo chí địa phương',
    ],
    memberCodes: ['bao-hue', 'dai-ptth-hue'],
  },
  {
    code: 'to-chuc-ct-xh',
    name: 'Các tổ chức chính trị - xã hội',
    aliases: ['Các đoàn thể chính trị - xã hội', 'Mặt trận Tổ quốc và các đoàn thể', 'Các tổ chức chính trị - xã hội cấp tỉnh'],
    memberCodes: ['mttq', 'hoi-lhpn', 'thanh-doan', 'hoi-nong-dan', 'ldld'],
  },
  {
    code: 'so-nganh-dia-phuong',
    name: 'Các sở, ban, ngành, địa phương',
    aliases: ['Các sở, ngành, địa phương', 'Các cơ quan, đơn vị, địa phương', 'Các sở, ngành và địa phương'],
    memberCodes: [...TODAY_DEPARTMENTS, ...TODAY_COMMUNES],
  },
];

/** FICTIONAL people (see the header comment). */
export const demoPeople: DemoPerson[] = [
  {
    fullName: 'Trần Minh Khoa',
    title: 'Chánh Văn phòng UBND thành phố, Người phát ngôn của UBND thành phố',
    agencyCode: 'vp-ubnd',
    phone: '0234 3822 101',
    email: 'tmkhoa@hue.gov.vn',
    roles: ['spokesperson'],
  },
  {
    fullName: 'Lê Thị Thu Hà',
    title: 'Phó Chánh Văn phòng UBND thành phố',
    agencyCode: 'vp-ubnd',
    phone: '0234 3822 115',
    email: 'ltthuha@hue.gov.vn',
    roles: ['comms_officer', 'press_contact'],
  },
  {
    fullName: 'Hồ Ngọc Sơn',
    title: 'Phó Giám đốc Sở',
    agencyCode: 'so-noi-vu',
    phone: '0234 3823 202',
    email: 'hngson@hue.gov.vn',
    roles: ['spokesperson'],
  },
  {
    fullName: 'Lê Văn Thành',
    title: 'Phó Giám đốc Sở',
    agencyCode: 'so-tai-chinh',
    phone: '0234 3824 306',
    email: 'lvthanh.stc@hue.gov.vn',
    roles: ['spokesperson'],
  },
  {
    fullName: 'Đặng Văn Lợi',
    title: 'Phó Giám đốc Sở',
    agencyCode: 'so-tu-phap',
    phone: '0234 3825 411',
    email: 'dvloi@hue.gov.vn',
    roles: ['spokesperson'],
  },
  {
    fullName: 'Trương Thị Kim Oanh',
    title: 'Chuyên viên Phòng Phổ biến, giáo dục pháp luật',
    agencyCode: 'so-tu-phap',
    phone: '0234 3825 436',
    email: 'ttkoanh@hue.gov.vn',
    roles: ['comms_officer'],
  },
  {
    fullName: 'Nguyễn Hữu Phước',
    title: 'Phó Giám đốc Sở',
    agencyCode: 'so-cong-thuong',
    phone: '0234 3826 520',
    email: 'nhphuoc@hue.gov.vn',
    roles: ['spokesperson'],
  },
  {
    fullName: 'Huỳnh Thị Mỹ Linh',
    title: 'Phó Giám đốc Sở',
    agencyCode: 'so-xay-dung',
    phone: '0234 3827 618',
    email: 'htmlinh@hue.gov.vn',
    roles: ['spokesperson'],
  },
  {
    fullName: 'Tôn Thất Bảo',
    title: 'Phó Giám đốc Sở',
    agencyCode: 'so-nnmt',
    phone: '0234 3828 724',
    email: 'ttbao@hue.gov.vn',
    roles: ['spokesperson'],
  },
  {
    fullName: 'Hoàng Đức Tài',
    title: 'Phó Giám đốc Sở',
    agencyCode: 'so-khcn',
    phone: '0234 3829 830',
    email: 'hdtai@hue.gov.vn',
    roles: ['spokesperson'],
  },
  {
    fullName: 'Phan Thị Ngọc Ánh',
    title: 'Chuyên viên Phòng Chuyển đổi số',
    agencyCode: 'so-khcn',
    phone: '0234 3829 847',
    email: 'ptnanh@hue.gov.vn',
    roles: ['comms_officer'],
  },
  {
    fullName: 'Nguyễn Phước Vĩnh An',
    title: 'Phó Giám đốc Sở',
    agencyCode: 'so-gddt',
    phone: '0234 3831 905',
    email: 'npvan@hue.gov.vn',
    roles: ['spokesperson'],
  },
  {
    fullName: 'Ngô Thị Hải Yến',
    title: 'Phó Giám đốc Sở',
    agencyCode: 'so-y-te',
    phone: '0234 3832 117',
    email: 'nthyen@hue.gov.vn',
    roles: ['spokesperson'],
  },
  {
    fullName: 'Võ Quang Huy',
    title: 'Phó Giám đốc Sở',
    agencyCode: 'so-vhtt',
    phone: '0234 3833 208',
    email: 'vqhuy@hue.gov.vn',
    roles: ['spokesperson'],
  },
  {
    fullName: 'Nguyễn Thị Minh Tâm',
    title: 'Trưởng phòng Báo chí, Xuất bản',
    agencyCode: 'so-vhtt',
    phone: '0234 3833 226',
    email: 'ntmtam@hue.gov.vn',
    roles: ['comms_officer', 'press_contact'],
  },
  {
    fullName: 'Mai Văn Toàn',
    title: 'Phó Giám đốc Sở',
    agencyCode: 'so-du-lich',
    phone: '0234 3834 312',
    email: 'mvtoan@hue.gov.vn',
    roles: ['spokesperson'],
  },
  {
    fullName: 'Lê Quang Vinh',
    title: 'Phó Giám đốc Công an thành phố',
    agencyCode: 'cong-an-tp-hue',
    phone: '0234 3835 400',
    email: null,
    roles: ['spokesperson'],
  },
  {
    fullName: 'Phạm Hữu Nghĩa',
    title: 'Phó Tổng Biên tập',
    agencyCode: 'bao-hue',
    phone: '0234 3836 511',
    email: 'phnghia@hue.gov.vn',
    roles: ['press_contact'],
  },
  {
    fullName: 'Dương Thị Lan Anh',
    title: 'Trưởng phòng Thời sự',
    agencyCode: 'dai-ptth-hue',
    phone: '0234 3837 622',
    email: 'dtlananh@hue.gov.vn',
    roles: ['press_contact'],
  },
  {
    fullName: 'Trần Thị Bích Ngọc',
    title: 'Công chức Văn hóa - Xã hội phường Thuận Hóa',
    agencyCode: 'phuong-thuan-hoa',
    phone: null,
    email: 'ttbngoc.thuanhoa@hue.gov.vn',
    roles: ['comms_officer'],
  },
];
