import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Flex, Progress, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { PageHeader, QueryError } from '../../../app/components';
import { formatDateTime } from '../../../app/format';
import {
  MAX_PLAN_FILE_BYTES,
  PLAN_FILE_EXTENSIONS,
  plansKeys,
  uploadPlanFile,
  usePlanImports,
  type ImportStatus,
  type PlanImportSummary,
} from '../api';

const STATUS_COLOR: Record<ImportStatus, string> = { review: 'processing', published: 'success', discarded: 'default' };

/** Upload a plan document (.txt, .docx, .pdf); the server reads it and opens the review. */
export default function PlanImportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const imports = usePlanImports();
  const [upload, setUpload] = useState<{ name: string; percent: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abortRef = useRef<(() => void) | null>(null);

  useEffect(() => () => abortRef.current?.(), []);

  const start = (file: File) => {
    setError(null);
    const lower = file.name.toLowerCase();
    if (!PLAN_FILE_EXTENSIONS.some((ext) => lower.endsWith(ext))) {
      setError(t('plans.import.badType', { name: file.name }));
      return;
    }
    if (file.size > MAX_PLAN_FILE_BYTES) {
      setError(t('plans.import.tooLarge', { name: file.name, max: MAX_PLAN_FILE_BYTES / 1024 / 1024 }));
      return;
    }
    if (file.size === 0) {
      setError(t('plans.import.empty', { name: file.name }));
      return;
    }
    setUpload({ name: file.name, percent: 0 });
    const { promise, abort } = uploadPlanFile(queryClient, file, (percent) => setUpload({ name: file.name, percent }));
    abortRef.current = abort;
    promise
      .then((created) => {
        abortRef.current = null;
        queryClient.setQueryData(plansKeys.import(created.id), { import: created });
        void queryClient.invalidateQueries({ queryKey: plansKeys.imports });
        navigate(`/plans/import/${created.id}`);
      })
      .catch((err: unknown) => {
        abortRef.current = null;
        setUpload(null);
        if (err instanceof DOMException && err.name === 'AbortError') return;
        if (err instanceof ApiError && err.isUnauthenticated) {
          void queryClient.invalidateQueries({ queryKey: ['auth'] });
        }
        setError(err instanceof Error ? err.message : t('errors.generic'));
      });
  };

  const columns = [
    {
      title: t('plans.import.file'),
      key: 'file',
      render: (_: unknown, r: PlanImportSummary) => (
        <div style={{ minWidth: 200 }}>
          {r.status === 'review' ? <Link to={`/plans/import/${r.id}`}>{r.fileName}</Link> : <span>{r.fileName}</span>}
          {r.title ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} ellipsis>
              {r.title}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      title: t('plans.import.uploadedAt'),
      key: 'createdAt',
      width: 150,
      render: (_: unknown, r: PlanImportSummary) => formatDateTime(r.createdAt),
    },
    {
      title: t('plans.fields.status'),
      key: 'status',
      width: 130,
      render: (_: unknown, r: PlanImportSummary) => <Tag color={STATUS_COLOR[r.status]}>{t(`plans.import.status.${r.status}`)}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_: unknown, r: PlanImportSummary) =>
        r.status === 'review' ? (
          <Link to={`/plans/import/${r.id}`}>{t('plans.import.continue')}</Link>
        ) : r.planId ? (
          <Link to={`/plans/${r.planId}`}>{t('plans.import.openPlan')}</Link>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader title={t('plans.import.title')} subtitle={t('plans.import.subtitle')} />
      <Card style={{ marginBottom: 16 }}>
        <Upload.Dragger
          accept={PLAN_FILE_EXTENSIONS.join(',')}
          multiple={false}
          showUploadList={false}
          disabled={Boolean(upload)}
          beforeUpload={(file) => {
            start(file);
            return Upload.LIST_IGNORE;
          }}
          data-testid="plan-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('plans.import.drop')}</p>
          <p className="ant-upload-hint">{t('plans.import.hint', { max: MAX_PLAN_FILE_BYTES / 1024 / 1024 })}</p>
        </Upload.Dragger>
        {upload ? (
          <Flex vertical gap={4} style={{ marginTop: 16 }} data-testid="upload-progress">
            <Typography.Text>
              {upload.percent < 100 ? t('plans.import.uploading', { name: upload.name }) : t('plans.import.reading', { name: upload.name })}
            </Typography.Text>
            <Progress percent={upload.percent} status="active" showInfo={upload.percent < 100} />
            <div>
              <Button size="small" onClick={() => abortRef.current?.()}>
                {t('common.cancel')}
              </Button>
            </div>
          </Flex>
        ) : null}
        {error ? (
          <Alert
            type="error"
            showIcon
            title={t('plans.import.failed')}
            description={error}
            style={{ marginTop: 16 }}
            data-testid="upload-error"
            closable={{ onClose: () => setError(null) }}
          />
        ) : null}
      </Card>
      <Card title={t('plans.import.recent')}>
        {imports.error ? (
          <QueryError error={imports.error} onRetry={() => void imports.refetch()} />
        ) : (
          <Table<PlanImportSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={imports.data ?? []}
            loading={imports.isLoading}
            pagination={(imports.data?.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('plans.import.none') }}
            data-testid="imports-table"
          />
        )}
      </Card>
    </>
  );
}
