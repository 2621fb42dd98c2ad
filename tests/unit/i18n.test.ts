import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pickLocale } from '../../core/i18n';

describe('pickLocale', () => {
  it.each([
    ['fr', 'fr'],
    ['fr-CA', 'fr'],
    ['FR_be', 'fr'],
    ['en-GB', 'en'],
    ['de-DE', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ])('%j → %s', (language, locale) => {
    expect(pickLocale(language)).toBe(locale);
  });
});

describe('manifest locales', () => {
  const read = (locale: string) =>
    JSON.parse(readFileSync(resolve(__dirname, `../../public/_locales/${locale}/messages.json`), 'utf8')) as Record<
      string,
      { message: string }
    >;

  it('French has every English message, translated', () => {
    const en = read('en');
    const fr = read('fr');
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      expect(fr[key]?.message.trim()).toBeTruthy();
      if (key !== 'extName') expect(fr[key]?.message).not.toBe(en[key]?.message);
    }
  });
});
