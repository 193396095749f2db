import type { CredentialStore, SecretResolver } from '@weft/engine';
import type { Vault } from './vault.ts';

/** Resolves credentials by name for nodes: decrypts the stored value (text, or a JSON object of strings). */
export function credentialResolver(store: CredentialStore, vault: Vault): SecretResolver {
  return {
    async resolve(name) {
      const stored = await store.getCredential(name);
      if (!stored) return undefined;
      return decodeCredentialValue(vault.decrypt(stored.ciphertext));
    },
  };
}

/** A credential value as stored in plaintext form before encryption: JSON `{"value": …}`. */
export function encodeCredentialValue(value: string | Record<string, string>): string {
  return JSON.stringify({ value });
}

function decodeCredentialValue(plaintext: string): string | Record<string, string> {
  const parsed = JSON.parse(plaintext) as { value: string | Record<string, string> };
  return parsed.value;
}
