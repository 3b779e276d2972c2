import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  ARTICLE_TABLE,
  DEFAULT_ACCEPTED_SUFFIXES,
  DEFAULT_PAGE_TIME_BUDGET_MS,
  ENV,
  PREFIXES,
} from '../../lambdas/contract';
import { DEFAULT_ROOT_OBJECT, VISIBILITY_TIMEOUT_FACTOR } from '../../lib/defaults';
import { PublishingPipeline } from '../../lib/publishing-pipeline';
import { onlyResource, templateOf, testApp } from './synth';

const SSL_ONLY = Match.objectLike({
  Statement: Match.arrayWith([
    Match.objectLike({
      Effect: 'Deny',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }),
  ]),
});
const BLOCK_ALL = {
  BlockPublicAcls: true,
  BlockPublicPolicy: true,
  IgnorePublicAcls: true,
  RestrictPublicBuckets: true,
};
const SSE_S3 = {
  ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
};

type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Sid?: string };

function statementsOf(template: Template, rolePrefix: string): Statement[] {
  const policy = onlyResource(template, 'AWS::IAM::Policy', `Pipeline${rolePrefix}RoleDefaultPolicy`);
  return (policy.resource.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
}

function actionsOf(statements: Statement[]): string[] {
  return statements.flatMap((statement) => [statement.Action].flat());
}

describe('PublishingPipeline with default props', () => {
  let template: Template;
  let sourceBucketId: string;
  let publishBucketId: string;
  let logBucketId: string;
  let tableId: string;
  let ingestQueueId: string;
  let ingestDlqId: string;
  let discoveryDlqId: string;

  beforeAll(() => {
    // GIVEN a stack with a pipeline and no props (synthesized once for this block)
    template = templateOf();
    sourceBucketId = onlyResource(template, 'AWS::S3::Bucket', 'PipelineSourceBucket').id;
    publishBucketId = onlyResource(template, 'AWS::S3::Bucket', 'PipelinePublishBucket').id;
    logBucketId = onlyResource(template, 'AWS::S3::Bucket', 'PipelineLogBucket').id;
    tableId = onlyResource(template, 'AWS::DynamoDB::Table', 'PipelineArticleTable').id;
    ingestQueueId = onlyResource(template, 'AWS::SQS::Queue', 'PipelineIngestQueue').id;
    ingestDlqId = onlyResource(template, 'AWS::SQS::Queue', 'PipelineIngestDeadLetterQueue').id;
    discoveryDlqId = onlyResource(template, 'AWS::SQS::Queue', 'PipelineDiscoveryDeadLetterQueue').id;
  });

  describe('source bucket', () => {
    test('is versioned, private, encrypted, retained and logs access to the log bucket', () => {
      // THEN
      template.hasResource('AWS::S3::Bucket', {
        Properties: Match.objectLike({
          VersioningConfiguration: { Status: 'Enabled' },
          PublicAccessBlockConfiguration: BLOCK_ALL,
          BucketEncryption: SSE_S3,
          LoggingConfiguration: { DestinationBucketName: { Ref: logBucketId }, LogFilePrefix: 's3/source/' },
        }),
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
      expect(
        template.findResources('AWS::S3::Bucket')[sourceBucketId]?.Properties.VersioningConfiguration,
      ).toEqual({
        Status: 'Enabled',
      });
    });

    test('refuses requests without TLS', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: sourceBucketId },
        PolicyDocument: SSL_ONLY,
      });
    });

    test('sends created and removed events under the prefix, and only those, to the ingest queue', () => {
      const queue = { 'Fn::GetAtt': [ingestQueueId, 'Arn'] };
      const prefixOnly = { Key: { FilterRules: [{ Name: 'prefix', Value: PREFIXES.DEFAULT_SOURCE }] } };
      template.hasResourceProperties('Custom::S3BucketNotifications', {
        BucketName: { Ref: sourceBucketId },
        NotificationConfiguration: {
          QueueConfigurations: [
            { Events: ['s3:ObjectCreated:*'], Filter: prefixOnly, QueueArn: queue },
            { Events: ['s3:ObjectRemoved:*'], Filter: prefixOnly, QueueArn: queue },
          ],
        },
      });
    });
  });

  describe('ingest queue', () => {
    test('is encrypted, dead-letters after 5 receives and outlasts six function timeouts', () => {
      const ingestTimeout = onlyResource(template, 'AWS::Lambda::Function', 'PipelineIngestFunction').resource
        .Properties.Timeout as number;
      const queue = onlyResource(template, 'AWS::SQS::Queue', 'PipelineIngestQueue').resource.Properties;
      expect(queue.SqsManagedSseEnabled).toBe(true);
      expect(queue.RedrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [ingestDlqId, 'Arn'] },
        maxReceiveCount: 5,
      });
      expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(VISIBILITY_TIMEOUT_FACTOR * ingestTimeout);
    });

    test('every queue is encrypted and refuses requests without TLS', () => {
      for (const id of [ingestQueueId, ingestDlqId, discoveryDlqId]) {
        expect(template.findResources('AWS::SQS::Queue')[id]?.Properties.SqsManagedSseEnabled).toBe(true);
        template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: id }],
          PolicyDocument: SSL_ONLY,
        });
      }
    });

    test('only the source bucket may send to it', () => {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: ingestQueueId }],
        PolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 's3.amazonaws.com' },
              Condition: { ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [sourceBucketId, 'Arn'] } } },
            }),
          ]),
        }),
      });
    });

    test('feeds the ingest function with partial batch responses', () => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [ingestQueueId, 'Arn'] },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BatchSize: 10,
        ScalingConfig: { MaximumConcurrency: 10 },
      });
    });
  });

  describe('publish bucket', () => {
    test('is private, encrypted, TLS only, logged, and not a website', () => {
      const bucket = template.findResources('AWS::S3::Bucket')[publishBucketId]?.Properties;
      expect(bucket?.PublicAccessBlockConfiguration).toEqual(BLOCK_ALL);
      expect(bucket?.BucketEncryption).toEqual(SSE_S3);
      expect(bucket?.LoggingConfiguration).toEqual({
        DestinationBucketName: { Ref: logBucketId },
        LogFilePrefix: 's3/publish/',
      });
      expect(bucket?.WebsiteConfiguration).toBeUndefined();
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: publishBucketId },
        PolicyDocument: SSL_ONLY,
      });
    });

    test('sends no notifications', () => {
      const notified = Object.values(template.findResources('Custom::S3BucketNotifications')).map(
        (resource) => resource.Properties.BucketName,
      );
      expect(notified).toEqual([{ Ref: sourceBucketId }]);
    });

    test('lets only this distribution read it, through Origin Access Control', () => {
      const policy = onlyResource(template, 'AWS::S3::BucketPolicy', 'PipelinePublishBucketPolicy').resource
        .Properties;
      const allows = (
        policy.PolicyDocument as { Statement: (Statement & { Principal: unknown; Condition: unknown })[] }
      ).Statement.filter((statement) => statement.Effect === 'Allow');
      expect(allows.length).toBeGreaterThan(0);
      for (const statement of allows) {
        expect(statement.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
        expect(JSON.stringify(statement.Condition)).toContain('PipelineDistribution');
      }
      expect(actionsOf(allows).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    });
  });

  describe('distribution', () => {
    test('serves the publish bucket over HTTPS with OAC, security headers and a root object, and logs', () => {
      template.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          DefaultRootObject: DEFAULT_ROOT_OBJECT,
          DefaultCacheBehavior: Match.objectLike({
            ViewerProtocolPolicy: 'redirect-to-https',
            AllowedMethods: ['GET', 'HEAD'],
            ResponseHeadersPolicyId:
              cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS.responseHeadersPolicyId,
          }),
          Origins: [
            Match.objectLike({
              DomainName: { 'Fn::GetAtt': [publishBucketId, 'RegionalDomainName'] },
              OriginAccessControlId: Match.anyValue(),
              S3OriginConfig: { OriginAccessIdentity: '' },
            }),
          ],
          Logging: { Bucket: { 'Fn::GetAtt': [logBucketId, 'RegionalDomainName'] }, Prefix: 'cloudfront/' },
        }),
      });
      template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
        OriginAccessControlConfig: {
          OriginAccessControlOriginType: 's3',
          SigningBehavior: 'always',
          SigningProtocol: 'sigv4',
        },
      });
    });
  });

  describe('log bucket', () => {
    test('is private, encrypted, TLS only and expires logs', () => {
      const bucket = template.findResources('AWS::S3::Bucket')[logBucketId]?.Properties;
      expect(bucket?.PublicAccessBlockConfiguration).toEqual(BLOCK_ALL);
      expect(bucket?.BucketEncryption).toEqual(SSE_S3);
      expect(JSON.stringify(bucket?.LifecycleConfiguration)).toContain('"ExpirationInDays":365');
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: logBucketId },
        PolicyDocument: SSL_ONLY,
      });
    });
  });

  describe('article table', () => {
    test('has the contract key, the sparse published index and a new-and-old-images stream', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: [{ AttributeName: ARTICLE_TABLE.partitionKey, KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          {
            IndexName: ARTICLE_TABLE.publishedIndex.name,
            KeySchema: [
              { AttributeName: ARTICLE_TABLE.publishedIndex.partitionKey, KeyType: 'HASH' },
              { AttributeName: ARTICLE_TABLE.publishedIndex.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      });
    });

    test('is on demand, encrypted, point-in-time recoverable, protected and retained', () => {
      template.hasResource('AWS::DynamoDB::Table', {
        Properties: Match.objectLike({
          BillingMode: 'PAY_PER_REQUEST',
          SSESpecification: { SSEEnabled: true },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        }),
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    });

    test('streams to the discovery function in windows, with retries, bisection and a dead-letter queue', () => {
      const mapping = onlyResource(
        template,
        'AWS::Lambda::EventSourceMapping',
        'PipelineDiscoveryFunctionDynamoDB',
      ).resource.Properties;
      expect(mapping.EventSourceArn).toEqual({ 'Fn::GetAtt': [tableId, 'StreamArn'] });
      expect(mapping.MaximumBatchingWindowInSeconds).toBeGreaterThanOrEqual(30);
      expect(mapping.MaximumBatchingWindowInSeconds).toBeLessThanOrEqual(60);
      expect(mapping.MaximumRetryAttempts).toBe(3);
      expect(mapping.BisectBatchOnFunctionError).toBe(true);
      expect(mapping.DestinationConfig).toEqual({
        OnFailure: { Destination: { 'Fn::GetAtt': [discoveryDlqId, 'Arn'] } },
      });
    });
  });

  describe('functions', () => {
    test.each(['Ingest', 'Discovery'])(
      '%s runs Node.js 22 on ARM with tracing, source maps and explicit limits',
      (name) => {
        const fn = onlyResource(template, 'AWS::Lambda::Function', `Pipeline${name}Function`).resource
          .Properties;
        expect(fn.Runtime).toBe('nodejs22.x');
        expect(fn.Architectures).toEqual(['arm64']);
        expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
        expect(fn.Handler).toBe('index.handler');
        expect(typeof fn.Timeout).toBe('number');
        expect(typeof fn.MemorySize).toBe('number');
        // No --enable-source-maps: decoding the maps at every cold start costs more than it gives.
        expect(
          (fn.Environment as { Variables: Record<string, unknown> }).Variables.NODE_OPTIONS,
        ).toBeUndefined();
        const logGroup = onlyResource(template, 'AWS::Logs::LogGroup', `Pipeline${name}Logs`);
        expect(fn.LoggingConfig).toEqual({ LogGroup: { Ref: logGroup.id } });
        expect(logGroup.resource.Properties.RetentionInDays).toBe(90);
      },
    );

    test.each(['Ingest', 'Discovery'])('%s has its own role without managed policies', (name) => {
      const role = onlyResource(template, 'AWS::IAM::Role', `Pipeline${name}Role`).resource.Properties;
      expect(role.ManagedPolicyArns).toBeUndefined();
      expect(JSON.stringify(role.AssumeRolePolicyDocument)).toContain('lambda.amazonaws.com');
    });

    test('ingest gets its configuration from the contract names', () => {
      const fn = onlyResource(template, 'AWS::Lambda::Function', 'PipelineIngestFunction').resource
        .Properties;
      const variables = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables).toEqual(
        expect.objectContaining({
          [ENV.SOURCE_BUCKET]: { Ref: sourceBucketId },
          [ENV.PUBLISH_BUCKET]: { Ref: publishBucketId },
          [ENV.ARTICLE_TABLE]: { Ref: tableId },
          [ENV.SOURCE_PREFIX]: PREFIXES.DEFAULT_SOURCE,
          [ENV.ACCEPTED_SUFFIXES]: DEFAULT_ACCEPTED_SUFFIXES.join(','),
          [ENV.MAX_OBJECT_BYTES]: String(10 * 1024 * 1024),
          [ENV.PAGE_TIME_BUDGET_MS]: String(DEFAULT_PAGE_TIME_BUDGET_MS),
        }),
      );
      expect(JSON.stringify(variables[ENV.SITE_URL])).toContain('PipelineDistribution');
      // Local-only variables never reach AWS.
      expect(variables[ENV.S3_ENDPOINT]).toBeUndefined();
      expect(variables[ENV.DYNAMODB_ENDPOINT]).toBeUndefined();
    });

    test('ingest may read source objects under the prefix and write pages under the articles prefix, nothing more', () => {
      const statements = statementsOf(template, 'Ingest');
      const actions = actionsOf(statements);
      expect(actions.some((action) => action.endsWith(':*'))).toBe(false);
      expect(statements).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Action: ['s3:GetObject', 's3:GetObjectVersion'],
            Resource: {
              'Fn::Join': ['', [{ 'Fn::GetAtt': [sourceBucketId, 'Arn'] }, `/${PREFIXES.DEFAULT_SOURCE}*`]],
            },
          }),
          expect.objectContaining({
            Action: ['s3:PutObject', 's3:DeleteObject'],
            Resource: {
              'Fn::Join': ['', [{ 'Fn::GetAtt': [publishBucketId, 'Arn'] }, `/${PREFIXES.PUBLISHED}*`]],
            },
          }),
          expect.objectContaining({
            Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
            Resource: { 'Fn::GetAtt': [tableId, 'Arn'] },
          }),
        ]),
      );
      // Never writes to the source bucket, never scans or deletes records.
      const writesToSource = statements.some(
        (statement) =>
          JSON.stringify(statement.Resource).includes(sourceBucketId) &&
          [statement.Action].flat().some((action) => /Put|Delete/.test(action)),
      );
      expect(writesToSource).toBe(false);
      expect(actions).not.toContain('dynamodb:Scan');
      expect(actions).not.toContain('dynamodb:DeleteItem');
    });

    test('discovery may query only the published index and write only discovery files', () => {
      const statements = statementsOf(template, 'Discovery');
      const actions = actionsOf(statements);
      expect(actions.some((action) => action.endsWith(':*'))).toBe(false);
      const query = statements.find((statement) => [statement.Action].flat().includes('dynamodb:Query'));
      expect(query?.Resource).toEqual({
        'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, `/index/${ARTICLE_TABLE.publishedIndex.name}`]],
      });
      const put = statements.find((statement) => [statement.Action].flat().includes('s3:PutObject'));
      const keys = JSON.stringify(put?.Resource).match(/"\/[^"]+"/g);
      expect(keys?.sort()).toEqual(
        [
          '"/feed.json"',
          '"/feed.xml"',
          '"/news-sitemap.xml"',
          '"/robots.txt"',
          '"/sitemap-*.xml"',
          '"/sitemap.xml"',
        ].sort(),
      );
      expect(actions).not.toContain('dynamodb:PutItem');
      expect(actions).not.toContain('dynamodb:Scan');
    });
  });

  describe('alarms', () => {
    test('fire on any dead letter and any function error, to an encrypted TLS-only topic', () => {
      const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
        (alarm) => alarm.Properties,
      );
      const topicId = onlyResource(template, 'AWS::SNS::Topic', 'PipelineAlarmTopic').id;
      expect(alarms.map((alarm) => alarm.MetricName).sort()).toEqual([
        'ApproximateNumberOfMessagesVisible',
        'ApproximateNumberOfMessagesVisible',
        'Errors',
        'Errors',
      ]);
      for (const alarm of alarms) {
        expect(alarm.Threshold).toBe(0);
        expect(alarm.ComparisonOperator).toBe('GreaterThanThreshold');
        expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      }
      const queues = alarms.flatMap((alarm) => alarm.Dimensions).filter((d) => d.Name === 'QueueName');
      expect(queues.map((d) => d.Value['Fn::GetAtt'][0]).sort()).toEqual(
        [discoveryDlqId, ingestDlqId].sort(),
      );
      template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
      template.hasResourceProperties('AWS::SNS::TopicPolicy', { PolicyDocument: SSL_ONLY });
      template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
      template.resourceCountIs('AWS::SNS::Subscription', 0);
    });
  });

  test('outputs the bucket names, the table name and the site URL', () => {
    for (const output of ['SourceBucketName', 'PublishBucketName', 'ArticleTableName', 'SiteUrl']) {
      expect(Object.keys(template.findOutputs(output))).toEqual([output]);
    }
    template.hasOutput('SiteUrl', {
      Value: {
        'Fn::Join': [
          '',
          [
            'https://',
            { 'Fn::GetAtt': [Match.stringLikeRegexp('^PipelineDistribution'), 'DomainName'] },
            '/',
          ],
        ],
      },
    });
  });
});

