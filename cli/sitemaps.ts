/**
 * `schemapress sitemaps [--data DIR] [--site-url URL] [--publisher-name NAME] [--no-robots]`
 * — rebuilds every discovery file (sitemap.xml or its index and parts, news-sitemap.xml,
 * feed.xml, feed.json, robots.txt) of a local data dir, with the discovery Lambda's own code
 * (`regenerateDiscovery`).
 *
 * When a `schemapress run` is live on the data dir, its emulators (from `<data>/endpoints.json`)
 * are used; otherwise the emulators are started on the data dir, used and stopped.
 *
 * In AWS, the same full rebuild is one invocation of the discovery function:
 *   aws lambda invoke --function-name <DiscoveryFunction> --cli-binary-format raw-in-base64-out \
 *     --payload '{ "Records": [], "rebuild": true }' /dev/stdout
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DiscoveryResult } from '../lambdas/adapters/discovery-store';
import { ENV } from '../lambdas/contract';
import {
  DATA_LAYOUT,
  DEFAULT_DATA_DIR,
  DEFAULT_HOST,
  DEFAULT_HTTP_PORT,
  DEFAULT_PUBLISH_BUCKET,
  DEFAULT_PUBLISHER_NAME,
  DEFAULT_SOURCE_BUCKET,
  DEFAULT_TABLE_NAME,
} from '../local/defaults';
import { findRunningInstance } from '../local/endpoints-file';
import { createLocalDocumentClient, createLocalS3Client } from '../local/local-clients';

export const SITEMAPS_USAGE = `Usage: schemapress sitemaps [--data DIR] [--site-url URL] [--publisher-name NAME] [--no-robots]

Rebuilds sitemap.xml, news-sitemap.xml, feed.xml, feed.json and robots.txt in the local
pipeline's publish bucket from the published articles.

Options:
  --data DIR             data dir of \`schemapress run\` (default ${DEFAULT_DATA_DIR})
  --site-url URL         public URL of the site root (default: $${ENV.SITE_URL}, else the running
                         instance's URL, else http://${DEFAULT_HOST}:${DEFAULT_HTTP_PORT}/)
  --publisher-name NAME  publication name for the News sitemap and feeds
                         (default: $${ENV.PUBLISHER_NAME}, else "${DEFAULT_PUBLISHER_NAME}")
  --no-robots            do not write robots.txt (an uploaded robots.txt is always kept)
  -h, --help             this help

In AWS, invoke the discovery Lambda with {"Records":[],"rebuild":true} instead.`;

interface SitemapsOptions {
  readonly data?: string;
  readonly 'site-url'?: string;
  readonly 'publisher-name'?: string;
  readonly 'no-robots'?: boolean;
  readonly help?: boolean;
}

interface Target {
  readonly s3Endpoint: string;
  readonly dynamoEndpoint: string;
  readonly publishBucket: string;
  readonly tableName: string;
  readonly siteUrl: string;
  stop(): Promise<void>;
}

export async function main(args: string[]): Promise<number> {
  let values: SitemapsOptions;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        data: { type: 'string' },
        'site-url': { type: 'string' },
        'publisher-name': { type: 'string' },
        'no-robots': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${SITEMAPS_USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(SITEMAPS_USAGE);
    return 0;
  }
  const dataDir = resolve(values.data ?? DEFAULT_DATA_DIR);
  if (!existsSync(dataDir)) {
    console.error(
      `No data dir at ${dataDir}: run \`schemapress run --data ${values.data ?? DEFAULT_DATA_DIR}\` first.`,
    );
    return 1;
  }
  let target: Target | undefined;
  try {
    target = await connect(dataDir, values['site-url']);
    const result = await rebuild(target, values);
    console.log(
      `Discovery files for ${target.siteUrl}: ${result.articles} published article(s); wrote ${result.written.join(', ')}` +
        (result.deleted.length > 0 ? `; deleted ${result.deleted.join(', ')}` : ''),
    );
    return 0;
  } catch (error) {
    console.error(`schemapress sitemaps: ${(error as Error).message}`);
    return 1;
  } finally {
    await target?.stop();
  }
}

/** The running instance's emulators, else emulators started on the data dir. */
async function connect(dataDir: string, siteUrlOption: string | undefined): Promise<Target> {
  const environmentSiteUrl = process.env[ENV.SITE_URL]?.trim() || undefined;
  const running = findRunningInstance(dataDir);
  if (running) {
    return {
      ...running,
      siteUrl: siteUrlOption ?? environmentSiteUrl ?? running.httpUrl,
      stop: async () => {},
    };
  }
  if (!existsSync(join(dataDir, DATA_LAYOUT.dynamodb))) {
    throw new Error(
      `${dataDir} holds no article table yet: run \`schemapress run --data ${dataDir}\` first.`,
    );
  }
  // Loaded only here: it pulls in the Lambda adapters, which read the environment when loaded.
  const { provisionResources, startEmulators } =
    require('../local/emulators') as typeof import('../local/emulators');
  const emulators = await startEmulators({ dataDir });
  try {
    const names = {
      sourceBucket: DEFAULT_SOURCE_BUCKET,
      publishBucket: DEFAULT_PUBLISH_BUCKET,
      tableName: DEFAULT_TABLE_NAME,
    };
    await provisionResources({ ...emulators, ...names });
    return {
      ...emulators,
      ...names,
      siteUrl: siteUrlOption ?? environmentSiteUrl ?? `http://${DEFAULT_HOST}:${DEFAULT_HTTP_PORT}/`,
    };
  } catch (error) {
    await emulators.stop();
    throw error;
  }
}

async function rebuild(target: Target, values: SitemapsOptions): Promise<DiscoveryResult> {
  const { regenerateDiscovery } =
    require('../lambdas/adapters/discovery-store') as typeof import('../lambdas/adapters/discovery-store');
  const s3 = createLocalS3Client(target.s3Endpoint);
  const documents = createLocalDocumentClient(target.dynamoEndpoint);
  try {
    return await regenerateDiscovery({
      s3,
      documents,
      tableName: target.tableName,
      publishBucket: target.publishBucket,
      site: {
        siteUrl: target.siteUrl,
        publicationName:
          values['publisher-name'] ?? (process.env[ENV.PUBLISHER_NAME]?.trim() || DEFAULT_PUBLISHER_NAME),
      },
      generateRobotsTxt: !values['no-robots'],
    });
  } finally {
    s3.destroy();
    documents.destroy();
  }
}
