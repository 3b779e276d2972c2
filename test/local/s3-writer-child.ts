/**
 * Child process of s3rver-durable-writes.test.ts: the emulators on the data dir given as the
 * first argument, and four clients overwriting 20 keys as fast as they can, one line per
 * acknowledged PUT, until the test kills it without warning.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { provisionResources, startEmulators } from '../../local/emulators';
import { createLocalS3Client } from '../../local/local-clients';

export const WRITER_BUCKET = 'killed-writer';
const WRITERS = 4;
const KEYS = 20;

async function main(dataDir: string): Promise<void> {
  const emulators = await startEmulators({ dataDir });
  await provisionResources({
    s3Endpoint: emulators.s3Endpoint,
    dynamoEndpoint: emulators.dynamoEndpoint,
    sourceBucket: WRITER_BUCKET,
    publishBucket: WRITER_BUCKET,
    tableName: 'killed-writer-table',
  });
  const s3 = createLocalS3Client(emulators.s3Endpoint);
  let next = 0;
  const writer = async () => {
    for (;;) {
      const n = next++;
      await s3.send(
        new PutObjectCommand({
          Bucket: WRITER_BUCKET,
          Key: `pages/${n % KEYS}.html`,
          // Sizes vary, so a mix of two versions could not pass for either.
          Body: `<p>version ${n}</p>`.repeat(20 + (n % 13)),
          ContentType: 'text/html',
        }),
      );
      process.stdout.write(`put ${n}\n`);
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
}

if (require.main === module) {
  main(process.argv[2] as string).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
