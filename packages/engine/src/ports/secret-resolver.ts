/** Resolves credentials by name inside nodes. Values never enter events, logs or step records. */
export interface SecretResolver {
  /** The secret's value (a string, or a JSON object for structured credentials), or undefined. */
  resolve(name: string): Promise<string | Record<string, string> | undefined>;
}

/** A resolver with no secrets. */
export const noSecrets: SecretResolver = { resolve: async () => undefined };
