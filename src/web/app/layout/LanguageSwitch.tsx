import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage, type Language } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  // Re-render on language change comes through useTranslation.
  void i18n.language;
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('nav.language')}
      data-testid="language-switch"
      value={currentLanguage()}
      onChange={(value) => setLanguage(value)}
      options={[
        { value: 'vi', label: <span title="Tiếng Việt" lang="vi">VI</span> },
        { value: 'en', label: <span title="English" lang="en">EN</span> },
      ]}
    />
  );
}
