import { useMemo } from 'react';
import { Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { foldVietnamese, viCollator } from '../../../app/format';
import { useAgencies, type Agency } from '../api';

interface Option {
  value: string;
  label: string;
  search: string;
  active: boolean;
  code: string;
}

function toOption(agency: Agency): Option {
  return {
    value: agency.id,
    label: agency.name,
    code: agency.code,
    active: agency.active,
    search: foldVietnamese([agency.name, agency.code, ...agency.shortNames, ...agency.aliases].join(' | ')),
  };
}

type Props = {
  placeholder?: string;
  /** Former agencies are offered too (e.g. a predecessor being linked to its successor). */
  includeFormer?: boolean;
  excludeIds?: string[];
  allowClear?: boolean;
  disabled?: boolean;
  id?: string;
  style?: React.CSSProperties;
  'aria-label'?: string;
  'data-testid'?: string;
} & (
  | { multiple?: false; value?: string | null; onChange?: (value: string | null) => void }
  | { multiple: true; value?: string[]; onChange?: (value: string[]) => void }
);

/**
 * Picks agencies from the whole directory, searched locally with and without diacritics
 * over names, codes, short names and aliases. One cached list serves every form.
 */
export function AgencySelect(props: Props) {
  const { t } = useTranslation();
  const { data, isLoading } = useAgencies({ includeFormer: true });
  const options = useMemo(() => {
    const exclude = new Set(props.excludeIds ?? []);
    const selected = new Set(props.multiple ? (props.value ?? []) : props.value ? [props.value] : []);
    return (data ?? [])
      .filter((a) => !exclude.has(a.id))
      .filter((a) => props.includeFormer || a.active || selected.has(a.id))
      .map(toOption)
      .sort((a, b) => Number(b.active) - Number(a.active) || viCollator.compare(a.label, b.label));
  }, [data, props.excludeIds, props.includeFormer, props.multiple, props.value]);

  const common = {
    id: props.id,
    showSearch: {
      filterOption: (input: string, option?: Option) =>
        option ? option.search.includes(foldVietnamese(input.trim())) : false,
    },
    options,
    loading: isLoading,
    allowClear: props.allowClear ?? true,
    disabled: props.disabled,
    placeholder: props.placeholder ?? t('directory.agencySelectPlaceholder'),
    style: { width: '100%', ...props.style },
    optionRender: (option: { data: Option }) => (
      <span>
        {option.data.label}{' '}
        <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{option.data.code}</span>
        {!option.data.active ? (
          <Tag style={{ marginInlineStart: 6 }} color="default">
            {t('directory.former')}
          </Tag>
        ) : null}
      </span>
    ),
    'aria-label': props['aria-label'],
    'data-testid': props['data-testid'],
    notFoundContent: isLoading ? t('common.loading') : t('common.noMatch'),
  };

  if (props.multiple) {
    const { onChange } = props;
    return (
      <Select<string[], Option>
        {...common}
        mode="multiple"
        value={props.value ?? []}
        onChange={(v) => onChange?.(v)}
        maxTagCount="responsive"
      />
    );
  }
  const { onChange } = props;
  return (
    <Select<string | null, Option>
      {...common}
      value={props.value ?? null}
      onChange={(v) => onChange?.(v ?? null)}
    />
  );
}
