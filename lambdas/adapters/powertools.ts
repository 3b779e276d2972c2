/**
 * Powertools utilities shared by the handlers, created once per execution environment.
 *
 * In Lambda they emit structured JSON logs, EMF metrics and X-Ray traces. Anywhere else (the
 * local runtime, tests, scripts) they stay quiet: logs at WARN unless POWERTOOLS_LOG_LEVEL says
 * otherwise, metrics are discarded, and the tracer disables itself, so nothing needs AWS
 * credentials. "In Lambda" is decided by AWS_LAMBDA_FUNCTION_NAME, which the runtime always sets,
 * so the answer does not depend on the order in which modules and environment were set up.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

export const SERVICE_NAME = 'schemapress';
export const METRICS_NAMESPACE = 'SchemaPress';
const DEFAULT_LOCAL_LOG_LEVEL = 'WARN';

const inLambda = Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);

export const logger = new Logger({
  serviceName: SERVICE_NAME,
  ...(!inLambda && !process.env.POWERTOOLS_LOG_LEVEL ? { logLevel: DEFAULT_LOCAL_LOG_LEVEL } : {}),
});

export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });

export const tracer = new Tracer({ serviceName: SERVICE_NAME });

export { MetricUnit };

/** Publishes the metrics stored during one invocation (EMF on stdout); outside Lambda, discards them. */
export function flushMetrics(): void {
  if (!inLambda) metrics.clearMetrics();
  else metrics.publishStoredMetrics();
}
