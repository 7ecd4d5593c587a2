// The package as web developers meet it: `npm pack`, installed into a fresh Vite 7 app
// (vite from npm's registry, no other network), `vite build` with no configuration, the
// built page (a tone through AudioSource, read back through AudioStream) served
// statically and run in headless Chromium with and without
// cross-origin isolation and under a strict Content-Security-Policy. The shipped types are
// checked from the installed package with `tsc --strict`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const here = fileURLToPath(new URL('./package-app/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'rtc-audio-vite-'));
const app = join(work, 'app');
const viteVersion = JSON.parse(readFileSync(join(root, 'node_modules/vite/package.json'), 'utf8')).version;

function run(command, args, cwd) {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

let browser;
let built;
beforeAll(async () => {
  const [{ filename }] = JSON.parse(run('npm', ['pack', '--json', '--loglevel=error', '--pack-destination', work], root));
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'vite-app', private: true, type: 'module' }, null, 2));
  // The same vite the repository tests with, so npm's cache serves it.
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline', '-D', `vite@${viteVersion}`, join(work, filename)], app);
  copyFileSync(join(here, 'index.html'), join(app, 'index.html'));
  for (const file of ['main.js', 'my-processor.js']) copyFileSync(join(here, file), join(app, file));
  run(join(app, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], app);
  built = join(app, 'dist');
  browser = await launch({ root: built, index: '/index.html' });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the packed package in a Vite 7 app', () => {
  it('builds with the wasm and the worklet module emitted as assets', () => {
    const assets = readdirSync(join(built, 'assets'));
    expect(assets.filter((f) => /^rtc_audio_core-.*\.wasm$/.test(f))).toHaveLength(1);
    expect(assets.filter((f) => /^worklet-processors-.*\.js$/.test(f))).toHaveLength(1);
    // The app's own processor, bundled as a worker entry: no `self.location` (absent in
    // AudioWorkletGlobalScope) from a rewritten `import.meta.url`.
    const mine = assets.filter((f) => /^my-processor-.*\.js$/.test(f));
    expect(mine).toHaveLength(1);
    expect(readFileSync(join(built, 'assets', mine[0]), 'utf8')).not.toContain('self.location');
  });

  it('compiles a TypeScript consumer against the installed types with tsc --strict', () => {
    const consumer = readFileSync(join(root, 'tests/types/consumer.ts'), 'utf8')
      .replaceAll("'../../js/index.js'", "'rtc-audio-wasm'")
      .replaceAll("'../../js/core.js'", "'rtc-audio-wasm/core'");
    expect(consumer).not.toContain('../../js');
    writeFileSync(join(app, 'consumer.ts'), consumer);
    const tsc = join(root, 'node_modules/.bin/tsc');
    const check = (file) => run(tsc, ['--strict', '--noEmit', '--skipLibCheck', 'false', '--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--lib', 'ES2022,DOM', file], app);
    expect(check('consumer.ts')).toBe('');
    // And the check can fail: a wrong call is an error against the installed types.
    writeFileSync(join(app, 'wrong.ts'), "import { AudioFrame } from 'rtc-audio-wasm';\nAudioFrame.create('48000', 1, 1);\n");
    let output = '';
    try {
      check('wrong.ts');
    } catch (e) {
      output = e.stdout;
    }
    expect(output).toMatch(/wrong\.ts\(2,19\): error TS2345/);
  });

  it.each([
    ['cross-origin isolated', '/index.html', 'shared-memory', true],
    ['not isolated', '/index.html?isolated=0', 'message-port', false],
    ["under script-src 'self' 'wasm-unsafe-eval'", '/index.html?csp=strict', 'shared-memory', true],
  ])('plays a tone through AudioSource and reads it back through AudioStream in the built page (%s)', async (_, path, transport, isolated) => {
    const { result, errors } = await browser.run(path, { isolated: true });
    expect(errors).toEqual([]);
    expect(result.crossOriginIsolated).toBe(isolated);
    expect(result.transport).toBe(transport);
    expect(result.underruns).toBe(0);
    expect(result.samplesPerChannel).toBe(160); // 10 ms at 16 kHz
    expect(result.peak).toBeGreaterThan(0.3);
    expect(Math.abs(result.frequency - 1000)).toBeLessThan(15);
    expect(Math.abs(result.customProcessor.frequency - 1000)).toBeLessThan(15);
  });
});

describe('the packed package under the Vite dev server', () => {
  it("runs the same page with the package kept out of pre-bundling (README's optimizeDeps.exclude)", async () => {
    const vite = await import(pathToFileURL(join(app, 'node_modules/vite/dist/node/index.js')).href);
    const server = await vite.createServer({
      root: app,
      configFile: false,
      logLevel: 'warn',
      optimizeDeps: { exclude: ['rtc-audio-wasm'] },
      server: { host: '127.0.0.1', strictPort: false }, // 5173 or the next free port
    });
    await server.listen();
    try {
      const url = server.resolvedUrls.local[0];
      const { result, errors } = await browser.run(`${url}index.html`, { isolated: true });
      expect(errors.filter((e) => !e.includes('404'))).toEqual([]); // the dev server has no favicon
      expect(result.crossOriginIsolated).toBe(false); // no COOP/COEP from the dev server
      expect(result.transport).toBe('message-port');
      expect(result.underruns).toBe(0);
      expect(Math.abs(result.frequency - 1000)).toBeLessThan(15);
      expect(Math.abs(result.customProcessor.frequency - 1000)).toBeLessThan(15);
    } finally {
      await server.close();
    }
  });
});
