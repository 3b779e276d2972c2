import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { mirrorBucket, safeTarget } from '../../local/mirror';
import { temporaryDir } from './helpers';

describe('safeTarget', () => {
  it('GIVEN ordinary keys WHEN mapped THEN they land under the folder', () => {
    expect(safeTarget('/out', 'articles/a b.html')).toBe('/out/articles/a b.html');
    expect(safeTarget('/out', 'sitemap.xml')).toBe('/out/sitemap.xml');
  });

  it('GIVEN keys that climb out, are absolute or are folders WHEN mapped THEN they are refused', () => {
    for (const key of ['../etc/passwd', 'articles/../../x', '/etc/passwd', 'articles/', '', '..']) {
      expect(safeTarget('/out', key)).toBeUndefined();
    }
  });
});

describe('mirrorBucket', () => {
  it('GIVEN a non-empty folder that no mirror made WHEN mirrored into THEN it refuses and says what to do', async () => {
    const dir = temporaryDir('mirror-foreign');
    try {
      mkdirSync(join(dir.path, 'mine'));
      writeFileSync(join(dir.path, 'mine', 'notes.txt'), 'keep me');
      // The client is never used: the check comes first.
      await expect(mirrorBucket(new S3Client({ region: 'us-east-1' }), 'bucket', dir.path)).rejects.toThrow(
        /not empty and was not made by schemapress/,
      );
    } finally {
      dir.remove();
    }
  });
});
