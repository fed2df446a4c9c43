// Shared preparation of a count series: parse the time labels, sort, merge duplicates, fill
// missing slots with zeros (databases usually store only non-empty buckets) and derive the
// calendar covariates; plus the design-matrix rows used by the GLM.
import { dayOfWeek, defaultHolidays, formatDay, formatHour, parseTime, type Granularity } from './calendar.ts';

export interface CountPoint {
  /** ISO day ("2025-01-29") or hour ("2025-01-29T08:00", Vietnam time unless an offset is given). */
  t: string;
  count: number;
}

export interface PreparedSeries {
  granularity: Granularity;
  slotsPerDay: number;
  /** First slot: local day index (daily) or local hour slot (hourly). */
  start: number;
  /** Dense counts from the first to the last slot; missing slots are 0. */
  counts: Float64Array;
  /** 1 where the input had a point. */
  present: Uint8Array;
  /** Label per dense slot (the caller's label where given). */
  labels: string[];
  dow: Int8Array;
  hour: Int8Array;
  holiday: Uint8Array;
}

/** Hard limit on the dense length (≈ 20 years of hours) against absurd label ranges. */
const MAX_SLOTS = 200_000;

export function prepareSeries(
  series: readonly CountPoint[],
  granularity: Granularity | 'auto' = 'auto',
  holidays: ReadonlySet<number> | false = defaultHolidays(),
): PreparedSeries {
  const parsed = series.map((p) => ({ ...parseTime(p.t), label: p.t, count: p.count }));
  let g: Granularity;
  if (granularity === 'auto') g = parsed.some((p) => p.granularity === 'hour') ? 'hour' : 'day';
  else g = granularity;
  const slotsPerDay = g === 'hour' ? 24 : 1;
  const byslot = new Map<number, { count: number; label: string }>();
  for (const p of parsed) {
    if (!Number.isFinite(p.count) || p.count < 0) throw new Error(`Số đếm không hợp lệ tại ${p.label}: ${p.count}`);
    const s = g === 'hour' ? p.slot : p.day;
    const prev = byslot.get(s);
    if (prev) prev.count += Math.round(p.count);
    else byslot.set(s, { count: Math.round(p.count), label: p.label });
  }
  if (byslot.size === 0) {
    return { granularity: g, slotsPerDay, start: 0, counts: new Float64Array(0), present: new Uint8Array(0), labels: [], dow: new Int8Array(0), hour: new Int8Array(0), holiday: new Uint8Array(0) };
  }
  const slots = [...byslot.keys()].sort((a, b) => a - b);
  const start = slots[0] as number;
  const n = (slots[slots.length - 1] as number) - start + 1;
  if (n > MAX_SLOTS) throw new Error(`Chuỗi quá dài (${n} mốc thời gian)`);
  const counts = new Float64Array(n);
  const present = new Uint8Array(n);
  const labels: string[] = new Array<string>(n);
  const dow = new Int8Array(n);
  const hour = new Int8Array(n);
  const holiday = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const s = start + i;
    const day = g === 'hour' ? Math.floor(s / 24) : s;
    const e = byslot.get(s);
    if (e) {
      counts[i] = e.count;
      present[i] = 1;
      labels[i] = e.label;
    } else labels[i] = g === 'hour' ? formatHour(s) : formatDay(s);
    dow[i] = dayOfWeek(day);
    hour[i] = g === 'hour' ? ((s % 24) + 24) % 24 : 0;
    holiday[i] = holidays && holidays.has(day) ? 1 : 0;
  }
  return { granularity: g, slotsPerDay, start, counts, present, labels, dow, hour, holiday };
}

export interface DesignSpec {
  granularity: Granularity;
  /** Fourier pairs for the hour-of-day cycle (hourly series). */
  harmonics: number;
  holiday: boolean;
  trend: boolean;
}

/**
 * Columns: intercept; daily → one indicator per weekday (7, kept identifiable by the ridge, so
 * shrinkage pulls weekdays towards the common level rather than towards an arbitrary
 * reference day); hourly → sin/cos pairs of the hour of day and a weekend indicator;
 * then holiday and linear trend if requested.
 */
export function designWidth(spec: DesignSpec): number {
  const season = spec.granularity === 'day' ? 7 : 2 * spec.harmonics + 1;
  return 1 + season + (spec.holiday ? 1 : 0) + (spec.trend ? 1 : 0);
}

export function fillRow(
  out: Float64Array,
  offset: number,
  spec: DesignSpec,
  dow: number,
  hour: number,
  holiday: number,
  trend: number,
): void {
  let j = offset;
  out[j++] = 1;
  if (spec.granularity === 'day') {
    for (let d = 0; d < 7; d++) out[j++] = d === dow ? 1 : 0;
  } else {
    for (let k = 1; k <= spec.harmonics; k++) {
      const a = (2 * Math.PI * k * hour) / 24;
      out[j++] = Math.sin(a);
      out[j++] = Math.cos(a);
    }
    out[j++] = dow === 0 || dow === 6 ? 1 : 0;
  }
  if (spec.holiday) out[j++] = holiday;
  if (spec.trend) out[j++] = trend;
}
