import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { DEFAULT_PAGE_TIME_BUDGET_MS } from '../../lambdas/contract';
import {
  DEFAULT_INGEST_BATCH_SIZE,
  DEFAULT_INGEST_TIMEOUT,
  DEFAULT_PAGE_TIME_BUDGET,
  INGEST_BATCH_HEADROOM,
  maxPageTimeBudget,
  mergeSecureProps,
  REQUIRED_SOURCE_BUCKET_PROPS,
  VISIBILITY_TIMEOUT_FACTOR,
  visibilityTimeoutFor,
} from '../../lib/defaults';

describe('mergeSecureProps', () => {
  test('merges defaults, then user props, then required props', () => {
    // GIVEN defaults, a user override of a free setting and a required setting
    const defaults: s3.BucketProps = { encryption: s3.BucketEncryption.S3_MANAGED, versioned: false };
    // WHEN they are merged
    const merged = mergeSecureProps(
      'sourceBucketProps',
      defaults,
      { encryption: s3.BucketEncryption.KMS_MANAGED, bucketName: undefined },
      REQUIRED_SOURCE_BUCKET_PROPS,
    );
    // THEN the user's free choice wins over the default, the required value over both,
    // and an explicit undefined does not erase a default
    expect(merged.encryption).toBe(s3.BucketEncryption.KMS_MANAGED);
    expect(merged.versioned).toBe(true);
    expect(merged.enforceSSL).toBe(true);
    expect(merged.blockPublicAccess).toBe(s3.BlockPublicAccess.BLOCK_ALL);
    expect('bucketName' in merged).toBe(false);
  });

  test('accepts a user value equal to the required one', () => {
    // GIVEN a user restating a required value with an equal but distinct object
    const restated = new s3.BlockPublicAccess({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    // WHEN merged
    const merged = mergeSecureProps<s3.BucketProps>(
      'b',
      {},
      { blockPublicAccess: restated, versioned: true },
      REQUIRED_SOURCE_BUCKET_PROPS,
    );
    // THEN it is accepted
    expect(merged.versioned).toBe(true);
  });

  test('refuses a user value that weakens a required one', () => {
    // GIVEN a user asking to drop TLS enforcement
    // WHEN merged
    // THEN the error names the prop and the way out
    expect(() =>
      mergeSecureProps('sourceBucketProps', {}, { enforceSSL: false }, REQUIRED_SOURCE_BUCKET_PROPS),
    ).toThrow(
      'sourceBucketProps.enforceSSL cannot be changed: schemapress requires true (got false); remove enforceSSL from sourceBucketProps.',
    );
  });
});

describe('visibilityTimeoutFor', () => {
  test('is six times the function timeout', () => {
    // GIVEN a 2-minute function
    // WHEN the queue visibility timeout is derived
    // THEN it is 12 minutes
    expect(VISIBILITY_TIMEOUT_FACTOR).toBe(6);
    expect(visibilityTimeoutFor(Duration.minutes(2)).toSeconds()).toBe(720);
  });
});

describe('ingest timing defaults', () => {
  test('a whole batch of pages that each use their full time budget fits the function timeout', () => {
    // GIVEN the default batch size and per-page time budget (the construct's is the handler's)
    expect(DEFAULT_PAGE_TIME_BUDGET.toMilliseconds()).toBe(DEFAULT_PAGE_TIME_BUDGET_MS);
    const worstBatchMs = DEFAULT_INGEST_BATCH_SIZE * DEFAULT_PAGE_TIME_BUDGET_MS;
    // THEN the function is not timed out (and the batch retried) before every page is decided
    expect(worstBatchMs + INGEST_BATCH_HEADROOM.toMilliseconds()).toBeLessThanOrEqual(
      DEFAULT_INGEST_TIMEOUT.toMilliseconds(),
    );
  });

  test('the longest page time budget leaves the headroom of a whole batch within the function timeout', () => {
    // GIVEN a 2-minute function and batches of 10 (the defaults), and a 1-minute one with batches of 4
    // WHEN the longest budget is derived
    // THEN batch x budget + headroom fits the timeout, and one more millisecond would not
    for (const [timeout, batchSize] of [
      [DEFAULT_INGEST_TIMEOUT, DEFAULT_INGEST_BATCH_SIZE],
      [Duration.minutes(1), 4],
    ] as const) {
      const longestMs = maxPageTimeBudget(timeout, batchSize).toMilliseconds();
      const headroomMs = INGEST_BATCH_HEADROOM.toMilliseconds();
      expect(batchSize * longestMs + headroomMs).toBeLessThanOrEqual(timeout.toMilliseconds());
      expect(batchSize * (longestMs + 1) + headroomMs).toBeGreaterThan(timeout.toMilliseconds());
    }
    expect(maxPageTimeBudget().toMilliseconds()).toBe(10_000);
  });
});