describe('PublishingPipeline with custom props', () => {
  test('without a distribution, the site URL given is used and the publish bucket stays closed', () => {
    // GIVEN a pipeline whose pages are served elsewhere
    // WHEN it is synthesized
    const template = templateOf({ createDistribution: false, siteUrl: 'https://news.example.com/' });
    // THEN there is no distribution, no CloudFront grant, and the functions use the given URL
    template.resourceCountIs('AWS::CloudFront::Distribution', 0);
    const policy = onlyResource(template, 'AWS::S3::BucketPolicy', 'PipelinePublishBucketPolicy').resource
      .Properties;
    expect(JSON.stringify(policy)).not.toContain('cloudfront');
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ [ENV.SITE_URL]: 'https://news.example.com/' }) },
    });
    template.hasOutput('SiteUrl', { Value: 'https://news.example.com/' });
  });

  test('a page time budget reaches the ingest function, and only it', () => {
    // GIVEN a 4-second budget per page
    // WHEN synthesized
    const template = templateOf({ pageTimeBudget: Duration.seconds(4) });
    // THEN the ingest function reads it in milliseconds; discovery, which parses no page, does not
    const variables = (id: string) =>
      (
        onlyResource(template, 'AWS::Lambda::Function', id).resource.Properties.Environment as {
          Variables: Record<string, unknown>;
        }
      ).Variables;
    expect(variables('PipelineIngestFunction')[ENV.PAGE_TIME_BUDGET_MS]).toBe('4000');
    expect(variables('PipelineDiscoveryFunction')[ENV.PAGE_TIME_BUDGET_MS]).toBeUndefined();
  });

  test('a page time budget a whole batch could not fit into the function timeout is refused', () => {
    // GIVEN a budget of 15 seconds: 10 pages of a batch would need 150 s of a 2-minute timeout
    // WHEN a stack is built with it
    // THEN construction fails, naming the longest budget that fits
    expect(() => templateOf({ pageTimeBudget: Duration.seconds(15) })).toThrow(
      /pageTimeBudget must let a whole batch finish .* got 15 seconds.*use at most Duration\.millis\(10000\)/,
    );
  });

  test('a custom prefix filters notifications and scopes the read grant', () => {
    // GIVEN a custom source prefix
    // WHEN synthesized
    const template = templateOf({ sourcePrefix: 'drop/' });
    // THEN notifications and the ingest read grant use it
    const notifications = JSON.stringify(template.findResources('Custom::S3BucketNotifications'));
    expect(notifications).toContain('"Value":"drop/"');
    expect(notifications).not.toContain(PREFIXES.DEFAULT_SOURCE);
    expect(JSON.stringify(statementsOf(template, 'Ingest'))).toContain('/drop/*');
  });

  test('publisher settings reach both functions', () => {
    // GIVEN a site-wide publisher
    // WHEN synthesized
    const template = templateOf({
      publisherName: 'The Example Times',
      publisherLogoUrl: 'https://x.example/logo.png',
    });
    // THEN both functions get the contract variables
    for (const name of ['Ingest', 'Discovery']) {
      const fn = onlyResource(template, 'AWS::Lambda::Function', `Pipeline${name}Function`).resource
        .Properties;
      expect((fn.Environment as { Variables: Record<string, unknown> }).Variables).toEqual(
        expect.objectContaining({
          [ENV.PUBLISHER_NAME]: 'The Example Times',
          [ENV.PUBLISHER_LOGO]: 'https://x.example/logo.png',
        }),
      );
    }
  });

  test('DESTROY removes the data with the stack and lifts deletion protection', () => {
    // GIVEN a throwaway pipeline
    // WHEN synthesized with RemovalPolicy.DESTROY
    const template = templateOf({ removalPolicy: RemovalPolicy.DESTROY });
    // THEN buckets, table and log groups are deleted with the stack
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
    });
    for (const bucket of Object.values(template.findResources('AWS::S3::Bucket'))) {
      expect(bucket.DeletionPolicy).toBe('Delete');
    }
    for (const logGroup of Object.values(template.findResources('AWS::Logs::LogGroup'))) {
      expect(logGroup.DeletionPolicy).toBe('Delete');
    }
  });

  test('an existing log bucket is used instead of a new one', () => {
    // GIVEN an operator's log bucket
    const stack = new Stack(testApp(), 'WithLogBucket');
    const logBucket = s3.Bucket.fromBucketName(stack, 'Existing', 'operator-logs');
    // WHEN a pipeline is built with it
    new PublishingPipeline(stack, 'Pipeline', { logBucket });
    const template = Template.fromStack(stack);
    // THEN no log bucket is created and both data buckets log to the given one
    expect(
      Object.keys(template.findResources('AWS::S3::Bucket')).some((id) => id.startsWith('PipelineLogBucket')),
    ).toBe(false);
    for (const prefix of ['PipelineSourceBucket', 'PipelinePublishBucket']) {
      const bucket = onlyResource(template, 'AWS::S3::Bucket', prefix).resource.Properties;
      expect((bucket.LoggingConfiguration as { DestinationBucketName: unknown }).DestinationBucketName).toBe(
        'operator-logs',
      );
    }
  });

  test('a custom domain gets its certificate, TLS 1.2 and becomes the site URL', () => {
    // GIVEN a custom domain and its certificate
    const stack = new Stack(testApp(), 'WithDomain');
    const certificate = acm.Certificate.fromCertificateArn(
      stack,
      'Certificate',
      'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
    );
    // WHEN a pipeline is built with them
    new PublishingPipeline(stack, 'Pipeline', { domainName: 'news.example.com', certificate });
    const template = Template.fromStack(stack);
    // THEN the distribution answers for the domain with TLS 1.2 and pages use it
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['news.example.com'],
        ViewerCertificate: Match.objectLike({
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        }),
      }),
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ [ENV.SITE_URL]: 'https://news.example.com/' }) },
    });
  });

  test('an alarm email subscribes to the topic', () => {
    // GIVEN an alarm email
    // WHEN synthesized
    const template = templateOf({ alarmEmail: 'ops@example.com' });
    // THEN the topic has an email subscription
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
  });
});
