/**
 * AWS SDK v3 clients, created once per execution environment and reused across invocations.
 *
 * Clients are keyed by endpoint so the local runtime and tests, which may point the same
 * process at several emulators, get one client per endpoint. Emulator-only settings (path-style
 * addressing, checksums only when required, emulator credentials) apply only when an endpoint is
 * given, i.e. when ENV.S3_ENDPOINT / ENV.DYNAMODB_ENDPOINT is set; in AWS the defaults stand.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EMULATOR_CREDENTIALS, emulatorDynamoConfig, emulatorS3Config } from './emulator-clients';
import { awsRegion, DEFAULT_LOCAL_REGION, dynamoEndpoint, s3Endpoint } from './env';
import { tracer } from './powertools';

export { EMULATOR_CREDENTIALS };

/** A new S3 client; with an endpoint, configured for s3rver. */
export function createS3Client(endpoint?: string): S3Client {
  return new S3Client(endpoint ? emulatorS3Config(endpoint, localRegion()) : {});
}

/** A new DynamoDB document client; with an endpoint, configured for dynalite. */
export function createDocumentClient(endpoint?: string): DynamoDBDocumentClient {
  const client = new DynamoDBClient(endpoint ? emulatorDynamoConfig(endpoint, localRegion()) : {});
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

const localRegion = (): string => awsRegion() ?? DEFAULT_LOCAL_REGION;

const s3Clients = new Map<string, S3Client>();
const documentClients = new Map<string, DynamoDBDocumentClient>();

/** The shared S3 client for the endpoint in ENV.S3_ENDPOINT (AWS when unset). */
export function s3Client(): S3Client {
  const endpoint = s3Endpoint();
  const cacheKey = endpoint ?? '';
  let client = s3Clients.get(cacheKey);
  if (!client) {
    client = tracer.captureAWSv3Client(createS3Client(endpoint));
    s3Clients.set(cacheKey, client);
  }
  return client;
}

/** The shared DynamoDB document client for the endpoint in ENV.DYNAMODB_ENDPOINT (AWS when unset). */
export function documentClient(): DynamoDBDocumentClient {
  const endpoint = dynamoEndpoint();
  const cacheKey = endpoint ?? '';
  let client = documentClients.get(cacheKey);
  if (!client) {
    client = tracer.captureAWSv3Client(createDocumentClient(endpoint));
    documentClients.set(cacheKey, client);
  }
  return client;
}
