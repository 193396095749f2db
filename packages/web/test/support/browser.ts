import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
/** Screenshots of the browser tests land here (git-ignored). */
export const SCREENSHOT_ROOT = resolve(import.meta.dirname, '../../../../test-output/ui');

/** Installs Debian's Chromium when it is missing (the machines start without it). */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const quiet = { stdio: 'ignore' as const, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  execFileSync('apt-get', ['update'], quiet);
  execFileSync('apt-get', ['install', '-y', 'chromium'], quiet);
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is missing`);
  return CHROMIUM;
}

/** Headless Chromium with the flags these machines need (no sandbox as root, no background traffic). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync'],
  });
}

/** Saves numbered screenshots of one test under test-output/ui/<test>/. */
export function screenshotter(page: Page, test: string): (name: string) => Promise<string> {
  const folder = join(SCREENSHOT_ROOT, test);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  let count = 0;
  return async (name) => {
    count += 1;
    const path = join(folder, `${String(count).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path });
    return path;
  };
}

/** Fails the test when the page logs an error or throws (a broken page must not pass quietly). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}
