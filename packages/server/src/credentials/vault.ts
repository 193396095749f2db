import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { WeftError } from '@weft/engine';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Encrypts credential values at rest with AES-256-GCM. */
export interface Vault {
  /** base64 of iv ‖ tag ‖ ciphertext. */
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
}

/** A vault over a 32-byte key. */
export function createVault(key: Buffer): Vault {
  if (key.length !== KEY_BYTES) throw new WeftError('INVALID_INPUT', `The encryption key must be ${KEY_BYTES} bytes`);
  return {
    encrypt(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
    },
    decrypt(ciphertext) {
      const raw = Buffer.from(ciphertext, 'base64');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new WeftError('STORE_ERROR', 'A stored credential is damaged');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new WeftError(
          'STORE_ERROR',
          'A stored credential cannot be decrypted: WEFT_ENCRYPTION_KEY (or the key file) is not the key it was saved with',
        );
      }
    },
  };
}

/**
 * The encryption key: `WEFT_ENCRYPTION_KEY` (64 hex characters or 44 base64 characters for a raw
 * key, anything else is stretched with scrypt), else the key file, created on first start with
 * mode 0600.
 */
export async function loadEncryptionKey(options: { env: NodeJS.ProcessEnv; keyFile: string }): Promise<Buffer> {
  const configured = options.env['WEFT_ENCRYPTION_KEY'];
  if (configured) return keyFromText(configured);
  try {
    return keyFromText((await readFile(options.keyFile, 'utf8')).trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(KEY_BYTES);
  await mkdir(dirname(options.keyFile), { recursive: true });
  await writeFile(options.keyFile, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    // Another process created it first: use theirs.
    if (error.code !== 'EEXIST') throw error;
  });
  await chmod(options.keyFile, 0o600);
  return keyFromText((await readFile(options.keyFile, 'utf8')).trim());
}

function keyFromText(text: string): Buffer {
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  const base64 = /^[A-Za-z0-9+/]{43}=$/.test(text) ? Buffer.from(text, 'base64') : undefined;
  if (base64?.length === KEY_BYTES) return base64;
  return scryptSync(text, 'weft-credentials', KEY_BYTES);
}
