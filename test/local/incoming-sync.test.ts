import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '../../local/incoming-sync';
import { contentTypeFor } from '../../local/site-server';
import { temporaryDir } from './helpers';

describe('listFiles', () => {
  it('GIVEN articles beside editor backups, swap files and hidden files WHEN listed THEN only the articles remain', () => {
    const dir = temporaryDir('list');
    try {
      mkdirSync(join(dir.path, 'sub folder'));
      mkdirSync(join(dir.path, '.git'));
      for (const name of [
        'a.html',
        'sub folder/b ü.md',
        'a.html~',
        '.a.html.swp',
        '.DS_Store',
        '.git/config',
        'c.txt.part',
      ]) {
        writeFileSync(join(dir.path, name), 'x');
      }
      expect(listFiles(dir.path)).toEqual(['a.html', join('sub folder', 'b ü.md')]);
    } finally {
      dir.remove();
    }
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['articles/a.html', 'text/html; charset=utf-8'],
    ['sitemap.xml', 'application/xml; charset=utf-8'],
    ['feed.xml', 'application/atom+xml; charset=utf-8'],
    ['feed.json', 'application/feed+json; charset=utf-8'],
    ['robots.txt', 'text/plain; charset=utf-8'],
    ['IMAGE.JPG', 'image/jpeg'],
    ['noextension', 'application/octet-stream'],
  ])('GIVEN the key %j WHEN served THEN its type is %j', (key, type) => {
    expect(contentTypeFor(key)).toBe(type);
  });
});
