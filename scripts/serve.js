#!/usr/bin/env node
// A small static server for the demo and the browser tests. Every response carries
// Cross-Origin-Opener-Policy / Cross-Origin-Embedder-Policy (so pages are cross-origin
// isolated and get SharedArrayBuffer) unless the page URL has `isolated=0`, which serves
// the same page without them, and `csp=strict` adds a strict Content-Security-Policy.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.wav': 'audio/wav',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/**
 * Starts the server. Resolves with `{ url, close() }`.
 * @param {{ root?: string, port?: number, host?: string, index?: string, headers?: Record<string,string> }} options
 */
export function startServer({ root = resolve(fileURLToPath(new URL('..', import.meta.url))), port = 0, host = '127.0.0.1', index = '/web-demo/', headers = {} } = {}) {
  const rootDir = resolve(root);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/') {
      res.writeHead(302, { Location: index + url.search });
      res.end();
      return;
    }
    let file = normalize(join(rootDir, decodeURIComponent(url.pathname)));
    if (file !== rootDir && !file.startsWith(rootDir + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      const isolated = url.searchParams.get('isolated') !== '0';
      // `csp=strict`: the strictest policy the package supports (no eval, no inline script).
      const csp = url.searchParams.get('csp') === 'strict'
        ? { 'Content-Security-Policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:" }
        : {};
      res.writeHead(200, {
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
        'Cross-Origin-Resource-Policy': 'same-origin',
        ...(isolated ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } : {}),
        ...csp,
        ...headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`not found: ${url.pathname}`);
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolvePromise({
        url: `http://${host}:${actual}`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const portArg = process.argv.indexOf('--port');
  const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 8080;
  const { url } = await startServer({ port, host: process.env.HOST ?? '127.0.0.1' });
  console.log(`rtc-audio-wasm demo (cross-origin isolated): ${url}/web-demo/`);
  console.log(`same page without isolation (MessagePort transport): ${url}/web-demo/?isolated=0`);
  console.log(`same page under a strict Content-Security-Policy: ${url}/web-demo/?csp=strict`);
}
