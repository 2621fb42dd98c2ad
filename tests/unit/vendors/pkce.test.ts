import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newPkce, s256Challenge } from '../../../core/vendors/pkce';

describe('PKCE (RFC 7636)', () => {
  it('computes the S256 challenge of RFC 7636 Appendix B', async () => {
    expect(await s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes a fresh 43-character verifier per sign-in, in the unreserved alphabet, with its S256 challenge', async () => {
    const a = await newPkce();
    const b = await newPkce();
    expect(a.verifier).not.toBe(b.verifier);
    for (const pkce of [a, b]) {
      expect(pkce.verifier).toMatch(/^[A-Za-z0-9\-._~]{43}$/);
      expect(pkce.method).toBe('S256');
      expect(pkce.challenge).toBe(createHash('sha256').update(pkce.verifier).digest('base64url'));
    }
  });
});
