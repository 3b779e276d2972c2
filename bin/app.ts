#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SchemaPressStack } from '../lib/schemapress-stack';

const app = new App();
new SchemaPressStack(app, 'SchemaPress', {
  description: 'schemapress: structured-data publishing pipeline',
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
