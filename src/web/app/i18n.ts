import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import 'dayjs/locale/en';
import { vi } from './locales/vi';
import { en } from './locales/en';

export type Language = 'vi' | 'en';
export const LANGUAGES: Language[] = ['vi', 'en'];
const STORAGE_KEY = 'dongthuan.lang';

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

const initial = storedLanguage();
dayjs.locale(initial);
document.documentElement.lang = initial;

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'vi',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  returnNull: false,
  react: { useSuspense: false },
});

/** Switches the UI, dayjs and <html lang>, and remembers the choice on this browser. */
export function setLanguage(lang: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  dayjs.locale(lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'vi';
}

export default i18n;
