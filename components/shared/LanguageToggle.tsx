import { LOCALES } from '../../core/i18n';
import { useLocale } from './locale';

/** EN | FR, each a toggle button: the pressed one is the language in use. `label` names the group. */
export function LanguageToggle({ label, class: className }: { label: string; class: string }) {
  const { locale, setLocale } = useLocale();
  return (
    <div class={className} role="group" aria-label={label}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === locale}
          // "EN" alone reads as a word; the full name says what the button does in its own language.
          // The name starts with what the button shows, so voice control ("click EN") finds it.
          aria-label={l === 'en' ? 'EN, English' : 'FR, Français'}
          onClick={() => setLocale(l)}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
