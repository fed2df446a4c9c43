import { App, Checkbox, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api';
import { PERSON_ROLES, useSavePerson, type Person, type PersonRole } from '../api';
import { AgencySelect } from './AgencySelect';

interface FormValues {
  agencyId: string | null;
  fullName: string;
  title: string;
  phone?: string;
  email?: string;
  roles: PersonRole[];
}

interface Props {
  open: boolean;
  /** The person to edit; absent to create one. */
  person?: Person | null;
  /** Preselected agency when creating from an agency's page. */
  agencyId?: string;
  onClose: () => void;
}

const PHONE_PATTERN = /^[0-9+().\s-]{6,20}$/;

export function PersonFormModal({ open, person, agencyId, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useSavePerson();
  const editing = Boolean(person);

  const submit = async () => {
    const values = await form.validateFields();
    const input = {
      agencyId: values.agencyId ?? '',
      fullName: values.fullName.normalize('NFC').trim(),
      title: values.title.normalize('NFC').trim(),
      phone: values.phone?.trim() || null,
      email: values.email?.trim() || null,
      roles: values.roles,
    };
    try {
      await save.mutateAsync(person ? { ...input, id: person.id, version: person.version } : input);
      void message.success(editing ? t('people.updated') : t('people.created'));
      onClose();
    } catch (error) {
      // The query client has shown the error; on a stale version it reloads the data,
      // so the form is closed to be reopened on the fresh record.
      if (error instanceof ApiError && error.isConflict) onClose();
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t('people.editTitle') : t('people.createTitle')}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'person-form-submit' } as Record<string, string>}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        preserve={false}
        initialValues={{
          agencyId: person?.agencyId ?? agencyId ?? null,
          fullName: person?.fullName ?? '',
          title: person?.title ?? '',
          phone: person?.phone ?? '',
          email: person?.email ?? '',
          roles: person?.roles ?? ['spokesperson'],
        }}
        data-testid="person-form"
      >
        <Form.Item name="agencyId" label={t('people.fields.agency')} rules={[{ required: true, message: t('validation.required') }]}>
          <AgencySelect aria-label={t('people.fields.agency')} data-testid="person-agency" />
        </Form.Item>
        <Form.Item
          name="fullName"
          label={t('people.fields.fullName')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('people.fields.title')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={300} placeholder={t('people.hints.title')} />
        </Form.Item>
        <Form.Item name="phone" label={t('people.fields.phone')} rules={[{ pattern: PHONE_PATTERN, message: t('validation.phone') }]}>
          <Input maxLength={20} inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="email" label={t('people.fields.email')} rules={[{ type: 'email', message: t('validation.email') }]}>
          <Input maxLength={200} inputMode="email" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('people.fields.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('people.hints.rolesRequired') }]}
        >
          <Checkbox.Group options={PERSON_ROLES.map((r) => ({ value: r, label: t(`personRoles.${r}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
