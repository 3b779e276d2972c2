/**
 * Copies a bucket into a folder (`run --once --out DIR`): the republished site as static
 * files. Files a previous mirror wrote that the bucket no longer holds are removed; a folder
 * that was not made by a mirror is never emptied (a marker file tells them apart).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { listAllObjects } from './local-clients';

/** Marks a folder as a mirror this runtime may clean. */
export const MIRROR_MARKER = '.schemapress-mirror';

/** Writes every object of `bucket` under `outDir` (key = relative path); returns the count. */
export async function mirrorBucket(s3: S3Client, bucket: string, outDir: string): Promise<number> {
  const root = resolve(outDir);
  if (existsSync(root) && readdirSync(root).length > 0 && !existsSync(join(root, MIRROR_MARKER))) {
    throw new Error(
      `${root} is not empty and was not made by schemapress; choose an empty or new folder with --out.`,
    );
  }
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  writeFileSync(
    join(root, MIRROR_MARKER),
    'Written by `schemapress run --once`; the next run replaces this folder.\n',
  );
  let count = 0;
  for (const object of await listAllObjects(s3, bucket)) {
    const target = safeTarget(root, object.key);
    if (!target) continue;
    const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.key }));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, (await response.Body?.transformToByteArray()) ?? new Uint8Array());
    count += 1;
  }
  return count;
}

/** The file path for a key, or undefined when the key would land outside the folder. */
export function safeTarget(root: string, key: string): string | undefined {
  if (key === '' || key.endsWith('/') || isAbsolute(key)) return undefined;
  const target = resolve(root, key);
  const inside = relative(root, target);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside))
    return undefined;
  return target;
}
