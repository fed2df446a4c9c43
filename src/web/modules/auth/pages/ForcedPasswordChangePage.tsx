import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../../app/auth';
import { AuthShell } from '../components/AuthShell';
import { ChangePasswordForm } from '../components/ChangePasswordForm';

/** Shown instead of every admin page while the account still has a temporary password. */
export default function ForcedPasswordChangePage() {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const navigate = useNavigate();
  return (
    <AuthShell
      title={t('auth.forcedTitle')}
      footer={
        <Button type="link" onClick={() => void signOut().then(() => navigate('/login', { replace: true }))}>
          {t('nav.logout')}
        </Button>
      }
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('auth.forcedNotice', { email: user?.email ?? '' })}
        data-testid="forced-password-notice"
      />
      <ChangePasswordForm />
    </AuthShell>
  );
}
