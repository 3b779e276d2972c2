/**
 * PublishingPipeline: publishers drop article files into a source bucket; an ingest Lambda
 * turns each into an enriched page (schema.org NewsArticle JSON-LD) in a publish bucket and an
 * article record in DynamoDB; a discovery Lambda keeps sitemaps and feeds in step with the
 * table; CloudFront serves the publish bucket. Secure by default: see lib/defaults.ts and the
 * settings table in README.md ("Deploying on AWS").
 */
import { Duration, type RemovalPolicy, Stack, Tokenization, Validations } from 'aws-cdk-lib';
import type * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as eventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ARTICLE_TABLE, ENV, PREFIXES } from '../lambdas/contract';
import { ATOM_FEED_KEY, JSON_FEED_KEY } from '../lambdas/core/discovery/feeds';
import { NEWS_SITEMAP_KEY } from '../lambdas/core/discovery/news-sitemap';
import { ROBOTS_KEY } from '../lambdas/core/discovery/robots';
import { SITEMAP_KEY } from '../lambdas/core/discovery/sitemap';
import {
  DEFAULT_DISCOVERY_BATCH_SIZE,
  DEFAULT_DISCOVERY_BATCHING_WINDOW,
  DEFAULT_DISCOVERY_MAX_RECORD_AGE,
  DEFAULT_DISCOVERY_MEMORY_MB,
  DEFAULT_DISCOVERY_RETRY_ATTEMPTS,
  DEFAULT_DISCOVERY_TIMEOUT,
  DEFAULT_INGEST_BATCH_SIZE,
  DEFAULT_INGEST_MAX_CONCURRENCY,
  DEFAULT_INGEST_MEMORY_MB,
  DEFAULT_INGEST_TIMEOUT,
  DEFAULT_ROOT_OBJECT,
  DISTRIBUTION_LOG_PREFIX,
  defaultArticleTableProps,
  defaultDeadLetterQueueProps,
  defaultIngestQueueProps,
  defaultLogBucketProps,
  defaultPublishBucketProps,
  defaultSourceBucketProps,
  mergeSecureProps,
  publishedIndexProps,
  REQUIRED_ARTICLE_TABLE_PROPS,
  REQUIRED_PUBLISH_BUCKET_PROPS,
  REQUIRED_SOURCE_BUCKET_PROPS,
} from './defaults';
import { HouseFunction } from './house-function';
import { resolvePipelineSettings } from './pipeline-config';

/** Handler files, relative to the repository root; each exports `handler`. */
export const INGEST_ENTRY = 'lambdas/handlers/ingest.ts';
export const DISCOVERY_ENTRY = 'lambdas/handlers/discovery.ts';

/** CloudFront caches pages briefly: a republished article shows up within minutes. */
export const DEFAULT_CACHE_TTL = Duration.minutes(5);
export const MAX_CACHE_TTL = Duration.days(1);

/** Id prefix of the singleton Lambda that aws-s3 creates to configure bucket notifications. */
const BUCKET_NOTIFICATIONS_HANDLER_ID = 'BucketNotificationsHandler';

/** Numbered parts of a split sitemap (`sitemap-1.xml`, ...) written and pruned by discovery. */
export const NUMBERED_SITEMAP_PATTERN = 'sitemap-*.xml';

/** Every file discovery writes at the root of the publish bucket. */
export const DISCOVERY_KEYS = [
  SITEMAP_KEY,
  NEWS_SITEMAP_KEY,
  ATOM_FEED_KEY,
  JSON_FEED_KEY,
  ROBOTS_KEY,
] as const;

