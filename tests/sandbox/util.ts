/** Small helpers shared by the vendor routers and the seed. */
import { randomBytes } from 'node:crypto';

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** Zoho-style numeric ids: a fixed prefix and a counter, 19 digits long (e.g. 5843104000000600001). */
export function nextNumericId(holder: { nextId: number }, prefix: string): string {
  const id = holder.nextId++;
  return `${prefix}${String(id).padStart(19 - prefix.length, '0')}`;
}

/** Trim and lower-case: how every vendor compares addresses for uniqueness. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** The domain of an address, lower-cased, or undefined. */
export function emailDomain(email: string): string | undefined {
  const at = email.lastIndexOf('@');
  return at > 0 ? email.slice(at + 1).trim().toLowerCase() : undefined;
}

/** The domain is one of `domains` or a subdomain of one. */
export function inDomains(email: string, domains: readonly string[]): boolean {
  const domain = emailDomain(email);
  return !!domain && domains.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/**
 * A syntactic check in the spirit of the vendors' validators: one @, a dot-atom local part, a host of
 * valid labels with a non-numeric TLD. Not RULES.md's full check (that is core/email.ts).
 */
export function isWellFormedEmail(email: string): boolean {
  const match = /^([^@\s]+)@([^@\s]+)$/u.exec(email.trim());
  if (!match) return false;
  const [, local = '', domain = ''] = match;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  if (!/^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]+$/u.test(local)) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((l) => /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u.test(l))) return false;
  return !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Index<T> = { size: number; map: Map<string, T[]> };
const indexes = new WeakMap<object, Map<string, Index<unknown>>>();

/**
 * Items of an append-only list grouped by key, kept up to date incrementally: a benchmark of 10,000
 * invitations must not scan 10,000 users per invitation. Keys must not change once an item is in
 * the list; a list that shrank (or was replaced) is indexed again.
 */
export function indexed<T>(list: readonly T[], name: string, keys: (item: T) => readonly string[]): Map<string, T[]> {
  let byName = indexes.get(list);
  if (!byName) {
    byName = new Map();
    indexes.set(list, byName);
  }
  let index = byName.get(name) as Index<T> | undefined;
  if (!index || index.size > list.length) {
    index = { size: 0, map: new Map() };
    byName.set(name, index as Index<unknown>);
  }
  for (let i = index.size; i < list.length; i++) {
    const item = list[i] as T;
    for (const key of keys(item)) {
      const group = index.map.get(key);
      if (group) group.push(item);
      else index.map.set(key, [item]);
    }
  }
  index.size = list.length;
  return index.map;
}
