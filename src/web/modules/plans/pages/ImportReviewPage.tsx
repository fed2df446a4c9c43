import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Col, Flex, Form, Grid, Popconfirm, Result, Row, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, CloudUploadOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../../app/api';
import { FullPageSpinner, PageHeader, QueryError } from '../../../app/components';
import { formatDateTime } from '../../../app/format';
import { showSuccess } from '../../../app/queryClient';
import {
  discardImport,
  plansKeys,
  publishImport,
  saveImportDraft,
  usePlanImport,
  type DraftTask,
  type PlanDraft,
  type PlanImport,
} from '../api';
import { ReviewHeader } from '../components/ReviewHeader';
import { ReviewTaskCard } from '../components/ReviewTaskCard';
import { SourceText } from '../components/SourceText';
import { normalizePlanText } from '../../../../nlp/plan-parser';
import { buildSourceIndex, draftProblems, emptyTask, nextRef, reviewCounts, type Focus } from '../review';

type SaveState = 'saved' | 'dirty' | 'saving' | 'error' | 'conflict' | 'incomplete';

const AUTOSAVE_MS = 1500;

/**
 * The reviewer's working copy of the draft, saved automatically a moment after each edit
 * (and on demand) with the version it was based on. A conflicting save (409) stops
 * autosaving and lets the reviewer choose between the server's copy and their own.
 */
function useReviewDraft(imp: PlanImport) {
  const queryClient = useQueryClient();
  const [draft, setDraftState] = useState<PlanDraft>(imp.draft);
  const [state, setState] = useState<SaveState>('saved');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const draftRef = useRef(imp.draft);
  const versionRef = useRef(imp.version);
  const dirtyRef = useRef(false);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<number | null>(null);
  const conflictRef = useRef(false);

  const clearTimer = () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
  };

  const saveNow = useCallback(async (): Promise<boolean> => {
    clearTimer();
    if (conflictRef.current) return false;
    if (inFlight.current) await inFlight.current;
    if (!dirtyRef.current) return true;
    if (draftProblems(draftRef.current).length) {
      setState('incomplete');
      return false;
    }
    dirtyRef.current = false;
    setState('saving');
    const run = (async () => {
      try {
        const result = await saveImportDraft(imp.id, versionRef.current, draftRef.current);
        if (result.ok) {
          versionRef.current = result.value.import.version;
          // The cache follows the saved version; text and parsed output never change, so keep their identity.
          queryClient.setQueryData(plansKeys.import(imp.id), {
            import: { ...result.value.import, draft: draftRef.current, text: imp.text, parsed: imp.parsed },
          });
          setSavedAt(new Date().toISOString());
          return true;
        }
        dirtyRef.current = true;
        if (result.conflict) {
          conflictRef.current = true;
          setState('conflict');
        } else setState('error');
        return false;
      } catch {
        // The app-wide handler has shown the server's message; the edits stay and are retried.
        dirtyRef.current = true;
        setState('error');
        return false;
      }
    })();
    inFlight.current = run;
    const ok = await run;
    inFlight.current = null;
    if (ok) {
      if (dirtyRef.current) {
        setState('dirty');
        timer.current = window.setTimeout(() => void saveNow(), AUTOSAVE_MS);
      } else setState('saved');
    }
    return ok && !dirtyRef.current;
  }, [imp.id, imp.text, imp.parsed, queryClient]);

  const update = useCallback(
    (fn: (d: PlanDraft) => PlanDraft) => {
      const next = fn(draftRef.current);
      draftRef.current = next;
      setDraftState(next);
      dirtyRef.current = true;
      if (conflictRef.current) return;
      setState('dirty');
      clearTimer();
      timer.current = window.setTimeout(() => void saveNow(), AUTOSAVE_MS);
    },
    [saveNow],
  );

  /** Conflict resolution: take the server's copy, or keep ours on top of the server's version. */
  const resolveConflict = useCallback(
    async (keepMine: boolean) => {
      const fresh = await queryClient.fetchQuery({
        queryKey: plansKeys.import(imp.id),
        queryFn: () => api.get<{ import: PlanImport }>(`/api/plan-imports/${encodeURIComponent(imp.id)}`),
        staleTime: 0,
      });
      versionRef.current = fresh.import.version;
      conflictRef.current = false;
      if (keepMine) {
        dirtyRef.current = true;
        await saveNow();
      } else {
        draftRef.current = fresh.import.draft;
        setDraftState(fresh.import.draft);
        dirtyRef.current = false;
        setState('saved');
      }
    },
    [imp.id, queryClient, saveNow],
  );

  // Edits never get lost: leaving the page saves what is pending; closing the tab asks first.
  useEffect(() => {
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (dirtyRef.current || inFlight.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      if (timer.current !== null) window.clearTimeout(timer.current);
      if (dirtyRef.current && !conflictRef.current && !draftProblems(draftRef.current).length) void saveImportDraft(imp.id, versionRef.current, draftRef.current).catch(() => undefined);
    };
  }, [imp.id]);

  return { draft, update, saveNow, state, savedAt, versionRef, resolveConflict, conflictRef };
}

