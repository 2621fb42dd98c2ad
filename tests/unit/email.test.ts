import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emailKey,
  hasOnlyCrmPortalCharacters,
  isCompanyDomain,
  isDisposableDomain,
  isReservedDomain,
  normalizeCompanyDomains,
  normalizeEmail,
  parseEmail,
} from '../../core/email';

describe('parseEmail: well-formed', () => {
  it.each([
    ['ann@acme.com', 'ann@acme.com', 'ann@acme.com'],
    ['  Ann.Lee@ACME.Com ', 'Ann.Lee@acme.com', 'ann.lee@acme.com'],
    ['o.brien+support@mail.acme.co.uk', 'o.brien+support@mail.acme.co.uk', 'o.brien+support@mail.acme.co.uk'],
    ["d'arcy@acme.ie", "d'arcy@acme.ie", "d'arcy@acme.ie"],
    ['anna@bücher.de', 'anna@bücher.de', 'anna@xn--bcher-kva.de'],
    ['anna@xn--bcher-kva.de', 'anna@xn--bcher-kva.de', 'anna@xn--bcher-kva.de'],
    ['Zoë@ÉCOLE.fr', 'Zoë@école.fr', 'zoë@xn--cole-9oa.fr'],
    ['用户@例子.广告', '用户@例子.广告', '用户@xn--fsqu00a.xn--4rr70v'],
  ])('%j → display %j, key %j', (input, display, key) => {
    const parsed = parseEmail(input);
    expect(parsed).toMatchObject({ ok: true, display, key });
  });

  it('compares case-insensitively and across IDN forms', () => {
    expect(emailKey('ANNA@Bücher.DE')).toBe(emailKey('anna@xn--bcher-kva.de'));
    expect(emailKey('Ann@acme.com')).toBe(emailKey('ann@ACME.COM'));
  });
});

describe('parseEmail: malformed, never fixed silently', () => {
  it.each([
    ['', 'missing'],
    ['   ', 'missing'],
    ['ann.acme.com', 'no_at_sign'],
    ['ann@@acme.com', 'several_at_signs'],
    ['ann@acme@com.com', 'several_at_signs'],
    ['ann lee@acme.com', 'local_part'],
    ['ann@acme .com', 'domain'],
    ['ann@acme.com.', 'domain'],
    ['.ann@acme.com', 'local_part'],
    ['ann.@acme.com', 'local_part'],
    ['ann..lee@acme.com', 'local_part'],
    ['"ann lee"@acme.com', 'local_part'],
    ['@acme.com', 'local_part'],
    ['ann@', 'domain'],
    ['ann@localhost', 'single_label_domain'],
    ['ann@10.0.0.1', 'numeric_tld'],
    ['ann@-acme.com', 'domain'],
    ['ann@acme-.com', 'domain'],
    ['ann@acme_corp.com', 'domain'],
    ['ann@ac\u00a0me.com', 'domain'],
    ['ann@caf\u00e9\u{1f600}.fr', 'domain'],
    [`ann@${'a'.repeat(64)}.com`, 'domain'],
    [`${'a'.repeat(65)}@acme.com`, 'too_long'],
    [`ann@${'abcdefghi.'.repeat(26)}com`, 'too_long'],
  ])('%j is malformed (%s)', (input, problem) => {
    expect(parseEmail(input)).toMatchObject({ ok: false, problem });
    expect(emailKey(input)).toBeUndefined();
  });

  it('accepts the longest labels and local parts the RFCs allow', () => {
    expect(parseEmail(`${'a'.repeat(64)}@${'b'.repeat(63)}.com`).ok).toBe(true);
  });
});

describe('domain classification', () => {
  it.each([
    ['x.test', true],
    ['a.b.example', true],
    ['x.invalid', true],
    ['example.invalid', true],
    ['x.localhost', true],
    ['example.com', true],
    ['mail.example.org', true],
    ['example.net', true],
    ['acme.zz', true],
    ['acme.local', true],
    ['acme.com', false],
    ['acme.co.uk', false],
    ['xn--bcher-kva.de', false],
    ['acme.xn--p1ai', false],
    ['notexample.com', false],
  ])('%s reserved: %s', (domain, reserved) => {
    expect(isReservedDomain(domain)).toBe(reserved);
  });

  it.each([
    ['mailinator.com', true],
    ['sub.mailinator.com', true],
    ['deep.sub.yopmail.com', true],
    ['acme.com', false],
    ['gmail.com', false],
    ['acmemail.com', false],
    ['mailinator.com.au', false],
  ])('%s disposable: %s', (domain, disposable) => {
    expect(isDisposableDomain(domain)).toBe(disposable);
  });

  it('checks the CRM portal character set on the address as stored', () => {
    expect(hasOnlyCrmPortalCharacters('ann.lee+x_y-z@acme.com')).toBe(true);
    expect(hasOnlyCrmPortalCharacters('anna@bücher.de')).toBe(false);
    expect(hasOnlyCrmPortalCharacters("d'arcy@acme.ie")).toBe(false);
  });

  it('normalises company domains as admins type them and matches subdomains', () => {
    const company = normalizeCompanyDomains(['@Acme.com', ' bücher.de ', '.corp.example', 'not a domain', '']);
    expect(company).toEqual(['acme.com', 'xn--bcher-kva.de', 'corp.example']);
    expect(isCompanyDomain('eu.acme.com', company)).toBe(true);
    expect(isCompanyDomain('xn--bcher-kva.de', company)).toBe(true);
    expect(isCompanyDomain('notacme.com', company)).toBe(false);
  });
});

describe('properties over random input', () => {
  // Strings made of the characters addresses are built of, so that near-misses are frequent.
  const emailish = fc
    .array(fc.constantFrom(...'aZ09.@-_+ é例\t"\'xn--'.split(''), 'ü', '.com', '@acme', ' '), { maxLength: 40 })
    .map((parts) => parts.join(''));
  const anything = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), emailish, fc.emailAddress());

  it('never throws', () => {
    fc.assert(
      fc.property(anything, (input) => {
        parseEmail(input);
        normalizeEmail(input);
        emailKey(input);
      }),
      { numRuns: 3000 },
    );
  });

  it('normalising twice equals normalising once', () => {
    fc.assert(
      fc.property(anything, (input) => {
        const once = normalizeEmail(input);
        expect(normalizeEmail(once)).toBe(once);
        const key = emailKey(input);
        if (key !== undefined) expect(emailKey(key)).toBe(key);
      }),
      { numRuns: 3000 },
    );
  });

  it('a well-formed address stays well-formed and keeps its key through normalisation', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (input) => {
        const parsed = parseEmail(input);
        fc.pre(parsed.ok);
        expect(emailKey(normalizeEmail(input))).toBe(emailKey(input));
      }),
    );
  });

  it('an address with whitespace inside is never well-formed', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.nat(), fc.constantFrom(' ', '\t', '\u00a0'), (input, at, space) => {
        const i = 1 + (at % (input.length - 1));
        expect(parseEmail(input.slice(0, i) + space + input.slice(i)).ok).toBe(false);
      }),
    );
  });
});
