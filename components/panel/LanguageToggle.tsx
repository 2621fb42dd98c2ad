import { LOCALES } from '../../core/i18n';
import { useLocale, useTexts } from '../shared/locale';
import { SHELL_TEXTS } from './texts';

/** EN | FR, each a toggle button: the pressed one is the language in use. */
export function LanguageToggle() {
  const { locale, setLocale } = useLocale();
  const t = useTexts(SHELL_TEXTS);
  return (
    <div class="pt-lang" role="group" aria-label={t.language}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === locale}
          // "EN" alone reads as a word; the full name says what the button does in its own language.
          aria-label={l === 'en' ? 'English' : 'Français'}
          onClick={() => setLocale(l)}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
