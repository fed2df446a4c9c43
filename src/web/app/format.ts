import dayjs from 'dayjs';

/** Dates are shown dd/mm/yyyy, as Vietnamese administrative text writes them. */
export const DATE_FORMAT = 'DD/MM/YYYY';
export const DATE_TIME_FORMAT = 'DD/MM/YYYY HH:mm';
/** What the API takes and returns for calendar dates. */
export const API_DATE_FORMAT = 'YYYY-MM-DD';

export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const d = dayjs(value);
  return d.isValid() ? d.format(DATE_FORMAT) : value;
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = dayjs(value);
  return d.isValid() ? d.format(DATE_TIME_FORMAT) : value;
}

export function toApiDate(value: dayjs.Dayjs | null | undefined): string | null {
  return value ? value.format(API_DATE_FORMAT) : null;
}

export function fromApiDate(value: string | null | undefined): dayjs.Dayjs | null {
  if (!value) return null;
  const d = dayjs(value);
  return d.isValid() ? d : null;
}

export const viCollator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Lower-case, no diacritics, đ→d: what "accent-insensitive" means for local filtering. */
export function foldVietnamese(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}
