import { useMemo, useState } from 'react';
import { Badge, Calendar, Card, Empty, Flex, Grid, Spin, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader, QueryError } from '../../../app/components';
import { API_DATE_FORMAT, formatDate } from '../../../app/format';
import { AgencySelect } from '../../directory/components/AgencySelect';
import { useCalendar, type CalendarItem } from '../api';
import { TaskDrawer } from '../components/TaskDrawer';
import { useTaskParam } from '../utils';

type Mode = 'month' | 'year';

function itemColor(item: CalendarItem): 'success' | 'error' | 'processing' {
  return item.done ? 'success' : item.overdue ? 'error' : 'processing';
}

/** The range the calendar grid shows: a month with the days around it, or a whole year. */
function rangeOf(value: Dayjs, mode: Mode): { from: string; to: string } {
  if (mode === 'year') {
    return { from: value.startOf('year').format(API_DATE_FORMAT), to: value.endOf('year').format(API_DATE_FORMAT) };
  }
  return {
    from: value.startOf('month').subtract(7, 'day').format(API_DATE_FORMAT),
    to: value.endOf('month').add(14, 'day').format(API_DATE_FORMAT),
  };
}

export default function CalendarPage() {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const compact = screens.md === false;
  const [, setTaskId] = useTaskParam();
  const [params, setParams] = useSearchParams();
  const agencyId = params.get('agency') ?? undefined;
  const initial = params.get('month');
  const [value, setValue] = useState<Dayjs>(() => (initial && dayjs(`${initial}-01`).isValid() ? dayjs(`${initial}-01`) : dayjs()));
  const [mode, setMode] = useState<Mode>('month');
  const [selected, setSelected] = useState<Dayjs>(value);
  const range = rangeOf(value, mode);
  const items = useCalendar(range.from, range.to, agencyId);

  const byDay = useMemo(() => {
    const map = new Map<string, CalendarItem[]>();
    for (const item of items.data ?? []) {
      const list = map.get(item.dueDate) ?? [];
      list.push(item);
      map.set(item.dueDate, list);
    }
    return map;
  }, [items.data]);
  const byMonth = useMemo(() => {
    const map = new Map<string, { total: number; overdue: number; done: number }>();
    for (const item of items.data ?? []) {
      const key = item.dueDate.slice(0, 7);
      const m = map.get(key) ?? { total: 0, overdue: 0, done: 0 };
      m.total++;
      if (item.overdue) m.overdue++;
      if (item.done) m.done++;
      map.set(key, m);
    }
    return map;
  }, [items.data]);

  const setAgency = (id: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('agency', id);
        else next.delete('agency');
        return next;
      },
      { replace: true },
    );

  const dayItems = byDay.get(selected.format(API_DATE_FORMAT)) ?? [];

  const itemLine = (item: CalendarItem, small: boolean) => (
    <div
      key={item.milestoneId}
      role="button"
      tabIndex={0}
      onClick={(e) => {
        e.stopPropagation();
        setTaskId(item.taskId);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') setTaskId(item.taskId);
      }}
      title={`${item.planNumber ?? ''} · ${item.taskRef}. ${item.taskTitle} — ${item.label}`}
      data-testid="calendar-item"
      data-state={itemColor(item)}
      style={{ whiteSpace: small ? 'nowrap' : 'normal', overflow: 'hidden', textOverflow: 'ellipsis', cursor: 'pointer', lineHeight: 1.5 }}
    >
      <Badge status={itemColor(item)} />{' '}
      <span style={{ fontSize: small ? 12 : 14 }}>
        {item.taskRef}. {item.taskTitle}
      </span>
    </div>
  );

  return (
    <>
      <PageHeader title={t('plans.calendar.title')} subtitle={t('plans.calendar.subtitle')} />
      <Card>
        <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
          <div style={{ flex: '1 1 260px', maxWidth: 420 }}>
            <AgencySelect value={agencyId ?? null} onChange={setAgency} placeholder={t('plans.allAgencies')} aria-label={t('plans.agency')} />
          </div>
          <Flex wrap gap={12} style={{ marginInlineStart: 'auto' }}>
            <Badge status="processing" text={t('plans.calendar.upcoming')} />
            <Badge status="error" text={t('plans.calendar.overdue')} />
            <Badge status="success" text={t('plans.calendar.done')} />
          </Flex>
        </Flex>
        {items.error ? <QueryError error={items.error} onRetry={() => void items.refetch()} /> : null}
        <Spin spinning={items.isFetching}>
          <div data-testid="calendar">
            <Calendar
              fullscreen={!compact}
              value={value}
              mode={mode}
              onPanelChange={(date, m) => {
                setValue(date);
                setMode(m as Mode);
              }}
              onSelect={(date, info) => {
                setSelected(date);
                if (info.source !== 'date') setValue(date);
              }}
              cellRender={(current, info) => {
                if (info.type === 'date') {
                  const list = byDay.get(current.format(API_DATE_FORMAT)) ?? [];
                  if (list.length === 0) return null;
                  if (compact) {
                    const color = list.some((i) => i.overdue) ? 'error' : list.every((i) => i.done) ? 'success' : 'processing';
                    return <Badge status={color} />;
                  }
                  return (
                    <div data-testid="calendar-day" data-date={current.format(API_DATE_FORMAT)}>
                      {list.slice(0, 3).map((item) => itemLine(item, true))}
                      {list.length > 3 ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('plans.calendar.more', { count: list.length - 3 })}
                        </Typography.Text>
                      ) : null}
                    </div>
                  );
                }
                if (info.type === 'month') {
                  const m = byMonth.get(current.format('YYYY-MM'));
                  if (!m) return null;
                  return (
                    <Flex wrap gap={4}>
                      <Tag>{t('plans.calendar.milestones', { count: m.total })}</Tag>
                      {m.overdue ? <Tag color="error">{t('plans.overdueCount', { count: m.overdue })}</Tag> : null}
                    </Flex>
                  );
                }
                return info.originNode;
              }}
            />
          </div>
        </Spin>
      </Card>
      <Card size="small" title={t('plans.calendar.day', { date: formatDate(selected.format(API_DATE_FORMAT)) })} style={{ marginTop: 16 }} data-testid="calendar-day-list">
        {dayItems.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plans.calendar.nothing')} />
        ) : (
          <Flex vertical gap={8}>
            {dayItems.map((item) => (
              <div key={item.milestoneId}>
                {itemLine(item, false)}
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 14 }}>
                  {[item.planNumber, item.label].filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
            ))}
          </Flex>
        )}
      </Card>
      <TaskDrawer />
    </>
  );
}