export interface PublishingPipelineProps {
  /**
   * Public base URL of the published site, ending with '/'. Page URLs, canonical links and
   * JSON-LD `url`s are this plus the page key (e.g. `articles/2026/story.html`).
   * @default - `https://<distribution domain>/`; required when `createDistribution` is false
   */
  readonly siteUrl?: string;
  /**
   * Site-wide publisher for pages that name none, and the Google News publication name.
   * @default - the publisher each page names; the site's host name in the News sitemap
   */
  readonly publisherName?: string;
  /**
   * https URL of the publisher's logo, used with `publisherName`.
   * @default - no logo
   */
  readonly publisherLogoUrl?: string;
  /**
   * Key prefix ("folder") of the source bucket that publishers drop files into; must end with '/'.
   * @default PREFIXES.DEFAULT_SOURCE ('incoming/')
   */
  readonly sourcePrefix?: string;
  /**
   * File suffixes treated as articles (matched case-insensitively by the ingest handler).
   * @default DEFAULT_ACCEPTED_SUFFIXES (.html, .htm, .txt, .md, .markdown)
   */
  readonly acceptedSuffixes?: readonly string[];
  /**
   * Largest source file accepted, in bytes; larger files are recorded as failed, unread.
   * @default DEFAULT_MAX_OBJECT_BYTES (10 MiB)
   */
  readonly maxObjectBytes?: number;
  /**
   * How long the ingest function may spend on one page (decode to enriched page). A page still
   * running then has its worker thread stopped and is recorded as failed (PAGE_TOO_COMPLEX);
   * the rest of the batch goes on. Real pages take well under a second; this stops hostile
   * ones. At most `maxPageTimeBudget()` (10 seconds): a batch of 10 pages at the budget must
   * fit the function timeout.
   * @default DEFAULT_PAGE_TIME_BUDGET (10 seconds)
   */
  readonly pageTimeBudget?: Duration;
  /**
   * What `cdk destroy` does with the buckets, the table, the log groups and the alarm key.
   * DESTROY only removes empty buckets: empty them first (see README.md ("Deploying on AWS")).
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Serve the publish bucket with a CloudFront distribution. When false, the bucket stays
   * private and `siteUrl` must say where you serve it from.
   * @default true
   */
  readonly createDistribution?: boolean;
  /**
   * Custom domain of the distribution, e.g. 'news.example.com' (point its DNS record at the
   * distribution yourself). Requires `certificate`; the site URL becomes `https://<domainName>/`.
   * @default - the distribution's own *.cloudfront.net domain
   */
  readonly domainName?: string;
  /**
   * ACM certificate in us-east-1 covering `domainName`; viewers then need TLS 1.2 or later.
   * @default - the CloudFront default certificate (its security policy is fixed at TLSv1)
   */
  readonly certificate?: acm.ICertificate;
  /**
   * Bucket for S3 server access logs and CloudFront standard logs. It must allow ACLs
   * (object ownership BUCKET_OWNER_PREFERRED) for CloudFront logging.
   * @default - a new private, encrypted bucket with a 365-day expiration
   */
  readonly logBucket?: s3.IBucket;
  /**
   * Email address subscribed to the alarm topic (confirm the subscription email).
   * @default - no subscription; subscribe to the `alarmTopic` yourself
   */
  readonly alarmEmail?: string;
  /**
   * Overrides of the source bucket's settings. Public access, TLS and versioning cannot be weakened.
   * @default - see defaultSourceBucketProps in lib/defaults.ts
   */
  readonly sourceBucketProps?: Partial<s3.BucketProps>;
  /**
   * Overrides of the publish bucket's settings. Public access, TLS and website hosting cannot be changed.
   * @default - see defaultPublishBucketProps in lib/defaults.ts
   */
  readonly publishBucketProps?: Partial<s3.BucketProps>;
  /**
   * Overrides of the article table's settings. Key schema, stream and point-in-time recovery cannot be changed.
   * @default - see defaultArticleTableProps in lib/defaults.ts
   */
  readonly articleTableProps?: Partial<dynamodb.TableProps>;
}

export class PublishingPipeline extends Construct {
  readonly sourceBucket: s3.Bucket;
  readonly publishBucket: s3.Bucket;
  readonly logBucket: s3.IBucket;
  readonly articleTable: dynamodb.Table;
  readonly ingestQueue: sqs.Queue;
  readonly ingestDeadLetterQueue: sqs.Queue;
  readonly discoveryDeadLetterQueue: sqs.Queue;
  readonly ingestFunction: lambda.Function;
  readonly discoveryFunction: lambda.Function;
  /** Undefined when `createDistribution` is false. */
  readonly distribution: cloudfront.Distribution | undefined;
  /** Public base URL of the site, ending with '/' (a token when it is the distribution's). */
  readonly siteUrl: string;
  readonly alarmTopic: sns.Topic;
  readonly alarms: readonly cloudwatch.Alarm[];

