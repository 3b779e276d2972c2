import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { PublishingPipeline, type PublishingPipelineProps } from './publishing-pipeline';

export interface SchemaPressStackProps extends StackProps {
  /** Settings of the publishing pipeline. @default - every PublishingPipeline default */
  readonly pipeline?: PublishingPipelineProps;
}

/** The deployable unit: one publishing pipeline and the outputs an operator needs. */
export class SchemaPressStack extends Stack {
  readonly pipeline: PublishingPipeline;

  constructor(scope: Construct, id: string, props: SchemaPressStackProps = {}) {
    super(scope, id, props);
    this.pipeline = new PublishingPipeline(this, 'Pipeline', props.pipeline);

    new CfnOutput(this, 'SourceBucketName', {
      description: 'Upload article files here, under the source prefix',
      value: this.pipeline.sourceBucket.bucketName,
    });
    new CfnOutput(this, 'PublishBucketName', {
      description: 'Enriched pages and discovery files',
      value: this.pipeline.publishBucket.bucketName,
    });
    new CfnOutput(this, 'ArticleTableName', {
      description: 'One record per source file',
      value: this.pipeline.articleTable.tableName,
    });
    new CfnOutput(this, 'SiteUrl', {
      description: 'Public base URL of the published site',
      value: this.pipeline.siteUrl,
    });
    new CfnOutput(this, 'DiscoveryFunctionName', {
      description: 'Invoke with {"Records":[],"rebuild":true} to rebuild sitemaps and feeds',
      value: this.pipeline.discoveryFunction.functionName,
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      description: 'Subscribe to receive alarms',
      value: this.pipeline.alarmTopic.topicArn,
    });
  }
}
