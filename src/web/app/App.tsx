import { useEffect } from 'react';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { AuthProvider } from './auth';
import { queryClient, setFeedback } from './queryClient';
import { router } from './router';

/** Hands antd's context-aware message and notification to code outside React. */
function FeedbackBridge() {
  const { message, notification } = AntApp.useApp();
  useEffect(() => setFeedback(message, notification), [message, notification]);
  return null;
}

export function App() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? enUS : viVN;
  return (
    <ConfigProvider
      locale={locale}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: {
          colorPrimary: '#1a56a8',
          colorLink: '#1a56a8',
          borderRadius: 6,
          fontFamily:
            "'Inter', 'Segoe UI', 'Roboto', 'Noto Sans', 'Helvetica Neue', Arial, sans-serif",
        },
      }}
    >
      <AntApp>
        <FeedbackBridge />
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
