import { type Logger, TwilioError } from '@roomlab/core';
import type { EmulatorRequest, EmulatorResponse } from '../emulator-request.js';
import { errorResponse, twilioErrorResponse } from '../rest/rest-api.js';
import { assetPathOf } from './asset-path.js';
import { contentTypeOf } from './content-types.js';
import type { InspectorAssets } from './inspector-assets.js';

/** Where the inspector page is served (a roomlab extension, beside the control API it drives). */
export const inspectorPath = '/_roomlab/ui';

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);

/** The 404 page when there is nothing to serve: it says why, and how to get it. */
function notBuilt(assets: InspectorAssets | undefined): EmulatorResponse {
  const why = assets
    ? `Its files are not built: there is no ${escapeHtml(assets.location)}/index.html.`
    : 'This emulator has no files to serve it from (it runs in process, through msw, or was made ' +
      'without <code>inspectorAssets</code>): open it on a roomlab server (<code>roomlab start</code>, ' +
      'or <code>startServer()</code>).';
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>roomlab inspector: not built</title></head>
<body><h1>The roomlab inspector is not here</h1>
<p>${why}</p>
<p>Build it with <code>pnpm --filter @roomlab/emulator build</code> (Vite builds
<code>packages/emulator/inspector/</code> into <code>packages/emulator/dist/inspector/</code>), then reload.</p>
</body></html>
`;
  return { status: 404, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

const notFound = (pathname: string): EmulatorResponse => ({
  status: 404,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: `Not found: the roomlab inspector has no file ${pathname.slice(0, 256)}\n`,
});

/**
 * A path with no extension outside `assets/` is one of the page's own views (a bookmark, a reload):
 * it gets the page, which routes it.
 */
const isPageRoute = (path: readonly string[]) =>
  path[0] !== 'assets' && !(path[path.length - 1] ?? '').includes('.');

/**
 * Serves the inspector page under `/_roomlab/ui/`: `index.html`, and its built assets with their content
 * types (hashed names, so cached for good; the page itself never). `/_roomlab/ui` redirects to
 * `/_roomlab/ui/`, paths that could leave the directory are 404, and without a build the 404 says how to
 * make one.
 */
export function serveInspectorUi(assets: InspectorAssets | undefined, logger: Logger) {
  return async (request: EmulatorRequest): Promise<EmulatorResponse> => {
    const { pathname, search } = request.url;
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return twilioErrorResponse(
        new TwilioError(20004, `Method not allowed: ${request.method.slice(0, 16)} is not one of GET, HEAD`),
        { allow: 'GET, HEAD' },
      );
    if (pathname === inspectorPath)
      return { status: 301, headers: { location: `${inspectorPath}/${search}` }, body: null };
    const asked = assetPathOf(pathname.slice(inspectorPath.length + 1));
    if (asked === undefined) return notFound(pathname);
    try {
      if (!assets || !(await assets.built())) return notBuilt(assets);
      const path = isPageRoute(asked) ? ['index.html'] : asked;
      const bytes = await assets.read(path);
      if (bytes === undefined) return notFound(pathname);
      const headers = {
        'content-type': contentTypeOf(path[path.length - 1] ?? ''),
        'cache-control': path[0] === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
      };
      if (request.method === 'HEAD')
        return {
          status: 200,
          headers: { ...headers, 'content-length': String(bytes.byteLength) },
          body: null,
        };
      return { status: 200, headers, body: bytes };
    } catch (error) {
      return errorResponse(error, request, logger);
    }
  };
}
