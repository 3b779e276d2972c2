/**
 * SDK client settings for the local emulators (s3rver, dynalite), shared by the handlers'
 * clients (clients.ts) and the local runtime's own (local/local-clients.ts), so both talk to the
 * emulators the same way. Reads no environment and loads no Powertools: the local runtime can
 * import it before it has set the handlers' environment.
 */
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { S3ClientConfig } from '@aws-sdk/client-s3';

/**
 * Emulator credentials: s3rver accepts only its built-in key pair (any other access key id is
 * refused with InvalidAccessKeyId), dynalite accepts anything. Always explicit, so a developer's
 * real keys are never sent to an emulator and never required.
 */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** S3 client settings for s3rver at `endpoint`. */
export function emulatorS3Config(endpoint: string, region: string): S3ClientConfig {
  return {
    endpoint,
    region,
    credentials: EMULATOR_CREDENTIALS,
    forcePathStyle: true,
    // s3rver stores streamed uploads with the SDK's default CRC framing corrupted, and sends no checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

/** DynamoDB client settings for dynalite at `endpoint`. */
export function emulatorDynamoConfig(endpoint: string, region: string): DynamoDBClientConfig {
  return { endpoint, region, credentials: EMULATOR_CREDENTIALS };
}
