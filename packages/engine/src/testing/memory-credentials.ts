import type { CredentialStore, StoredCredential } from '../ports/credential-store.ts';

/** The `CredentialStore` part of `MemoryRunStore`: credentials by name, copied in and out. */
export class MemoryCredentials implements CredentialStore {
  readonly #credentials = new Map<string, StoredCredential>();

  async putCredential(credential: StoredCredential): Promise<{ created: boolean }> {
    const existing = this.#credentials.get(credential.name);
    this.#credentials.set(credential.name, {
      name: credential.name,
      type: credential.type,
      ciphertext: credential.ciphertext,
      createdAt: existing?.createdAt ?? credential.createdAt,
      updatedAt: credential.updatedAt,
    });
    return { created: !existing };
  }

  async getCredential(name: string): Promise<StoredCredential | undefined> {
    const stored = this.#credentials.get(name);
    return stored && { ...stored };
  }

  async listCredentials(): Promise<Omit<StoredCredential, 'ciphertext'>[]> {
    return [...this.#credentials.values()]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map(({ name, type, createdAt, updatedAt }) => ({ name, type, createdAt, updatedAt }));
  }

  async deleteCredential(name: string): Promise<boolean> {
    return this.#credentials.delete(name);
  }
}
