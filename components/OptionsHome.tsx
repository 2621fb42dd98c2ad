import type { Locale } from '../core/i18n';

const TEXT = {
  en: { title: 'Portier options', hint: 'Connected accounts, company domains and default destinations will be set here.' },
  fr: { title: 'Options de Portier', hint: 'Les comptes connectés, les domaines de l’entreprise et les destinations par défaut se règlent ici.' },
} as const;

export function OptionsHome({ locale }: { locale: Locale }) {
  const t = TEXT[locale];
  return (
    <main>
      <h1>{t.title}</h1>
      <p>{t.hint}</p>
    </main>
  );
}
