// Time handling for count series (Vietnam local time, UTC+7, no daylight saving) and the
// Vietnamese public-holiday calendar the models use as a covariate.
//
// A time label is an ISO day ("2025-01-29") or hour ("2025-01-29T08", "2025-01-29T08:00",
// "2025-01-29 08:00:00", optionally with "Z" or an offset such as "+07:00"). Labels without an
// offset are read as Vietnam local time; labels with one are converted to it.

export type Granularity = 'day' | 'hour';

/** Vietnam is UTC+7 all year. */
export const VN_OFFSET_HOURS = 7;

export interface ParsedTime {
  /** Local days since 1970-01-01. */
  day: number;
  /** Local hour 0–23 (0 for day labels). */
  hour: number;
  /** Local hours since 1970-01-01T00:00. */
  slot: number;
  granularity: Granularity;
}

const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:\.\d+)?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

export function parseTime(t: string): ParsedTime {
  const m = TIME_RE.exec(t.trim());
  if (!m) throw new Error(`Nhãn thời gian không hợp lệ: "${t}" (cần dạng YYYY-MM-DD hoặc YYYY-MM-DDTHH:mm)`);
  const [, y, mo, d, hh, mm, , tz] = m;
  const hourGiven = hh !== undefined;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), hourGiven ? Number(hh) : 0, mm ? Number(mm) : 0);
  if (tz) {
    // convert the instant to Vietnam local wall-clock time
    let offMin = 0;
    if (tz !== 'Z') {
      const sign = tz[0] === '-' ? -1 : 1;
      const digits = tz.slice(1).replace(':', '');
      offMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
    }
    ms += (VN_OFFSET_HOURS * 60 - offMin) * 60_000;
  }
  const slot = Math.floor(ms / 3_600_000);
  return { day: Math.floor(slot / 24), hour: ((slot % 24) + 24) % 24, slot, granularity: hourGiven ? 'hour' : 'day' };
}

export function dayIndex(isoDay: string): number {
  return parseTime(isoDay).day;
}

export function formatDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Local hour label "YYYY-MM-DDTHH:00" for an hour slot. */
export function formatHour(slot: number): string {
  return `${formatDay(Math.floor(slot / 24))}T${String(((slot % 24) + 24) % 24).padStart(2, '0')}:00`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Mùng 1 Tết Nguyên Đán (lunar new year's day). */
export const TET_DATES: readonly string[] = ['2023-01-22', '2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06'];

/**
 * Days the models treat as holidays (one shared indicator): the Tết week (3 days before to 5
 * days after mùng 1), 1/1, 30/4–1/5 and 1/9–3/9 (Quốc khánh with the adjacent day off).
 * Volume is lower on these days; the detector estimates the effect from the past window when
 * the window contains holidays, so the week after Tết is not compared with the Tết lull.
 */
export function vietnameseHolidays(fromYear = 2022, toYear = 2028): Set<number> {
  const out = new Set<number>();
  for (const tet of TET_DATES) {
    const d0 = dayIndex(tet);
    for (let k = -3; k <= 5; k++) out.add(d0 + k);
  }
  for (let y = fromYear; y <= toYear; y++) {
    for (const md of ['01-01', '04-30', '05-01', '09-01', '09-02', '09-03']) out.add(dayIndex(`${y}-${md}`));
  }
  return out;
}

let cachedHolidays: Set<number> | null = null;
export function defaultHolidays(): ReadonlySet<number> {
  cachedHolidays ??= vietnameseHolidays();
  return cachedHolidays;
}
