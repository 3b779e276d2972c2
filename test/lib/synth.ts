/**
 * Test helpers: build a SchemaPressStack in a fresh App. Bundling is skipped unless asked for
 * (the CDK context `aws:cdk:bundling-stacks` set to []), so tests about the template do not pay
 * for esbuild; the bundle test asks for real bundling. The builtin CloudFormation validation is
 * off (it costs seconds and the template is checked by assertions and cdk-nag here).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PROJECT_ROOT } from '../../lib/house-function';
import type { PublishingPipelineProps } from '../../lib/publishing-pipeline';
import { SchemaPressStack } from '../../lib/schemapress-stack';

export interface TestAppOptions {
  /** Run esbuild for real. @default false */
  readonly bundle?: boolean;
  /** Cloud assembly directory. @default - a temporary directory chosen by CDK */
  readonly outdir?: string;
}

/** The context `cdk synth` uses (cdk.json), so tests see the template that deploys. */
const CDK_JSON_CONTEXT = (
  JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  }
).context;

export function testApp(options: TestAppOptions = {}): App {
  return new App({
    builtinCloudFormationValidation: false,
    // Without an outdir, CDK synthesizes into a temporary directory of its own.
    ...(options.outdir ? { outdir: options.outdir } : {}),
    context: { ...CDK_JSON_CONTEXT, ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) },
  });
}

export function testStack(
  props: PublishingPipelineProps = {},
  options: TestAppOptions = {},
): SchemaPressStack {
  return new SchemaPressStack(testApp(options), 'SchemaPressTest', { pipeline: props });
}

export function templateOf(props: PublishingPipelineProps = {}): Template {
  return Template.fromStack(testStack(props));
}

/** The one resource of a type whose logical id starts with `prefix` (throws when not exactly one). */
export function onlyResource(
  template: Template,
  type: string,
  logicalIdPrefix: string,
): { id: string; resource: { Properties: Record<string, unknown> } } {
  const matches = Object.entries(template.findResources(type)).filter(([id]) =>
    id.startsWith(logicalIdPrefix),
  );
  if (matches.length !== 1) {
    throw new Error(
      `expected one ${type} named ${logicalIdPrefix}*, found ${matches.map(([id]) => id).join(', ')}`,
    );
  }
  const [id, resource] = matches[0] as [string, { Properties: Record<string, unknown> }];
  return { id, resource };
}
