import { useMemo } from 'react';
import { App, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../app/components';
import { useCreateAgency } from '../api';
import { AgencyForm } from '../components/AgencyForm';

export default function AgencyCreatePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const parentId = params.get('parentId');
  const create = useCreateAgency();
  const initial = useMemo(() => ({ parentId, kind: parentId ? ('unit' as const) : undefined }), [parentId]);

  return (
    <>
      <PageHeader title={t('directory.createAgencyTitle')} subtitle={t('directory.createAgencySubtitle')} />
      <Card style={{ maxWidth: 960 }}>
        <AgencyForm
          initial={initial}
          submitting={create.isPending}
          submitLabel={t('common.create')}
          onCancel={() => navigate(-1)}
          onSubmit={(input) =>
            create.mutate(input, {
              onSuccess: ({ agency }) => {
                void message.success(t('directory.agencyCreated', { name: agency.name }));
                navigate(`/directory/agencies/${agency.id}`);
              },
            })
          }
        />
      </Card>
    </>
  );
}
