import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * An extension's CSP forbids `new Function`; zod, unless told it is jitless, tries it once (a probe
 * the browser reports as a CSP violation at every background start) and, in Node, compiles its
 * object parsers with it, so tests would parse one way and the extension another.
 */
describe('zod as the background loads it', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('makes and parses vendor schemas without ever calling new Function', async () => {
    const calls: unknown[][] = [];
    const Counted = new Proxy(globalThis.Function, {
      construct(target, args: unknown[]) {
        calls.push(args);
        return Reflect.construct(target, args);
      },
    });
    vi.stubGlobal('Function', Counted);
    // Imported here, after the stub: this file's own copy of zod makes its first schema now.
    const { UserAnswer } = await import('../../../core/vendors/zendesk/schemas');
    const parsed = UserAnswer.safeParse({ user: { id: 42, name: 'Ada', email: 'ada@example.com', role: 'end-user' } });
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(calls).toEqual([]);
  });
});
