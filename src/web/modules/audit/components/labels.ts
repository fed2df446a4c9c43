import { useTranslation } from 'react-i18next';

/** The server's entity types and actions are open-ended: known ones get a label, others show as sent. */
export function useAuditLabels() {
  const { t, i18n } = useTranslation();
  const loose = t as unknown as (key: string) => string;
  const label = (group: string, value: string) => {
    const key = `audit.${group}.${value.replace(/\./g, '_')}`;
    return i18n.exists(key) ? loose(key) : value;
  };
  return {
    entityType: (value: string) => label('entityTypes', value),
    action: (value: string) => label('actions', value),
  };
}
