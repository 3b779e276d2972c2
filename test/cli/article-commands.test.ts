import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeInput } from '../../lambdas/core/decode';

const ROOT = path.resolve(__dirname, '../..');
const LAUNCHER = path.join(ROOT, 'bin/schemapress.cjs');
const FIXTURES = path.join(ROOT, 'test/fixtures/cli');
const fixture = (name: string) => path.join(FIXTURES, name);

interface Run {
  readonly status: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
  readonly text: string;
}

/** Runs the CLI the way `npx schemapress` does: node + the .cjs launcher. */
function schemapress(...args: string[]): Run {
  const result = spawnSync(process.execPath, [LAUNCHER, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr.toString('utf8'),
    text: result.stdout.toString('utf8'),
  };
}

function articleNode(jsonld: {
  '@graph': Array<Record<string, unknown>>;
}): Record<string, unknown> | undefined {
  return jsonld['@graph'].find((node) => String(node['@type']).endsWith('Article'));
}

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'schemapress-cli-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('schemapress (dispatch)', () => {
  it('prints usage and exits 2 for an unknown command', () => {
    const run = schemapress('frobnicate');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('unknown command "frobnicate"');
    expect(run.stderr).toContain('Usage: schemapress <command>');
  });

  it('prints usage and exits 0 for --help, listing every command', () => {
    const run = schemapress('--help');
    expect(run.status).toBe(0);
    for (const command of ['extract', 'enrich', 'validate', 'run', 'records', 'sitemaps']) {
      expect(run.text).toContain(`  ${command}`);
    }
  });
});

describe('schemapress extract', () => {
  it('prints the JSON-LD of one file as pretty JSON', () => {
    // WHEN
    const run = schemapress(
      'extract',
      '--url',
      'https://courier.example.com/x',
      fixture('harbour-article.html'),
    );
    // THEN
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.text).toMatch(/^\{\n {2}"@context": "https:\/\/schema.org"/);
    const jsonld = JSON.parse(run.text);
    expect(articleNode(jsonld)).toMatchObject({
      '@type': 'NewsArticle',
      headline: 'Harbour reopens after three-day storm',
      '@id': 'https://courier.example.com/news/2024/05/01/harbour-reopens#article',
    });
  });

  it('prints one JSON document per file for several files', () => {
    const run = schemapress('extract', fixture('harbour-article.html'), fixture('garden-notes.md'));
    expect(run.status).toBe(0);
    const documents = run.text.split(/\n(?=\{)/).map((part) => JSON.parse(part));
    expect(documents).toHaveLength(2);
    expect(articleNode(documents[1])?.headline).toBe('Planting tomatoes in a small balcony garden');
  });

  it('with --jsonl, gives every file its line, the bad one with its error, and exits 1', () => {
    // GIVEN two good files around an empty one
    const files = [fixture('harbour-article.html'), fixture('empty.html'), fixture('library-hours.txt')];
    // WHEN
    const run = schemapress('extract', '--jsonl', ...files);
    // THEN
    expect(run.status).toBe(1);
    const lines = run.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.file, line.ok])).toEqual([
      [files[0], true],
      [files[1], false],
      [files[2], true],
    ]);
    expect(lines[1].error).toEqual({ code: 'EMPTY_INPUT', message: expect.stringContaining('empty') });
    expect(lines[0].report).toMatchObject({ valid: expect.any(Boolean), errors: expect.any(Array) });
    expect(articleNode(lines[2].jsonld)?.headline).toBe('Library extends opening hours for exam season');
  });

  it('with --manifest, processes each file with its URL and echoes extra keys', () => {
    // GIVEN a manifest with URLs, ids, a missing file and a broken line
    const manifest = path.join(workDir, 'manifest.jsonl');
    writeFileSync(
      manifest,
      [
        JSON.stringify({
          file: fixture('dates-out-of-order.html'),
          url: 'https://town.example/lanes',
          id: 'p1',
          corpus: 'c',
        }),
        JSON.stringify({ file: fixture('no-such-file.html'), url: 'https://town.example/none', id: 'p2' }),
        'not json',
        JSON.stringify({
          file: fixture('garden-notes.md'),
          url: 'https://garden.example/tomatoes',
          id: 'p3',
        }),
        '',
      ].join('\n'),
    );
    // WHEN
    const run = schemapress('extract', '--manifest', manifest);
    // THEN
    expect(run.status).toBe(1);
    const lines = run.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ id: 'p1', corpus: 'c', ok: true });
    expect(articleNode(lines[0].jsonld)?.['@id']).toBe('https://town.example/lanes#article');
    expect(lines[1]).toMatchObject({ id: 'p2', ok: false, error: { code: 'READ_FAILED' } });
    expect(lines[2]).toMatchObject({ line: 3, ok: false, error: { code: 'BAD_MANIFEST_LINE' } });
    expect(lines[3]).toMatchObject({ id: 'p3', ok: true });
    expect(articleNode(lines[3].jsonld)?.['@id']).toBe('https://garden.example/tomatoes#article');
  });

  it('refuses bad options with usage and exit code 2', () => {
    expect(schemapress('extract', '--bogus', fixture('harbour-article.html')).status).toBe(2);
    const badUrl = schemapress('extract', '--url', 'not a url', fixture('harbour-article.html'));
    expect(badUrl.status).toBe(2);
    expect(badUrl.stderr).toContain('--url must be an absolute http(s) URL');
    const tooSmall = schemapress('extract', '--jsonl', '--max-bytes', '100', fixture('harbour-article.html'));
    expect(tooSmall.status).toBe(1);
    expect(JSON.parse(tooSmall.text).error.code).toBe('INPUT_TOO_LARGE');
  });

  it('GIVEN a page that outlasts its --time-budget WHEN extracted THEN it is refused as PAGE_TOO_COMPLEX and the next file still gets its answer', () => {
    // GIVEN a long page (20,000 paragraphs: under every pre-scan limit, seconds of jsdom work)
    const longPage = path.join(workDir, 'long.html');
    const paragraphs = Array.from({ length: 20_000 }, (_, i) => `<p>Paragraph ${i} of the long page.</p>`);
    writeFileSync(
      longPage,
      `<!doctype html><html><head><title>Long</title></head><body><article><h1>Long</h1>${paragraphs.join('')}</article></body></html>`,
    );

    // WHEN it runs in the page worker with a 20 ms budget, followed by a missing file
    const run = schemapress(
      'extract',
      '--jsonl',
      '--time-budget',
      '20',
      longPage,
      path.join(workDir, 'nope.html'),
    );

    // THEN the page is stopped with the typed refusal, and the command goes on and exits 1
    expect(run.status).toBe(1);
    const lines = run.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.ok, line.error?.code])).toEqual([
      [false, 'PAGE_TOO_COMPLEX'],
      [false, 'READ_FAILED'],
    ]);
    expect(lines[0].error.message).toContain('time budget of 20 ms');
  });

  it('uses --publisher-name and --publisher-logo when the page names no publisher', () => {
    const run = schemapress(
      'extract',
      '--publisher-name',
      'Town Gazette',
      '--publisher-logo',
      'https://town.example/logo.png',
      fixture('dates-out-of-order.html'),
    );
    const jsonld = JSON.parse(run.text);
    const organization = jsonld['@graph'].find(
      (node: Record<string, unknown>) => node['@type'] === 'Organization',
    );
    expect(organization).toMatchObject({
      name: 'Town Gazette',
      logo: { url: 'https://town.example/logo.png' },
    });
  });
});

