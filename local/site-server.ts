/**
 * The local HTTP server: the publish bucket as a web site (the republished, enriched pages
 * and whatever else the pipeline writes there, e.g. sitemaps and feeds), the source objects
 * as plain text, and the status page.
 *
 * Routes:
 * - `/` and `/_status`: status page (HTML); `/_status.json`: the same as JSON.
 * - `/_source/<key>`: a source object, always as text/plain (it is untrusted input).
 * - anything else: the publish bucket object with that key (`…/` -> `…/index.html`).
 *
 * Pages served here come from hostile input: every response says `nosniff`, and HTML from
 * the bucket is sandboxed by CSP (no scripts, its own origin), so a page cannot script the
 * status page next to it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isNotFound } from './local-clients';
import { renderStatusPage, SOURCE_ROUTE, type StatusView, statusJson } from './status-page';

export interface SiteServerOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly s3: S3Client;
  readonly publishBucket: string;
  readonly sourceBucket: string;
  readonly statusView: () => Promise<StatusView>;
}

export interface SiteServer {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};
const FEED_CONTENT_TYPES: Record<string, string> = {
  'feed.xml': 'application/atom+xml; charset=utf-8',
  'feed.json': 'application/feed+json; charset=utf-8',
};
const EXTENSION_PATTERN = /\.[^./]+$/;
const STATUS_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'";
const PUBLISHED_HTML_CSP = 'sandbox';

/** Content type for a key, from its name (s3rver keeps what the writer set, when it set one). */
export function contentTypeFor(key: string): string {
  const name = key.split('/').at(-1) ?? '';
  return (
    FEED_CONTENT_TYPES[name] ??
    CONTENT_TYPES[(EXTENSION_PATTERN.exec(name)?.[0] ?? '').toLowerCase()] ??
    'application/octet-stream'
  );
}

export async function startSiteServer(options: SiteServerOptions): Promise<SiteServer> {
  const server: Server = createServer((request, response) => {
    handle(options, request, response).catch((error: unknown) => {
      if (!response.headersSent)
        send(response, 500, 'text/plain; charset=utf-8', `Internal error: ${String(error)}\n`);
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(
  options: SiteServerOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return send(response, 405, 'text/plain; charset=utf-8', 'Only GET and HEAD are supported.\n');
  }
  const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (pathname === '/' || pathname === '/_status') {
    response.setHeader('Content-Security-Policy', STATUS_PAGE_CSP);
    return send(
      response,
      200,
      'text/html; charset=utf-8',
      renderStatusPage(await options.statusView()),
      request,
    );
  }
  if (pathname === '/_status.json') {
    return send(
      response,
      200,
      'application/json; charset=utf-8',
      `${JSON.stringify(statusJson(await options.statusView()), null, 2)}\n`,
      request,
    );
  }
  let key: string;
  try {
    key = decodeURIComponent(pathname.slice(1));
  } catch {
    return send(response, 400, 'text/plain; charset=utf-8', 'Malformed percent-encoding in the path.\n');
  }
  if (pathname.startsWith(SOURCE_ROUTE)) {
    const sourceKey = key.slice(SOURCE_ROUTE.length - 1);
    return serveObject(options.s3, options.sourceBucket, sourceKey, response, request, 'text/plain');
  }
  if (key === '' || key.endsWith('/')) key += 'index.html';
  return serveObject(options.s3, options.publishBucket, key, response, request);
}

async function serveObject(
  s3: S3Client,
  bucket: string,
  key: string,
  response: ServerResponse,
  request: IncomingMessage,
  forcedContentType?: string,
): Promise<void> {
  let body: Uint8Array;
  let storedType: string | undefined;
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    body = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
    storedType = object.ContentType;
  } catch (error) {
    if (isNotFound(error)) return send(response, 404, 'text/plain; charset=utf-8', `Not found: ${key}\n`);
    throw error;
  }
  const contentType =
    forcedContentType ??
    (storedType && storedType !== 'binary/octet-stream' ? storedType : contentTypeFor(key));
  if (contentType.startsWith('text/html')) response.setHeader('Content-Security-Policy', PUBLISHED_HTML_CSP);
  send(response, 200, contentType, body, request);
}

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string | Uint8Array,
  request?: IncomingMessage,
): void {
  response.statusCode = status;
  response.setHeader('Content-Type', contentType);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Content-Length', typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  response.end(request?.method === 'HEAD' ? undefined : body);
}
