import { Alert, App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api';
import { useAuth } from '../../../app/auth';
import { useChangePassword } from '../api';

export const MIN_PASSWORD_LENGTH = 10;

interface FormValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { passwordChanged } = useAuth();
  const change = useChangePassword();
  const [form] = Form.useForm<FormValues>();
  const errorText = change.error instanceof ApiError ? change.error.message : change.error ? t('errors.generic') : null;

  return (
    <>
      {errorText ? <Alert type="error" showIcon title={errorText} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form<FormValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        data-testid="change-password-form"
        onFinish={(values) =>
          change.mutate(
            { currentPassword: values.currentPassword, newPassword: values.newPassword },
            {
              onSuccess: () => {
                void message.success(t('auth.passwordChanged'));
                form.resetFields();
                passwordChanged();
                onDone?.();
              },
            },
          )
        }
      >
        <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword')}
          extra={t('auth.passwordRule', { min: MIN_PASSWORD_LENGTH })}
          rules={[
            { required: true, message: t('validation.required') },
            { min: MIN_PASSWORD_LENGTH, message: t('auth.passwordRule', { min: MIN_PASSWORD_LENGTH }) },
            ({ getFieldValue }) => ({
              validator: (_r, value: string) =>
                value && value === getFieldValue('currentPassword')
                  ? Promise.reject(new Error(t('auth.passwordSameAsOld')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_r, value: string) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('auth.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending} block data-testid="change-password-submit">
          {t('auth.changePassword')}
        </Button>
      </Form>
    </>
  );
}