describe('schemapress enrich', () => {
  it('writes the enriched page with one JSON-LD article block', () => {
    const run = schemapress('enrich', fixture('harbour-article.html'));
    expect(run.status).toBe(0);
    const page = run.text;
    expect(page.startsWith('<!DOCTYPE html>\n<html lang=')).toBe(true);
    const articleBlocks = page.match(/<script type="application\/ld\+json">[^<]*"NewsArticle"/g) ?? [];
    expect(articleBlocks).toHaveLength(1);
    // The page's breadcrumb block is kept as it was.
    expect(page).toContain('{"@context":"https://schema.org","@type":"BreadcrumbList"');
    expect(page).toContain('<p>Ferries and fishing boats returned to the harbour on Wednesday morning');
  });

  it('writes a windows-1252 page as UTF-8 bytes that declare UTF-8', () => {
    const run = schemapress('enrich', fixture('cafe-windows-1252.html'));
    expect(run.status).toBe(0);
    const decoded = decodeInput(new Uint8Array(run.stdout), { sourceName: 'out.html' });
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('<meta charset="utf-8">');
    expect(decoded.text).toContain('Café da praça reabre após obras');
  });

  it('needs exactly one file', () => {
    const run = schemapress('enrich', fixture('harbour-article.html'), fixture('garden-notes.md'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('exactly one FILE');
  });
});

describe('schemapress validate', () => {
  it('exits 0 for files without errors, printing warnings with their path', () => {
    const run = schemapress(
      'validate',
      '--url',
      'https://courier.example.com/x',
      fixture('harbour-article.html'),
    );
    expect(run.status).toBe(0);
    expect(run.text).toContain(`${fixture('harbour-article.html')}: valid`);
  });

  it('exits 1 when a file has errors, naming code and path', () => {
    const run = schemapress('validate', fixture('harbour-article.html'), fixture('dates-out-of-order.html'));
    expect(run.status).toBe(1);
    expect(run.text).toContain(`${fixture('dates-out-of-order.html')}: INVALID`);
    expect(run.text).toMatch(/error +DATE_MODIFIED_BEFORE_PUBLISHED +\$\["@graph"\]\[0\]\.dateModified/);
  });

  it('prints its help with --help', () => {
    const run = schemapress('validate', '--help');
    expect(run.status).toBe(0);
    expect(run.text).toContain('Usage: schemapress validate');
  });
});

describe('article commands: bad command lines', () => {
  it.each([
    [['validate', '--no-such-option', 'x.html'], /schemapress validate: .*no-such-option/],
    [['validate'], /schemapress validate: no FILE given/],
    [
      ['enrich', '--max-bytes', 'lots', 'x.html'],
      /schemapress enrich: --max-bytes must be a positive whole number/,
    ],
    [
      ['validate', '--time-budget', '0', 'x.html'],
      /schemapress validate: --time-budget must be a positive whole number of milliseconds/,
    ],
    [
      ['extract', '--manifest', 'm.jsonl', 'x.html'],
      /schemapress extract: give either FILE arguments or --manifest/,
    ],
    [
      ['extract', '--publisher-logo', 'https://x.test/l.png', 'x.html'],
      /schemapress extract: .*need --publisher-name/,
    ],
  ])('GIVEN %j WHEN run THEN it exits 2 with the problem and the usage', (args, problem) => {
    // WHEN
    const run = schemapress(...args);

    // THEN
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(problem);
    expect(run.stderr).toContain(`Usage: schemapress ${args[0]}`);
  });
});
