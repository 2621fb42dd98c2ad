import { LOCALES } from '../../core/i18n';
import { useLocale, useTexts } from '../shared/locale';
import { OPTIONS_TEXTS } from './texts';

/** Each language is named in itself, so someone who cannot read the current one still finds theirs. */
const NAMES = { en: 'English', fr: 'Français' } as const;

export function LanguageToggle() {
  const t = useTexts(OPTIONS_TEXTS);
  const { locale, setLocale } = useLocale();
  return (
    <div class="language" role="group" aria-label={t.language}>
      {LOCALES.map((option) => (
        <button key={option} type="button" lang={option} aria-pressed={locale === option} aria-label={NAMES[option]} onClick={() => setLocale(option)}>
          {option.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
