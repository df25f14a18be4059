// The Chromium the bench drives: Debian's /usr/bin/chromium unless CHROME_PATH says otherwise.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { Browser as PuppeteerBrowser } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';

export const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromePath(): string {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`No Chromium at ${path}: apt-get install -y chromium, or set CHROME_PATH.`);
  return path;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromePath(), args: CHROME_FLAGS });
}

/**
 * The same Chromium driven by puppeteer-core, which attaches through the tab target: Chromium
 * prerenders (Speculation Rules) only for such clients, so the sign-in figures use it.
 */
export function launchForPrerender(): Promise<PuppeteerBrowser> {
  return puppeteer.launch({
    executablePath: chromePath(),
    headless: true,
    args: CHROME_FLAGS.filter((f) => !f.startsWith('--headless')),
  });
}