  /**
   * Steps:
   *   1. check the props and apply their defaults (errors say what to pass instead);
   *   2. buckets: log, source, publish (defaults -> user overrides -> required settings);
   *   3. the article table with its published index and stream;
   *   4. the distribution, whose domain is the default site URL;
   *   5. the ingest queue and the two dead-letter queues;
   *   6. the two functions, each with only the grants its code uses;
   *   7. event sources: S3 -> queue -> ingest, table stream -> discovery;
   *   8. alarms to an encrypted topic; cdk-nag acknowledgments, each with its reason.
   */
  constructor(scope: Construct, id: string, props: PublishingPipelineProps = {}) {
    super(scope, id);
    const settings = resolvePipelineSettings(props);
    const removalPolicy = settings.removalPolicy;

    // 2. Buckets. The log bucket is the only one without access logs of its own.
    this.logBucket = props.logBucket ?? this.createLogBucket(removalPolicy);
    this.sourceBucket = new s3.Bucket(
      this,
      'SourceBucket',
      mergeSecureProps(
        'sourceBucketProps',
        defaultSourceBucketProps(this.logBucket, removalPolicy),
        props.sourceBucketProps,
        REQUIRED_SOURCE_BUCKET_PROPS,
      ),
    );
    this.publishBucket = new s3.Bucket(
      this,
      'PublishBucket',
      mergeSecureProps(
        'publishBucketProps',
        defaultPublishBucketProps(this.logBucket, removalPolicy),
        props.publishBucketProps,
        REQUIRED_PUBLISH_BUCKET_PROPS,
      ),
    );

    // 3. Article table with the sparse published index and the stream discovery reads.
    this.articleTable = new dynamodb.Table(
      this,
      'ArticleTable',
      mergeSecureProps(
        'articleTableProps',
        defaultArticleTableProps(removalPolicy),
        props.articleTableProps,
        REQUIRED_ARTICLE_TABLE_PROPS,
      ),
    );
    this.articleTable.addGlobalSecondaryIndex(publishedIndexProps());

    // 4. Distribution first: its domain is the default site URL the functions need.
    this.distribution = settings.createDistribution
      ? this.createDistribution(settings.domainName, props.certificate)
      : undefined;
    this.siteUrl =
      settings.siteUrl ??
      // resolvePipelineSettings guarantees a distribution when siteUrl is absent.
      `https://${settings.domainName ?? this.distribution?.distributionDomainName}/`;

    // 5. Queues: S3 notifications -> ingest queue (-> dead letters after 5 receives).
    this.ingestDeadLetterQueue = new sqs.Queue(this, 'IngestDeadLetterQueue', defaultDeadLetterQueueProps());
    this.discoveryDeadLetterQueue = new sqs.Queue(
      this,
      'DiscoveryDeadLetterQueue',
      defaultDeadLetterQueueProps(),
    );
    this.ingestQueue = new sqs.Queue(
      this,
      'IngestQueue',
      defaultIngestQueueProps(this.ingestDeadLetterQueue, DEFAULT_INGEST_TIMEOUT),
    );

    // 6. Functions.
    const shared: Record<string, string> = {
      [ENV.ARTICLE_TABLE]: this.articleTable.tableName,
      [ENV.PUBLISH_BUCKET]: this.publishBucket.bucketName,
      [ENV.SITE_URL]: this.siteUrl,
      ...(settings.publisherName !== undefined
        ? { [ENV.PUBLISHER_NAME]: settings.publisherName.trim() }
        : {}),
      ...(settings.publisherLogoUrl !== undefined ? { [ENV.PUBLISHER_LOGO]: settings.publisherLogoUrl } : {}),
    };
    const ingest = new HouseFunction(this, 'Ingest', {
      entry: INGEST_ENTRY,
      description: 'schemapress ingest: article files from S3 to enriched pages and article records',
      timeout: DEFAULT_INGEST_TIMEOUT,
      memorySize: DEFAULT_INGEST_MEMORY_MB,
      logRemovalPolicy: removalPolicy,
      environment: {
        ...shared,
        [ENV.SOURCE_BUCKET]: this.sourceBucket.bucketName,
        [ENV.SOURCE_PREFIX]: settings.sourcePrefix,
        [ENV.ACCEPTED_SUFFIXES]: settings.acceptedSuffixes.join(','),
        // stringifyNumber: a deploy-time value (token) stays a token, a plain number its digits.
        [ENV.MAX_OBJECT_BYTES]: Tokenization.stringifyNumber(settings.maxObjectBytes),
        [ENV.PAGE_TIME_BUDGET_MS]: Tokenization.stringifyNumber(settings.pageTimeBudget.toMilliseconds()),
      },
    });
    const discovery = new HouseFunction(this, 'Discovery', {
      entry: DISCOVERY_ENTRY,
      description: 'schemapress discovery: sitemaps, Google News sitemap, feeds and robots.txt',
      timeout: DEFAULT_DISCOVERY_TIMEOUT,
      memorySize: DEFAULT_DISCOVERY_MEMORY_MB,
      logRemovalPolicy: removalPolicy,
      environment: shared,
    });
    this.ingestFunction = ingest.function;
    this.discoveryFunction = discovery.function;
    this.grantIngest(ingest, settings.sourcePrefix);
    this.grantDiscovery(discovery);

    // 7. Event sources. Notifications filter on the prefix only: S3 suffix filters are
    // case-sensitive (`Story.HTML` would be dropped silently); the handler checks suffixes.
    const toQueue = new s3n.SqsDestination(this.ingestQueue);
    this.sourceBucket.addEventNotification(s3.EventType.OBJECT_CREATED, toQueue, {
      prefix: settings.sourcePrefix,
    });
    this.sourceBucket.addEventNotification(s3.EventType.OBJECT_REMOVED, toQueue, {
      prefix: settings.sourcePrefix,
    });
    this.ingestFunction.addEventSource(
      new eventSources.SqsEventSource(this.ingestQueue, {
        batchSize: DEFAULT_INGEST_BATCH_SIZE,
        maxConcurrency: DEFAULT_INGEST_MAX_CONCURRENCY,
        reportBatchItemFailures: true,
      }),
    );
    this.discoveryFunction.addEventSource(
      new eventSources.DynamoEventSource(this.articleTable, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: DEFAULT_DISCOVERY_BATCH_SIZE,
        maxBatchingWindow: DEFAULT_DISCOVERY_BATCHING_WINDOW,
        retryAttempts: DEFAULT_DISCOVERY_RETRY_ATTEMPTS,
        bisectBatchOnError: true,
        maxRecordAge: DEFAULT_DISCOVERY_MAX_RECORD_AGE,
        onFailure: new eventSources.SqsDlq(this.discoveryDeadLetterQueue),
      }),
    );

