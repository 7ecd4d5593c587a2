// The npm package as users get it: `npm pack`, installed into an empty folder, imported
// by plain Node with no access to this repository.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'rtc-audio-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function npm(args, cwd) {
  return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });
}

describe('npm package', () => {
  it('packs the wasm, glue, JS and types, and nothing else', () => {
    const [info] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], root));
    const files = info.files.map((f) => f.path).sort();
    expect(files).toContain('js/generated/rtc_audio_core.wasm');
    expect(files).toContain('js/generated/rtc_audio_core.js');
    expect(files).toContain('js/index.js');
    expect(files).toContain('js/index.d.ts');
    expect(files).toContain('js/core.js');
    expect(files).toContain('package.json');
    expect(files).toContain('README.md');
    expect(files.filter((f) => /^(src|tests|wasm|bench|web-demo|build)\//.test(f))).toEqual([]);
    writeFileSync(join(work, 'tarball.txt'), info.filename);
  }, 60_000);

  it('installs into an empty folder and works in Node', () => {
    const app = join(work, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    const tarball = join(work, execFileSync('cat', [join(work, 'tarball.txt')], { encoding: 'utf8' }).trim());
    npm(['install', tarball], app);
    writeFileSync(
      join(app, 'main.js'),
      `import { AudioFrame, combineAudioFrames, loadAudioCore, compileAudioCore } from 'rtc-audio-wasm';
import { instantiateAudioCore, StatusCode } from 'rtc-audio-wasm/core';
const f = new AudioFrame(new Int16Array([1, -2, 3, -4]), 16000, 2, 2);
const wav = f.toWavBytes();
const joined = combineAudioFrames([f, AudioFrame.fromWavBytes(wav)]);
const raw = instantiateAudioCore(await compileAudioCore());
let error = '';
try { AudioFrame.create(48000, 0, 1); } catch (e) { error = e.name + ': ' + e.message; }
console.log(JSON.stringify({ wavBytes: wav.length, joined: joined.samplesPerChannel, ok: raw.validateFrame(8000, 1, 1, 2) === StatusCode.OK, same: (await loadAudioCore()) === (await loadAudioCore()), error }));
`,
    );
    const out = JSON.parse(execFileSync('node', ['main.js'], { cwd: app, encoding: 'utf8' }));
    expect(out).toEqual({
      wavBytes: 52,
      joined: 4,
      ok: true,
      same: true,
      error: 'RangeError: numChannels must be an integer in 1..32, got 0',
    });
  }, 120_000);
});
