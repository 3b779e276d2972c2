import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { DEFAULT_ACCEPTED_SUFFIXES, DEFAULT_MAX_OBJECT_BYTES, PREFIXES } from '../../lambdas/contract';
import { DEFAULT_PAGE_TIME_BUDGET } from '../../lib/defaults';
import { type PipelineSettings, resolvePipelineSettings } from '../../lib/pipeline-config';
import { testStack } from './synth';

describe('resolvePipelineSettings', () => {
  test('fills every default from the contract', () => {
    // GIVEN no props
    // WHEN they are resolved
    const settings = resolvePipelineSettings();
    // THEN the contract's defaults, RETAIN and a distribution apply
    expect(settings).toEqual({
      siteUrl: undefined,
      publisherName: undefined,
      publisherLogoUrl: undefined,
      sourcePrefix: PREFIXES.DEFAULT_SOURCE,
      acceptedSuffixes: DEFAULT_ACCEPTED_SUFFIXES,
      maxObjectBytes: DEFAULT_MAX_OBJECT_BYTES,
      pageTimeBudget: DEFAULT_PAGE_TIME_BUDGET,
      removalPolicy: RemovalPolicy.RETAIN,
      createDistribution: true,
      alarmEmail: undefined,
      domainName: undefined,
    });
  });

  test('keeps valid user values', () => {
    // GIVEN valid custom settings
    const props: PipelineSettings = {
      siteUrl: 'https://news.example.com/',
      publisherName: 'The Example Times',
      publisherLogoUrl: 'https://news.example.com/logo.png',
      sourcePrefix: 'drop/box/',
      acceptedSuffixes: ['.html', '.xhtml'],
      maxObjectBytes: 2_000_000,
      pageTimeBudget: Duration.seconds(4),
      removalPolicy: RemovalPolicy.DESTROY,
      createDistribution: false,
      alarmEmail: 'ops@example.com',
      domainName: undefined,
    };
    // WHEN they are resolved
    // THEN they come back unchanged
    expect(resolvePipelineSettings(props)).toEqual(props);
  });

  test.each<[string, PipelineSettings, string]>([
    ['a prefix without a trailing slash', { sourcePrefix: 'incoming' }, "use 'incoming/'"],
    ['a prefix with a leading slash', { sourcePrefix: '/incoming/' }, "use 'incoming/'"],
    ['an empty prefix', { sourcePrefix: '' }, 'sourcePrefix must not be empty'],
    ['a wildcard prefix', { sourcePrefix: 'in*/' }, 'without wildcards'],
    ['a prefix with a control character', { sourcePrefix: 'in\ncoming/' }, 'control characters'],
    ['a suffix without a dot', { acceptedSuffixes: ['html'] }, "use '.html'"],
    ['a suffix with a space', { acceptedSuffixes: ['.ht ml'] }, 'acceptedSuffixes entries must be a dot'],
    ['no suffix', { acceptedSuffixes: [] }, 'omit it to accept .html'],
    ['a zero size limit', { maxObjectBytes: 0 }, 'positive whole number'],
    ['a fractional size limit', { maxObjectBytes: 1.5 }, 'positive whole number'],
    ['a size limit over 50 MiB', { maxObjectBytes: 60 * 1024 * 1024 }, 'split larger files'],
    ['a zero page time budget', { pageTimeBudget: Duration.millis(0) }, 'pageTimeBudget must be positive'],
    [
      'a fractional page time budget',
      { pageTimeBudget: Duration.millis(2.5) },
      'use e.g. Duration.millis(3)',
    ],
    [
      'a page time budget too long for a batch to fit the function timeout',
      { pageTimeBudget: Duration.seconds(30) },
      'use at most Duration.millis(10000)',
    ],
    ['a relative site URL', { siteUrl: 'news.example.com/' }, "use e.g. 'https://news.example.com/'"],
    ['an http site URL', { siteUrl: 'http://news.example.com/' }, "use 'https://news.example.com/'"],
    [
      'a site URL without a trailing slash',
      { siteUrl: 'https://news.example.com/en' },
      "use 'https://news.example.com/en/'",
    ],
    ['a site URL with a query', { siteUrl: 'https://news.example.com/?a=1' }, 'must not have a query'],
    [
      'an http logo',
      { publisherLogoUrl: 'http://news.example.com/logo.png' },
      'publisherLogoUrl must use https',
    ],
    ['a blank publisher name', { publisherName: '  ' }, 'publisherName must not be blank'],
    ['a very long publisher name', { publisherName: 'x'.repeat(201) }, 'at most 200 characters'],
    ['a malformed email', { alarmEmail: 'ops' }, "use e.g. 'ops@example.com'"],
    ['SNAPSHOT removal', { removalPolicy: RemovalPolicy.SNAPSHOT }, 'RETAIN or RemovalPolicy.DESTROY'],
    ['a domain without a certificate', { domainName: 'news.example.com' }, 'needs a certificate'],
    ['a certificate without a domain', { certificate: {} }, 'certificate needs domainName'],
    [
      'a domain given as a URL',
      { domainName: 'https://news.example.com/', certificate: {} },
      "use 'news.example.com'",
    ],
    [
      'a domain without a distribution',
      {
        domainName: 'news.example.com',
        certificate: {},
        createDistribution: false,
        siteUrl: 'https://a.example/',
      },
      'remove domainName',
    ],
    [
      'no distribution and no site URL',
      { createDistribution: false },
      'siteUrl is required when createDistribution',
    ],
  ])('refuses %s and says what to do', (_case, props, advice) => {
    // GIVEN invalid settings
    // WHEN they are resolved
    // THEN the error names the problem and the fix
    expect(() => resolvePipelineSettings(props)).toThrow(advice);
  });

  test('the construct refuses invalid props before creating anything', () => {
    // GIVEN a prefix without a trailing slash
    // WHEN a stack is built with it
    // THEN construction fails with the prop's advice
    expect(() => testStack({ sourcePrefix: 'incoming' })).toThrow(
      "sourcePrefix must end with '/': got 'incoming'; use 'incoming/'",
    );
  });

  test('the construct refuses overrides that weaken a required setting', () => {
    // GIVEN overrides that would make the publish bucket public or the source bucket unversioned
    // WHEN stacks are built with them
    // THEN each is refused and the message says to remove the override
    expect(() => testStack({ publishBucketProps: { publicReadAccess: true } })).toThrow(
      'publishBucketProps.publicReadAccess cannot be changed',
    );
    expect(() => testStack({ sourceBucketProps: { versioned: false } })).toThrow(
      'remove versioned from sourceBucketProps',
    );
    expect(() =>
      testStack({ sourceBucketProps: { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS } }),
    ).toThrow('sourceBucketProps.blockPublicAccess cannot be changed');
  });
});
