/**
 * Test helper: real s3rver + dynalite in this Jest worker, on 127.0.0.1 random ports, with the
 * buckets and table provisioned and the pipeline's environment variables pointing at them.
 *
 * Usage, once per test file:
 *   const stack = useEmulators();
 *   it('...', async () => { await stack().s3.send(...) });
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, createS3Client } from '../../lambdas/adapters/clients';
import { ENV } from '../../lambdas/contract';
import { provisionResources, startEmulators } from '../../local/emulators';

export interface TestStack {
  readonly s3Endpoint: string;
  readonly dynamoEndpoint: string;
  readonly sourceBucket: string;
  readonly publishBucket: string;
  readonly tableName: string;
  readonly siteUrl: string;
  /** Clients of their own (not the handler's shared ones), for arranging and asserting. */
  readonly s3: S3Client;
  readonly ddb: DynamoDBDocumentClient;
  stop(): Promise<void>;
}

export const TEST_NAMES = {
  sourceBucket: 'schemapress-source',
  publishBucket: 'schemapress-publish',
  tableName: 'schemapress-articles',
  siteUrl: 'https://news.example.test/',
} as const;

/** Starts and provisions the emulators. `stop()` also closes the clients. */
export async function startTestStack(): Promise<TestStack> {
  const emulators = await startEmulators();
  await provisionResources({ ...emulators, ...TEST_NAMES });
  const s3 = createS3Client(emulators.s3Endpoint);
  const ddb = createDocumentClient(emulators.dynamoEndpoint);
  return {
    s3Endpoint: emulators.s3Endpoint,
    dynamoEndpoint: emulators.dynamoEndpoint,
    ...TEST_NAMES,
    s3,
    ddb,
    async stop() {
      s3.destroy();
      ddb.destroy();
      await emulators.stop();
    },
  };
}

/** The environment the handlers read, pointing at `stack`. */
export function pipelineEnv(stack: TestStack): Record<string, string> {
  return {
    [ENV.SOURCE_BUCKET]: stack.sourceBucket,
    [ENV.PUBLISH_BUCKET]: stack.publishBucket,
    [ENV.ARTICLE_TABLE]: stack.tableName,
    [ENV.SITE_URL]: stack.siteUrl,
    [ENV.S3_ENDPOINT]: stack.s3Endpoint,
    [ENV.DYNAMODB_ENDPOINT]: stack.dynamoEndpoint,
  };
}

/**
 * Registers beforeAll/afterAll in the calling test file: starts a stack, sets the pipeline's
 * environment (restored afterwards) and returns an accessor for the running stack.
 */
export function useEmulators(): () => TestStack {
  let stack: TestStack | undefined;
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    stack = await startTestStack();
    for (const [name, value] of Object.entries(pipelineEnv(stack))) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await stack?.stop();
  });
  return () => {
    if (!stack)
      throw new Error(
        'The emulators are not running: call useEmulators() at the top level of the test file.',
      );
    return stack;
  };
}
