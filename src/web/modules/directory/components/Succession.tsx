import { useState } from 'react';
import { App, Button, DatePicker, Empty, Flex, Form, Input, Modal, Popconfirm, Tag, Typography } from 'antd';
import { ArrowRightOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DATE_FORMAT, formatDate, fromApiDate, toApiDate } from '../../../app/format';
import { useAddSuccessor, useRemoveSuccessor, type AgencyDetail, type AgencyLink } from '../api';
import { AgencySelect } from './AgencySelect';

function LinkList({
  links,
  empty,
  onRemove,
  testId,
}: {
  links: AgencyLink[];
  empty: string;
  onRemove?: (link: AgencyLink) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  if (links.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <div data-testid={testId} role="list">
      {links.map((link) => (
        <Flex
          key={link.agency.id}
          role="listitem"
          justify="space-between"
          align="flex-start"
          gap={8}
          style={{ padding: '10px 0', borderBottom: '1px solid rgba(5,5,5,0.06)' }}
        >
          <div style={{ minWidth: 0 }}>
            <div>
              <Link to={`/directory/agencies/${link.agency.id}`} style={{ fontWeight: 500 }}>
                {link.agency.name}
              </Link>{' '}
              {!link.agency.active ? <Tag>{t('directory.former')}</Tag> : null}
            </div>
            <div>
              {link.duties ?? <Typography.Text type="secondary">{t('directory.allDuties')}</Typography.Text>}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('directory.effectiveFrom', { date: formatDate(link.effectiveDate) })}
            </Typography.Text>
          </div>
          {onRemove ? (
            <Popconfirm
              title={t('directory.successorRemoveConfirm', { name: link.agency.name })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => onRemove(link)}
            >
              <Button type="link" danger size="small">
                {t('common.delete')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      ))}
    </div>
  );
}

interface SuccessorFormValues {
  successorId: string | null;
  duties?: string;
  effectiveDate: Dayjs | null;
}

function AddSuccessorModal({ detail, open, onClose }: { detail: AgencyDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SuccessorFormValues>();
  const add = useAddSuccessor(detail.agency.id);
  const submit = async () => {
    const values = await form.validateFields();
    try {
      await add.mutateAsync({
        successorId: values.successorId ?? '',
        duties: values.duties?.normalize('NFC').trim() || null,
        effectiveDate: toApiDate(values.effectiveDate) ?? '',
      });
      void message.success(t('directory.successorAdded'));
      onClose();
    } catch {
      // Shown by the query client.
    }
  };
  return (
    <Modal
      open={open}
      title={t('directory.addSuccessorTitle', { name: detail.agency.name })}
      okText={t('common.add')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('directory.addSuccessorHelp')}</Typography.Paragraph>
      <Form<SuccessorFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        requiredMark="optional"
        initialValues={{ successorId: null, duties: '', effectiveDate: fromApiDate(detail.agency.validTo) }}
      >
        <Form.Item name="successorId" label={t('directory.successor')} rules={[{ required: true, message: t('validation.required') }]}>
          <AgencySelect
            excludeIds={[detail.agency.id, ...detail.successors.map((s) => s.agency.id)]}
            aria-label={t('directory.successor')}
          />
        </Form.Item>
        <Form.Item name="duties" label={t('directory.duties')} tooltip={t('directory.dutiesHelp')}>
          <Input.TextArea rows={3} maxLength={1000} placeholder={t('directory.dutiesPlaceholder')} />
        </Form.Item>
        <Form.Item name="effectiveDate" label={t('directory.effectiveDate')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} placeholder={t('common.datePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function SuccessorsSection({ detail, canEdit }: { detail: AgencyDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const remove = useRemoveSuccessor(detail.agency.id);
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        <ArrowRightOutlined /> {t('directory.successors')}
      </Typography.Title>
      <LinkList
        testId="successors"
        links={detail.successors}
        empty={t('directory.noSuccessors')}
        onRemove={
          canEdit
            ? (link) =>
                remove
                  .mutateAsync(link.agency.id)
                  .then(() => void message.success(t('directory.successorRemoved')))
                  .catch(() => undefined)
            : undefined
        }
      />
      {canEdit ? (
        <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} style={{ marginTop: 8 }} data-testid="add-successor">
          {t('directory.addSuccessor')}
        </Button>
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('directory.predecessors')}
      </Typography.Title>
      <LinkList testId="predecessors" links={detail.predecessors} empty={t('directory.noPredecessors')} />
      {open ? <AddSuccessorModal detail={detail} open={open} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
