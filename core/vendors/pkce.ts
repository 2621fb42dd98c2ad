/**
 * PKCE (RFC 7636) for the authorization-code grant of a public client: a fresh `code_verifier` per
 * sign-in, and its S256 `code_challenge` for the authorize page. Zendesk (OAuth with PKCE) and Zoho
 * (mobile-based clients) both take S256; only the background, which exchanges the code, ever holds
 * the verifier, so a code read from the redirect by anyone else is worth nothing.
 */

export interface Pkce {
  verifier: string;
  challenge: string;
  method: 'S256';
}

/** 32 random bytes: a 43-character verifier, the length RFC 7636 §4.1 recommends. */
const VERIFIER_BYTES = 32;

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** BASE64URL(SHA256(ASCII(verifier))), RFC 7636 §4.2. */
export async function s256Challenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export async function newPkce(random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b)): Promise<Pkce> {
  const verifier = base64url(random(new Uint8Array(VERIFIER_BYTES)));
  return { verifier, challenge: await s256Challenge(verifier), method: 'S256' };
}
