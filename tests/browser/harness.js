// Real-browser test harness: Debian's Chromium driven by playwright-core (no browser
// download), against pages served by scripts/serve.js with and without cross-origin
// isolation. Each test page exposes one promise, `window.testResult`, that the runner
// awaits.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Flags checked on this machine kind (headless, as root, closed network).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream', // getUserMedia gets Chromium's beeping fake microphone
];

/**
 * Starts the static server (over the repository, or over `root` with `index` as the page
 * `/` redirects to) and one Chromium. Returns helpers and a `close()`.
 * @param {{ root?: string, index?: string }} [serve]
 */
export async function launch(serve = {}) {
  const server = await startServer(serve);
  const userDataDir = await mkdtemp(join(tmpdir(), 'rtc-audio-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return {
    serverUrl: server.url,
    /**
     * Opens `path` (isolated unless `isolated === false`; a full URL is opened as is), waits for
     * `window.testResult` and returns its value. Page errors and console errors are
     * collected in `errors`.
     */
    async run(path, { isolated = true, timeoutMs = 60_000 } = {}) {
      const page = await context.newPage();
      const errors = [];
      const logs = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => {
        logs.push(`${m.type()}: ${m.text()}`);
        if (m.type() === 'error') errors.push(m.text());
      });
      const sep = path.includes('?') ? '&' : '?';
      await page.goto(`${/^https?:/.test(path) ? '' : server.url}${path}${isolated ? '' : `${sep}isolated=0`}`);
      try {
        await page.waitForFunction(() => window.testResult !== undefined, null, { timeout: timeoutMs });
        const result = await page.evaluate(
          (ms) =>
            Promise.race([
              window.testResult,
              new Promise((_, reject) => setTimeout(() => reject(new Error(`testResult timed out after ${ms} ms`)), ms)),
            ]),
          timeoutMs,
        );
        return { result, errors, logs, page };
      } catch (e) {
        throw new Error(`${path}: ${e.message}\npage errors: ${errors.join('\n')}\nconsole:\n${logs.join('\n')}`);
      }
    },
    /** Opens `path` and returns the Playwright page and the errors it logs. */
    async open(path, { isolated = true } = {}) {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      const sep = path.includes('?') ? '&' : '?';
      await page.goto(`${/^https?:/.test(path) ? '' : server.url}${path}${isolated ? '' : `${sep}isolated=0`}`);
      return { page, errors };
    },
    async close() {
      await context.close();
      await server.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
