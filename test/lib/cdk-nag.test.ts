import { type App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { PublishingPipeline } from '../../lib/publishing-pipeline';
import { testApp, testStack } from './synth';

function violationsOf(app: App): string[] {
  const report = new AwsSolutionsChecks(app).validateScope(app);
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}`),
  );
}

function acknowledgmentsUnder(root: IConstruct): Array<{ path: string; id: string; reason: string }> {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id,
          reason,
        })),
      ),
  );
}

describe('cdk-nag AwsSolutions checks', () => {
  test.each([
    ['default props', {}],
    ['no distribution', { createDistribution: false, siteUrl: 'https://news.example.com/' }],
    ['a custom prefix and an alarm email', { sourcePrefix: 'drop/', alarmEmail: 'ops@example.com' }],
  ])('pass with %s', (_case, props) => {
    // GIVEN a pipeline stack
    const stack = testStack(props);
    // WHEN the AwsSolutions pack checks the whole app
    const violations = violationsOf(stack.node.root as App);
    // THEN nothing is reported
    expect(violations).toEqual([]);
  });

  test('pass during a real synth, with no error or warning annotations', () => {
    // GIVEN the checks registered as in bin/app.ts
    const stack = testStack();
    const app = stack.node.root as App;
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    // WHEN the app is synthesized
    // THEN synthesis succeeds (a violation would interrupt it) and the stack carries no errors or warnings
    expect(() => app.synth()).not.toThrow();
    Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('pass with a custom domain, which needs no TLS acknowledgment', () => {
    // GIVEN a distribution with a custom domain and certificate
    const app = testApp();
    const stack = new Stack(app, 'WithDomain');
    const certificate = acm.Certificate.fromCertificateArn(
      stack,
      'Certificate',
      'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
    );
    const pipeline = new PublishingPipeline(stack, 'Pipeline', {
      domainName: 'news.example.com',
      certificate,
    });
    // WHEN checked
    // THEN nothing is reported and CFR4 was not acknowledged (TLS 1.2 is enforced instead)
    expect(violationsOf(app)).toEqual([]);
    expect(acknowledgmentsUnder(stack).map((ack) => ack.id.replace(/^Annotation::/, ''))).not.toContain(
      'AwsSolutions-CFR4',
    );
    expect(pipeline.siteUrl).toBe('https://news.example.com/');
  });

  test('report what the pipeline would otherwise hide: the check is not vacuous', () => {
    // GIVEN a stack with a bucket lacking access logs and TLS enforcement
    const app = testApp();
    const stack = new Stack(app, 'Insecure');
    new s3.Bucket(stack, 'Careless');
    // WHEN checked
    const violations = violationsOf(app);
    // THEN the pack reports it
    expect(violations).toEqual(
      expect.arrayContaining([
        'AwsSolutions-S1 at Insecure/Careless/Resource',
        'AwsSolutions-S10 at Insecure/Careless/Resource',
      ]),
    );
  });

  test('interrupt a real synth when a violation is not acknowledged', () => {
    // GIVEN the checks registered on an app with a careless bucket
    const app = testApp();
    new s3.Bucket(new Stack(app, 'Insecure'), 'Careless');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    // WHEN synthesized
    // THEN synthesis fails, so the passing synth above is meaningful
    expect(() => app.synth()).toThrow(/AwsSolutions-S1'/);
  });

  test('every acknowledgment is specific and gives a reason', () => {
    // GIVEN the pipeline stack
    const stack = testStack();
    // WHEN its acknowledgments are listed
    // (aws-cdk-lib records rule ids of plugins it does not know under its annotation namespace,
    // and acknowledges some of its own CloudFormation-Validate rules, which are not ours.)
    const acknowledgments = acknowledgmentsUnder(stack)
      .map((ack) => ({ ...ack, id: ack.id.replace(/^Annotation::/, '') }))
      .filter((ack) => ack.id.startsWith('AwsSolutions'));
    // THEN each names one rule (IAM findings with their exact resource) on one construct, with a reason
    expect(acknowledgments.length).toBeGreaterThan(5);
    for (const { path, id, reason } of acknowledgments) {
      expect(path).not.toBe(stack.node.path);
      expect(id).toMatch(/^AwsSolutions-[A-Z]+\d+/);
      if (id.startsWith('AwsSolutions-IAM')) expect(id).toMatch(/\[(Resource|Policy)::.+\]$/);
      expect(reason.length).toBeGreaterThan(40);
    }
  });
});
