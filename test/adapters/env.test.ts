import * as env from '../../lambdas/adapters/env';
import {
  DEFAULT_ACCEPTED_SUFFIXES,
  DEFAULT_MAX_OBJECT_BYTES,
  DEFAULT_PAGE_TIME_BUDGET_MS,
  ENV,
  PREFIXES,
} from '../../lambdas/contract';

const saved = { ...process.env };
afterEach(() => {
  for (const name of Object.values(ENV)) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});
beforeEach(() => {
  for (const name of Object.values(ENV)) delete process.env[name];
});

describe('env getters', () => {
  it('GIVEN a required variable is unset WHEN read THEN the error names it and what sets it', () => {
    expect(() => env.sourceBucketName()).toThrow(
      /SCHEMAPRESS_SOURCE_BUCKET is not set.*CDK construct.*npm start/,
    );
    expect(() => env.articleTableName()).toThrow(env.EnvironmentError);
  });

  it('GIVEN an empty source prefix WHEN read THEN the default applies, not the whole bucket', () => {
    process.env[ENV.SOURCE_PREFIX] = ' ';
    expect(env.sourcePrefix()).toBe(PREFIXES.DEFAULT_SOURCE);
  });

  it('GIVEN optional variables are unset WHEN read THEN the contract defaults apply', () => {
    expect(env.sourcePrefix()).toBe(PREFIXES.DEFAULT_SOURCE);
    expect(env.acceptedSuffixes()).toEqual(DEFAULT_ACCEPTED_SUFFIXES);
    expect(env.maxObjectBytes()).toBe(DEFAULT_MAX_OBJECT_BYTES);
    expect(env.pageTimeBudgetMs()).toBe(DEFAULT_PAGE_TIME_BUDGET_MS);
    expect(env.publisher()).toBeUndefined();
    expect(env.isLocalMode()).toBe(false);
  });

  it('GIVEN the Lambda memory-size variable WHEN read THEN it is the memory in MB, else undefined', () => {
    const saved = process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE;
    try {
      delete process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE;
      expect(env.functionMemoryMb()).toBeUndefined();
      process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE = '1024';
      expect(env.functionMemoryMb()).toBe(1024);
      process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE = 'lots';
      expect(env.functionMemoryMb()).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE;
      else process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE = saved;
    }
  });

  it('GIVEN values WHEN read THEN they are parsed', () => {
    process.env[ENV.ACCEPTED_SUFFIXES] = ' .html, .md ,';
    process.env[ENV.MAX_OBJECT_BYTES] = '2048';
    process.env[ENV.PAGE_TIME_BUDGET_MS] = '5000';
    process.env[ENV.PUBLISHER_NAME] = 'Coast Courier';
    process.env[ENV.PUBLISHER_LOGO] = 'https://example.test/logo.png';
    process.env[ENV.S3_ENDPOINT] = 'http://127.0.0.1:1';
    process.env[ENV.SOURCE_PREFIX] = 'drop/news/';
    expect(env.sourcePrefix()).toBe('drop/news/');
    expect(env.acceptedSuffixes()).toEqual(['.html', '.md']);
    expect(env.maxObjectBytes()).toBe(2048);
    expect(env.pageTimeBudgetMs()).toBe(5000);
    expect(env.publisher()).toEqual({ name: 'Coast Courier', logo: 'https://example.test/logo.png' });
    expect(env.isLocalMode()).toBe(true);
  });

  it.each([
    [ENV.MAX_OBJECT_BYTES, '10MB', () => env.maxObjectBytes()],
    [ENV.MAX_OBJECT_BYTES, '-1', () => env.maxObjectBytes()],
    [ENV.PAGE_TIME_BUDGET_MS, '20s', () => env.pageTimeBudgetMs()],
    [ENV.PAGE_TIME_BUDGET_MS, '0', () => env.pageTimeBudgetMs()],
    [ENV.SITE_URL, 'news.example.test', () => env.siteUrl()],
    [ENV.SITE_URL, 'ftp://news.example.test/', () => env.siteUrl()],
    [ENV.ACCEPTED_SUFFIXES, ' , ', () => env.acceptedSuffixes()],
    [ENV.SOURCE_PREFIX, 'incoming', () => env.sourcePrefix()],
    [ENV.SOURCE_PREFIX, '/incoming/', () => env.sourcePrefix()],
  ])('GIVEN %s=%s WHEN read THEN a clear error names the variable', (name, value, read) => {
    process.env[name] = value;
    expect(read).toThrow(name);
  });
});