function ReviewEditor({ imp }: { imp: PlanImport }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg !== false;
  const { draft, update, saveNow, state, savedAt, versionRef, resolveConflict } = useReviewDraft(imp);
  const [focus, setFocus] = useState<Focus | null>(null);
  const [problems, setProblems] = useState<{ message: string; problems: string[] } | null>(null);
  const [busy, setBusy] = useState<'publish' | 'discard' | null>(null);
  // The parser's spans are offsets into its normalised text. Normalising is idempotent, so
  // this is right whether the server stored the extracted text or its normalised form.
  const text = useMemo(() => normalizePlanText(imp.text), [imp.text]);
  const source = useMemo(() => buildSourceIndex(imp.parsed, text.length), [imp.parsed, text.length]);
  const counts = useMemo(() => reviewCounts(draft), [draft]);

  const onHeaderChange = useCallback((patch: Partial<PlanDraft>) => update((d) => ({ ...d, ...patch })), [update]);
  const onTaskChange = useCallback(
    (index: number, next: DraftTask) => update((d) => ({ ...d, tasks: d.tasks.map((x, i) => (i === index ? next : x)) })),
    [update],
  );
  const onTaskRemove = useCallback(
    (index: number) => update((d) => ({ ...d, tasks: d.tasks.filter((_, i) => i !== index) })),
    [update],
  );
  const addTask = () => {
    update((d) => ({ ...d, tasks: [...d.tasks, emptyTask(nextRef(d.tasks))] }));
    window.setTimeout(() => {
      const cards = document.querySelectorAll<HTMLElement>('[data-testid="review-task"]');
      cards[cards.length - 1]?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    }, 50);
  };

  const goToUnresolved = () => {
    const el =
      document.querySelector<HTMLElement>('[data-unresolved="true"]') ??
      document.querySelector<HTMLElement>('[data-testid="review-lead"][data-mark="error"]');
    if (!el) return;
    el.scrollIntoView({ behavior: 'smooth', block: 'center' });
    el.querySelector<HTMLElement>('input')?.focus({ preventScroll: true });
  };

  const publish = async () => {
    setBusy('publish');
    setProblems(null);
    try {
      const incomplete = draftProblems(draft);
      if (incomplete.length) {
        setProblems({
          message: t('plans.review.cannotPublish'),
          problems: incomplete.map((p) => t(p.field === 'title' ? 'plans.review.taskNoTitle' : 'plans.review.taskNoRef', { ref: p.ref })),
        });
        return;
      }
      if (!(await saveNow())) return;
      const result = await publishImport(imp.id, versionRef.current);
      if (result.ok) {
        showSuccess(t('plans.review.published'));
        navigate(`/plans/${result.value.planId}`);
        void queryClient.invalidateQueries({ queryKey: plansKeys.all });
      } else if (result.conflict) {
        await resolveConflict(true);
        setProblems({ message: t('plans.review.conflictRetry'), problems: [] });
      } else {
        setProblems({ message: result.message, problems: result.problems });
        window.scrollTo({ top: 0, behavior: 'smooth' });
      }
    } finally {
      setBusy(null);
    }
  };

  const discard = async () => {
    setBusy('discard');
    try {
      const result = await discardImport(imp.id, versionRef.current);
      if (result.ok) {
        showSuccess(t('plans.review.discarded'));
        navigate('/plans/import');
        void queryClient.invalidateQueries({ queryKey: plansKeys.all });
      } else if (result.conflict) {
        await resolveConflict(false);
      }
    } finally {
      setBusy(null);
    }
  };

  const saveLabel =
    state === 'saving'
      ? t('plans.review.saving')
      : state === 'dirty'
        ? t('plans.review.unsaved')
        : state === 'error'
          ? t('plans.review.saveFailed')
          : state === 'incomplete'
            ? t('plans.review.incomplete')
          : state === 'conflict'
            ? t('plans.review.conflict')
            : savedAt
              ? t('plans.review.savedAt', { time: formatDateTime(savedAt) })
              : t('plans.review.upToDate');

  const sourcePanel = (
    <SourceText
      text={text}
      focus={focus}
      lostDiacritics={Boolean(imp.parsed?.lostDiacritics)}
      style={wide ? { position: 'sticky', top: 80, height: 'calc(100vh - 104px)' } : { height: '38vh' }}
    />
  );

  return (
    <>
      <PageHeader
        title={t('plans.review.title')}
        subtitle={
          <span>
            {imp.fileName} · {t('plans.review.taskCount', { count: draft.tasks.length })}
          </span>
        }
        extra={
          <>
            <Tag
              color={state === 'saved' ? 'success' : state === 'error' || state === 'conflict' ? 'error' : state === 'incomplete' ? 'warning' : 'processing'}
              data-testid="save-state"
              data-state={state}
              style={{ alignSelf: 'center', marginInlineEnd: 0 }}
            >
              {saveLabel}
            </Tag>
            <Button icon={<SaveOutlined />} onClick={() => void saveNow()} disabled={state === 'saved' || state === 'conflict' || state === 'saving'} data-testid="review-save">
              {t('common.save')}
            </Button>
            <Popconfirm
              title={t('plans.review.discardConfirm')}
              okText={t('plans.review.discard')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => void discard()}
            >
              <Button danger icon={<DeleteOutlined />} loading={busy === 'discard'} data-testid="review-discard">
                {t('plans.review.discard')}
              </Button>
            </Popconfirm>
            <Tooltip title={counts.withoutLead ? t('plans.review.publishBlocked', { count: counts.withoutLead }) : null}>
              <Button
                type="primary"
                icon={<CloudUploadOutlined />}
                loading={busy === 'publish'}
                disabled={state === 'conflict'}
                onClick={() => void publish()}
                data-testid="review-publish"
              >
                {t('plans.review.publish')}
              </Button>
            </Tooltip>
          </>
        }
      />

      <Flex vertical gap={8} style={{ marginBottom: 12 }}>
        {state === 'conflict' ? (
          <Alert
            type="error"
            showIcon
            title={t('plans.review.conflictTitle')}
            description={t('plans.review.conflictBody')}
            data-testid="review-conflict"
            action={
              <Flex vertical gap={4}>
                <Button size="small" type="primary" onClick={() => void resolveConflict(true)}>
                  {t('plans.review.keepMine')}
                </Button>
                <Button size="small" onClick={() => void resolveConflict(false)}>
                  {t('plans.review.takeTheirs')}
                </Button>
              </Flex>
            }
          />
        ) : null}
        {problems ? (
          <Alert
            type="error"
            showIcon
            closable={{ onClose: () => setProblems(null) }}
            title={problems.problems.length ? t('plans.review.cannotPublish') : problems.message}
            data-testid="publish-problems"
            description={
              problems.problems.length ? (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {problems.problems.map((p, i) => (
                    <li key={i}>{p}</li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        ) : null}
        {counts.unresolved > 0 || counts.withoutLead > 0 ? (
          <Alert
            type="error"
            showIcon
            data-testid="unresolved-summary"
            title={
              <span data-testid="unresolved-count" data-count={counts.unresolved}>
                {[
                  counts.unresolved > 0 ? t('plans.review.unresolvedCount', { count: counts.unresolved }) : null,
                  counts.withoutLead > 0 ? t('plans.review.withoutLeadCount', { count: counts.withoutLead }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            }
            action={
              <Button size="small" onClick={goToUnresolved} data-testid="goto-unresolved">
                {t('plans.review.goToFirst')}
              </Button>
            }
          />
        ) : (
          <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t('plans.review.allResolved')} data-testid="unresolved-summary" />
        )}
        {imp.warnings.length ? (
          <Alert
            type="warning"
            showIcon
            title={t('plans.review.warnings', { count: imp.warnings.length })}
            data-testid="import-warnings"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20, maxHeight: 160, overflow: 'auto' }}>
                {imp.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            }
          />
        ) : null}
      </Flex>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          {sourcePanel}
        </Col>
        <Col xs={24} lg={14} data-testid="review-form">
          <Form layout="vertical" component="div" style={{ minWidth: 0 }}>
            <ReviewHeader draft={draft} source={source} onChange={onHeaderChange} onFocus={setFocus} />
            <Typography.Title level={5} style={{ margin: '16px 0 8px' }}>
              {t('plans.review.tasks', { count: draft.tasks.length })}
            </Typography.Title>
            {draft.tasks.map((task, i) => (
              <ReviewTaskCard key={i} task={task} index={i} source={source} onChange={onTaskChange} onRemove={onTaskRemove} onFocus={setFocus} />
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={addTask} data-testid="review-add-task">
              {t('plans.review.addTask')}
            </Button>
          </Form>
        </Col>
      </Row>
    </>
  );
}

export default function ImportReviewPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const imp = usePlanImport(id);
  if (imp.error) return <QueryError error={imp.error} onRetry={() => void imp.refetch()} />;
  if (!imp.data) return <FullPageSpinner />;
  if (imp.data.status === 'published') {
    return (
      <Result
        status="success"
        title={t('plans.review.alreadyPublished')}
        extra={
          imp.data.planId ? (
            <Link to={`/plans/${imp.data.planId}`}>
              <Button type="primary">{t('plans.review.openPlan')}</Button>
            </Link>
          ) : null
        }
      />
    );
  }
  if (imp.data.status === 'discarded') {
    return (
      <Result
        status="info"
        title={t('plans.review.alreadyDiscarded')}
        extra={
          <Link to="/plans/import">
            <Button>{t('plans.review.backToImport')}</Button>
          </Link>
        }
      />
    );
  }
  return <ReviewEditor key={imp.data.id} imp={imp.data} />;
}
