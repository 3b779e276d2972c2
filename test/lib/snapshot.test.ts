import { Template } from 'aws-cdk-lib/assertions';
import { testStack } from './synth';

/** Asset hashes change with every source edit; the template around them is what is reviewed. */
const ASSET_HASH = /[a-f0-9]{64}/g;

function normalised(template: Record<string, unknown>): unknown {
  return JSON.parse(
    JSON.stringify(template, (key, value) =>
      key === 'S3Key' && typeof value === 'string' ? 'ASSET.zip' : value,
    ).replace(ASSET_HASH, 'ASSET_HASH'),
  );
}

test('the default stack template matches the reviewed snapshot', () => {
  // GIVEN the stack with default props
  const template = Template.fromStack(testStack()).toJSON();
  // WHEN asset hashes are normalised
  const stable = normalised(template);
  // THEN no hash is left and the template is the reviewed one
  expect(JSON.stringify(stable)).not.toMatch(ASSET_HASH);
  expect(stable).toMatchSnapshot();
});
