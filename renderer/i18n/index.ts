import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zhTW } from './zh-TW';
import { en } from './en';
import { esignZhTW } from './esign.zh-TW';
import { esignEn } from './esign.en';
import { qualityZhTW } from './quality.zh-TW';
import { qualityEn } from './quality.en';
import { captureZhTW } from './capture.zh-TW';
import { captureEn } from './capture.en';
import { updatesZhTW } from './updates.zh-TW';
import { updatesEn } from './updates.en';
import { statsZhTW } from './stats.zh-TW';
import { statsEn } from './stats.en';
import { helpZhTW } from './help.zh-TW';
import { helpEn } from './help.en';
import { practiceZhTW } from './practice.zh-TW';
import { practiceEn } from './practice.en';

void i18next.use(initReactI18next).init({
  resources: {
    'zh-TW': {
      translation: {
        ...zhTW,
        esign: esignZhTW,
        quality: qualityZhTW,
        capture: captureZhTW,
        updates: updatesZhTW,
        stats: statsZhTW,
        help: helpZhTW,
        practice: practiceZhTW,
      },
    },
    en: {
      translation: {
        ...en,
        esign: esignEn,
        quality: qualityEn,
        capture: captureEn,
        updates: updatesEn,
        stats: statsEn,
        help: helpEn,
        practice: practiceEn,
      },
    },
  },
  lng: 'zh-TW',
  fallbackLng: 'zh-TW',
  interpolation: { escapeValue: false }, // React escapes
});

export default i18next;
