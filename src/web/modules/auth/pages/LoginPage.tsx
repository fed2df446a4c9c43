import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { useAuth } from '../../../app/auth';
import { useLogin } from '../api';
import { AuthShell } from '../components/AuthShell';

interface FormValues {
  email: string;
  password: string;
}

/** Only same-site paths are followed after login, never an absolute URL from the address bar. */
function safeFrom(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login')
    ? from
    : '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { user, signedIn } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const login = useLogin();
  const from = safeFrom(location.state);

  if (user) return <Navigate to={from} replace />;

  const error = login.error;
  const errorText =
    error instanceof ApiError
      ? error.message
      : error
        ? t('errors.generic')
        : null;

  return (
    <AuthShell
      title={t('auth.loginTitle')}
      footer={<Link to="/public/spokespersons">{t('auth.publicLink')}</Link>}
    >
      {errorText ? (
        <Alert type="error" showIcon title={errorText} style={{ marginBottom: 16 }} data-testid="login-error" role="alert" />
      ) : null}
      <Form<FormValues>
        layout="vertical"
        requiredMark={false}
        onFinish={(values) =>
          login.mutate(
            { email: values.email.trim(), password: values.password },
            {
              onSuccess: (session) => {
                signedIn(session);
                navigate(from, { replace: true });
              },
            },
          )
        }
        data-testid="login-form"
      >
        <Form.Item
          name="email"
          label={t('auth.email')}
          rules={[
            { required: true, message: t('validation.required') },
            { type: 'email', message: t('validation.email') },
          ]}
        >
          <Input prefix={<MailOutlined />} autoComplete="username" inputMode="email" autoFocus size="large" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={login.isPending} data-testid="login-submit">
          {t('auth.login')}
        </Button>
      </Form>
    </AuthShell>
  );
}
