import type { Locale } from '../core/i18n';

const TEXT = {
  en: {
    title: 'Portier',
    hint: 'Open a contact or a list view in Zendesk Support, Zoho Desk, Zoho CRM or Zoho Connect to see who can be invited.',
  },
  fr: {
    title: 'Portier',
    hint: 'Ouvrez un contact ou une vue liste dans Zendesk Support, Zoho Desk, Zoho CRM ou Zoho Connect pour voir qui peut être invité.',
  },
} as const;

export function PanelHome({ locale }: { locale: Locale }) {
  const t = TEXT[locale];
  return (
    <main>
      <h1>{t.title}</h1>
      <p>{t.hint}</p>
    </main>
  );
}
