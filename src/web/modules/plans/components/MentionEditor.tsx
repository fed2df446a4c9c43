import { memo, useMemo, useState } from 'react';
import { Button, Flex, Select, Tag, Tooltip, Typography } from 'antd';
import { CloseOutlined, ExclamationCircleFilled, WarningFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { foldVietnamese, viCollator } from '../../../app/format';
import { useAgencies } from '../../directory/api';
import type { DraftMention } from '../api';
import { isLow, percent } from '../review';

interface Option {
  value: string;
  label: string;
  search: string;
  code: string;
  reason: string | null;
  proposed: boolean;
  active: boolean;
}

/** Reasons shown before "show more": a group's 20 members each have one. */
const REASONS_SHOWN = 2;

interface Props {
  mention: DraftMention;
  id: string;
  onChange: (next: DraftMention) => void;
  onRemove: () => void;
  onFocus: () => void;
}

/**
 * One agency mention of the plan ("Sở Thông tin và Truyền thông") and the agencies that
 * carry it today. The resolver's proposals come first with their reasons (successor of a
 * former agency, member of a group); any agency of the directory can be picked instead.
 * No agency chosen = unresolved (red); a weak name match = low confidence (orange).
 */
export const MentionEditor = memo(function MentionEditor({ mention, id, onChange, onRemove, onFocus }: Props) {
  const { t } = useTranslation();
  const agencies = useAgencies({ includeFormer: true });
  const [allReasons, setAllReasons] = useState(false);
  const unresolved = mention.agencyIds.length === 0;
  const weak = !unresolved && (isLow(mention.confidence) || (mention.matchName === null && mention.proposals.length > 0));

  const options = useMemo(() => {
    const chosen = new Set(mention.agencyIds);
    const proposed = new Map(mention.proposals.map((p) => [p.id, p]));
    const all: Option[] = [];
    for (const p of mention.proposals) {
      all.push({ value: p.id, label: p.name, code: p.code, reason: p.reason, proposed: true, active: true, search: foldVietnamese(`${p.name} ${p.code}`) });
    }
    const rest: Option[] = [];
    for (const a of agencies.data ?? []) {
      if (proposed.has(a.id)) continue;
      if (!a.active && !chosen.has(a.id)) continue;
      rest.push({
        value: a.id,
        label: a.name,
        code: a.code,
        reason: null,
        proposed: false,
        active: a.active,
        search: foldVietnamese([a.name, a.code, ...a.shortNames, ...a.aliases].join(' | ')),
      });
    }
    rest.sort((x, y) => viCollator.compare(x.label, y.label));
    // A chosen agency that is in neither list (e.g. removed from the directory) still shows its id.
    for (const idv of chosen) {
      if (!proposed.has(idv) && !rest.some((o) => o.value === idv)) {
        rest.push({ value: idv, label: idv, code: '', reason: null, proposed: false, active: false, search: idv });
      }
    }
    const groups = [];
    if (all.length) groups.push({ label: t('plans.review.proposed'), title: 'proposed', options: all });
    groups.push({ label: t('plans.review.directory'), title: 'directory', options: rest });
    return groups;
  }, [agencies.data, mention.agencyIds, mention.proposals, t]);

  // Reasons of the chosen proposals, each once ("member of group X" would repeat for every member).
  const reasons = useMemo(() => {
    const counts = new Map<string, number>();
    for (const p of mention.proposals) {
      if (p.reason && mention.agencyIds.includes(p.id)) counts.set(p.reason, (counts.get(p.reason) ?? 0) + 1);
    }
    return [...counts];
  }, [mention.agencyIds, mention.proposals]);

  const status = unresolved ? 'error' : weak ? 'warning' : undefined;
  const statusTip = unresolved
    ? t('plans.review.unresolvedTip')
    : weak
      ? t('plans.review.weakMatchTip', { match: mention.matchName ?? '—', confidence: percent(mention.confidence) })
      : null;

  return (
    <div
      id={id}
      data-testid="review-mention"
      data-unresolved={unresolved ? 'true' : 'false'}
      data-low-confidence={weak ? 'true' : 'false'}
      style={{
        borderInlineStart: `3px solid ${unresolved ? '#ff4d4f' : weak ? '#faad14' : '#d9d9d9'}`,
        paddingInlineStart: 8,
        marginBottom: 8,
      }}
    >
      <Flex align="center" gap={6} wrap style={{ marginBottom: 4 }}>
        {unresolved ? (
          <Tooltip title={statusTip}>
            <ExclamationCircleFilled style={{ color: '#ff4d4f' }} aria-label={statusTip ?? undefined} />
          </Tooltip>
        ) : weak ? (
          <Tooltip title={statusTip}>
            <WarningFilled style={{ color: '#faad14' }} aria-label={statusTip ?? undefined} />
          </Tooltip>
        ) : null}
        <Typography.Text
          strong
          editable={{
            onChange: (value) => onChange({ ...mention, mention: value.trim() }),
            tooltip: t('plans.review.editWords'),
            text: mention.mention,
          }}
          onClick={onFocus}
          style={{ marginBottom: 0, cursor: 'pointer' }}
          data-testid="mention-words"
        >
          {mention.mention || t('plans.review.noWords')}
        </Typography.Text>
        {mention.matchName && mention.matchName !== mention.mention ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            → {mention.matchName}
          </Typography.Text>
        ) : null}
        {mention.confidence !== null ? (
          <Tag color={isLow(mention.confidence) ? 'warning' : 'default'} style={{ marginInlineEnd: 0 }}>
            {percent(mention.confidence)}
          </Tag>
        ) : null}
        <Button
          type="text"
          size="small"
          icon={<CloseOutlined />}
          onClick={onRemove}
          aria-label={t('plans.review.removeMention', { mention: mention.mention })}
          style={{ marginInlineStart: 'auto' }}
        />
      </Flex>
      <Tooltip title={statusTip} placement="topLeft">
        <Select<string[]>
          mode="multiple"
          value={mention.agencyIds}
          onChange={(value) => onChange({ ...mention, agencyIds: value })}
          onFocus={onFocus}
          status={status}
          options={options}
          loading={agencies.isLoading}
          placeholder={t('plans.review.pickAgency')}
          aria-label={t('plans.review.agenciesFor', { mention: mention.mention })}
          data-testid="mention-agencies"
          style={{ width: '100%' }}
          maxTagCount="responsive"
          showSearch={{
            filterOption: (input, option) => {
              const o = option as Partial<Option> | undefined;
              return typeof o?.search === 'string' ? o.search.includes(foldVietnamese(input.trim())) : false;
            },
          }}
          optionRender={(option) => {
            const o = option.data as Option;
            return (
              <div style={{ whiteSpace: 'normal' }} data-testid={o.proposed ? 'proposed-option' : undefined}>
                <span>{o.label}</span> <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{o.code}</span>
                {!o.active ? <Tag style={{ marginInlineStart: 6 }}>{t('directory.former')}</Tag> : null}
                {o.reason ? <div style={{ color: 'rgba(0,0,0,0.55)', fontSize: 12 }}>{o.reason}</div> : null}
              </div>
            );
          }}
          notFoundContent={agencies.isLoading ? t('common.loading') : t('common.noMatch')}
        />
      </Tooltip>
      {reasons.length ? (
        <Flex vertical gap={2} align="start" style={{ marginTop: 4 }} data-testid="mention-reasons">
          {(allReasons ? reasons : reasons.slice(0, REASONS_SHOWN)).map(([reason, count]) => (
            <Typography.Text key={reason} type="secondary" style={{ fontSize: 12 }}>
              {count > 1 ? t('plans.review.reasonMany', { reason, count }) : reason}
            </Typography.Text>
          ))}
          {reasons.length > REASONS_SHOWN ? (
            <Button type="link" size="small" style={{ padding: 0, height: 'auto', fontSize: 12 }} onClick={() => setAllReasons((v) => !v)}>
              {allReasons ? t('plans.review.fewerReasons') : t('plans.review.moreReasons', { count: reasons.length - REASONS_SHOWN })}
            </Button>
          ) : null}
        </Flex>
      ) : null}
    </div>
  );
});
