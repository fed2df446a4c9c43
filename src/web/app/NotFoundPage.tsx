import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function NotFoundPage({ forbidden }: { forbidden?: boolean }) {
  const { t } = useTranslation();
  return (
    <Result
      status={forbidden ? '403' : '404'}
      title={forbidden ? t('errors.forbiddenTitle') : t('errors.notFoundTitle')}
      subTitle={forbidden ? t('errors.forbiddenBody') : t('errors.notFoundBody')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
