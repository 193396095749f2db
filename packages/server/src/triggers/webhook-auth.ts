import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SecretResolver } from '@weft/engine';
import type { WebhookTrigger } from './webhook-registry.ts';

/** Why a webhook call was refused, or undefined when it may start a run. */
export async function refuseWebhook(
  trigger: WebhookTrigger,
  headers: Headers,
  rawBody: Uint8Array,
  secrets: SecretResolver,
): Promise<string | undefined> {
  if (trigger.secret) {
    const expected = await secretText(secrets, trigger.secret);
    if (expected === undefined) return `the webhook's secret credential '${trigger.secret}' does not exist`;
    const given = headers.get(trigger.header ?? 'x-weft-secret') ?? '';
    if (!sameText(given, expected)) return 'missing or wrong webhook secret';
  }
  if (trigger.hmac) {
    const key = await secretText(secrets, trigger.hmac);
    if (key === undefined) return `the webhook's HMAC credential '${trigger.hmac}' does not exist`;
    const given = (headers.get(trigger.header ?? 'x-weft-signature') ?? '').replace(/^sha256=/, '');
    const expected = createHmac('sha256', key).update(rawBody).digest('hex');
    if (!sameText(given.toLowerCase(), expected)) return 'missing or wrong webhook signature';
  }
  return undefined;
}

async function secretText(secrets: SecretResolver, name: string): Promise<string | undefined> {
  const value = await secrets.resolve(name);
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : (value['value'] ?? JSON.stringify(value));
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