    // 8. Alarms: anything in a dead-letter queue, any function error.
    this.alarmTopic = this.createAlarmTopic(removalPolicy, settings.alarmEmail);
    this.alarms = [
      this.deadLetterAlarm('IngestDeadLetterAlarm', this.ingestDeadLetterQueue, 'ingest'),
      this.deadLetterAlarm('DiscoveryDeadLetterAlarm', this.discoveryDeadLetterQueue, 'discovery'),
      this.functionErrorAlarm('IngestErrorAlarm', this.ingestFunction, 'ingest'),
      this.functionErrorAlarm('DiscoveryErrorAlarm', this.discoveryFunction, 'discovery'),
    ];

    this.acknowledgeFindings(ingest, discovery, settings.sourcePrefix, settings.domainName);
  }

  private createLogBucket(removalPolicy: RemovalPolicy): s3.Bucket {
    const bucket = new s3.Bucket(this, 'LogBucket', defaultLogBucketProps(removalPolicy));
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging its own access would log every log delivery.',
    });
    return bucket;
  }

  /** Read the exact object versions under the source prefix; write pages under the articles prefix. */
  private grantIngest(ingest: HouseFunction, sourcePrefix: string): void {
    ingest.function.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ReadSourceObjects',
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [this.sourceBucket.arnForObjects(`${sourcePrefix}*`)],
      }),
    );
    ingest.function.addToRolePolicy(
      new iam.PolicyStatement({
        // Without ListBucket a missing object answers 403 instead of 404, which reads as a fault.
        sid: 'TellMissingSourceObjects',
        actions: ['s3:ListBucket'],
        resources: [this.sourceBucket.bucketArn],
      }),
    );
    ingest.function.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'WritePublishedPages',
        actions: ['s3:PutObject', 's3:DeleteObject'],
        resources: [this.publishBucket.arnForObjects(`${PREFIXES.PUBLISHED}*`)],
      }),
    );
    ingest.function.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'ReadWriteArticleRecords',
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        resources: [this.articleTable.tableArn],
      }),
    );
  }

  /** Query the published index; write the discovery files; prune numbered sitemaps. */
  private grantDiscovery(discovery: HouseFunction): void {
    discovery.function.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'QueryPublishedIndex',
        actions: ['dynamodb:Query'],
        resources: [`${this.articleTable.tableArn}/index/${ARTICLE_TABLE.publishedIndex.name}`],
      }),
    );
    discovery.function.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'WriteDiscoveryFiles',
        actions: ['s3:PutObject'],
        resources: [...DISCOVERY_KEYS, NUMBERED_SITEMAP_PATTERN].map((key) =>
          this.publishBucket.arnForObjects(key),
        ),
      }),
    );
    discovery.function.addToRolePolicy(
      new iam.PolicyStatement({
        // HEAD robots.txt: an operator's own robots.txt is never overwritten.
        sid: 'ReadRobotsTxt',
        actions: ['s3:GetObject'],
        resources: [this.publishBucket.arnForObjects(ROBOTS_KEY)],
      }),
    );
    discovery.function.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'DeleteStaleSitemaps',
        actions: ['s3:DeleteObject'],
        resources: [this.publishBucket.arnForObjects(NUMBERED_SITEMAP_PATTERN)],
      }),
    );
    discovery.function.addToRolePolicy(
      new iam.PolicyStatement({
        // Lists numbered sitemaps; also makes a missing robots.txt answer 404 rather than 403.
        sid: 'ListPublishBucket',
        actions: ['s3:ListBucket'],
        resources: [this.publishBucket.bucketArn],
      }),
    );
  }

  private createDistribution(
    domainName: string | undefined,
    certificate: acm.ICertificate | undefined,
  ): cloudfront.Distribution {
    const cachePolicy = new cloudfront.CachePolicy(this, 'PageCachePolicy', {
      comment: 'schemapress pages: short default TTL so republished articles appear within minutes',
      defaultTtl: DEFAULT_CACHE_TTL,
      minTtl: Duration.seconds(0),
      maxTtl: MAX_CACHE_TTL,
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'schemapress published site',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.publishBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy,
        responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
        compress: true,
      },
      defaultRootObject: DEFAULT_ROOT_OBJECT,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // Only settable with a custom certificate: the default one is fixed at TLSv1.
      ...(domainName !== undefined && certificate !== undefined
        ? {
            domainNames: [domainName],
            certificate,
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: DISTRIBUTION_LOG_PREFIX,
    });
    // Lets S3 answer 404 rather than 403 for a page that does not exist (CloudFront only sends GETs).
    this.publishBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudFrontToTellMissingPages',
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:ListBucket'],
        resources: [this.publishBucket.bucketArn],
        conditions: {
          StringEquals: {
            'AWS:SourceArn': Stack.of(this).formatArn({
              service: 'cloudfront',
              region: '',
              resource: 'distribution',
              resourceName: distribution.distributionId,
            }),
          },
        },
      }),
    );
    return distribution;
  }

  private createAlarmTopic(removalPolicy: RemovalPolicy, alarmEmail: string | undefined): sns.Topic {
    // CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key: use our own.
    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the schemapress alarm topic',
      enableKeyRotation: true,
      removalPolicy,
    });
    key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    const topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'schemapress alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (alarmEmail !== undefined) topic.addSubscription(new subscriptions.EmailSubscription(alarmEmail));
    return topic;
  }

  private deadLetterAlarm(id: string, queue: sqs.IQueue, stage: string): cloudwatch.Alarm {
    return this.alarm(id, {
      alarmDescription: `A ${stage} message failed every retry and waits in the dead-letter queue: inspect it, fix the cause, redrive it.`,
      metric: queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
    });
  }

  private functionErrorAlarm(id: string, fn: lambda.IFunction, stage: string): cloudwatch.Alarm {
    return this.alarm(id, {
      alarmDescription: `The ${stage} function threw: see its log group and X-Ray traces.`,
      metric: fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
    });
  }

  private alarm(
    id: string,
    props: { alarmDescription: string; metric: cloudwatch.IMetric },
  ): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      ...props,
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new cloudwatchActions.SnsAction(this.alarmTopic));
    return alarm;
  }

  /** cdk-nag findings that are deliberate, each acknowledged on the one construct it concerns. */
  private acknowledgeFindings(
    ingest: HouseFunction,
    discovery: HouseFunction,
    sourcePrefix: string,
    domainName: string | undefined,
  ): void {
    const objects = (bucket: s3.Bucket, pattern: string) =>
      `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}.Arn>/${pattern}]`;
    const runtime = {
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x is a supported LTS runtime and the bundle targets Node 20, the version the code is tested on; ' +
        'move to a newer runtime after testing on it.',
    };

    Validations.of(ingest.function).acknowledge(runtime);
    Validations.of(discovery.function).acknowledge(runtime);
    Validations.of(ingest.role).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions.',
      },
      {
        id: objects(this.sourceBucket, `${sourcePrefix}*`),
        reason: 'Reads any article file under the source prefix: publishers choose the file names.',
      },
      {
        id: objects(this.publishBucket, `${PREFIXES.PUBLISHED}*`),
        reason: 'Writes and deletes the enriched page of any article, and only under the articles prefix.',
      },
    );
    Validations.of(discovery.role).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray PutTraceSegments/PutTelemetryRecords and DynamoDB ListStreams support no resource-level permissions.',
      },
      {
        id: objects(this.publishBucket, NUMBERED_SITEMAP_PATTERN),
        reason:
          'Numbered sitemap parts (sitemap-1.xml, ...) appear past 50,000 URLs; the pattern matches nothing else.',
      },
    );
    Validations.of(this.discoveryDeadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is the discovery stream's on-failure destination, a dead-letter queue itself.",
    });
    if (this.distribution) {
      const usesDefaultCertificate = domainName === undefined;
      Validations.of(this.distribution).acknowledge(
        {
          id: 'AwsSolutions-CFR1',
          reason: 'A news site is read worldwide: no country is excluded by default.',
        },
        {
          id: 'AwsSolutions-CFR2',
          reason:
            'Serves static pages from a private bucket (GET/HEAD only, no origin compute); attach a web ACL when the ' +
            'site needs rate limiting or bot control.',
        },
      );
      if (usesDefaultCertificate) {
        Validations.of(this.distribution).acknowledge({
          id: 'AwsSolutions-CFR4',
          reason:
            'No custom domain was given: the default *.cloudfront.net certificate fixes the policy at TLSv1. ' +
            'Pass domainName and certificate to require TLS 1.2.',
        });
      }
    }
    // S3 notifications are configured by a CDK-provided singleton Lambda at the stack root.
    for (const child of Stack.of(this).node.children) {
      if (child.node.id.startsWith(BUCKET_NOTIFICATIONS_HANDLER_ID)) {
        Validations.of(child).acknowledge({
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason:
            'CDK-provided handler that applies the source bucket notification configuration once per deployment; ' +
            'its role is not configurable.',
        });
      }
    }
  }
}
