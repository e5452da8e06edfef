// One small HTTP server for pages the tests (and the demo) open in Chromium: files under a folder,
// files named by path, and routes a caller answers itself.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, sep } from 'node:path';

/** @type {Record<string, string>} */
const contentTypes = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};
const notFound = new Set(['ENOENT', 'EISDIR', 'ENOTDIR']);

/**
 * The file a path names: one of `files`, else one under `root` ('/' is its index.html), never outside it.
 * @param {string} path
 * @param {{ root?: string, files?: Record<string, string> }} options
 */
function fileFor(path, { root, files = {} }) {
  if (files[path]) return files[path];
  if (!root) return undefined;
  const file = join(root, path === '/' ? 'index.html' : path);
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : undefined;
}

/**
 * @param {import('node:http').ServerResponse} response
 * @param {string | undefined} file
 */
async function sendFile(response, file) {
  if (!file) return void response.writeHead(404).end();
  try {
    const body = await readFile(file);
    response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' });
    response.end(body);
  } catch (error) {
    const missing = notFound.has(/** @type {NodeJS.ErrnoException} */ (error).code ?? '');
    response.writeHead(missing ? 404 : 500).end(missing ? '' : String(error));
  }
}

/** @type {typeof import('./types/index.js').serveStatic} */
export const serveStatic = async (options) => {
  const { routes = {}, host = '127.0.0.1', port = 0 } = options;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const route = routes[url.pathname];
    if (route) return void route(request, response, url);
    void sendFile(response, fileFor(url.pathname, options));
  });
  await new Promise((resolve) => server.listen(port, host, () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    origin: `http://${host}:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      }),
  };
};
