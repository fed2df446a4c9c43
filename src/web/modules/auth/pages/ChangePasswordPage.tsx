import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../../app/components';
import { ChangePasswordForm } from '../components/ChangePasswordForm';

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('auth.changePasswordTitle')} />
      <Card style={{ maxWidth: 480 }}>
        <ChangePasswordForm onDone={() => navigate('/')} />
      </Card>
    </>
  );
}
