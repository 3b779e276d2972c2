/**
 * The real CLI in child processes: `schemapress run --once`, `schemapress records`, and a run
 * killed in the middle of its work, then started again.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { articlePage, temporaryDir } from './helpers';

const CLI = resolve(__dirname, '../../bin/schemapress.cjs');
const REPO = resolve(__dirname, '../..');

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function start(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [CLI, ...args], { cwd: REPO, env: { ...process.env } });
}

function finish(child: ChildProcessWithoutNullStreams): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

const runCli = (args: string[]) => finish(start(args));

/** Resolves with the output so far once a line matches `pattern`. */
function waitForLine(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<string> {
  let output = '';
  return new Promise((resolvePromise, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.split('\n').some((line) => pattern.test(line))) resolvePromise(output);
    });
    child.once('close', (code) =>
      reject(new Error(`exited (${code}) before printing ${pattern}:\n${output}`)),
    );
  });
}

function recordsOf(stdout: string): { id: string; status: string; error?: { code: string } }[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe('schemapress run --once and records', () => {
  const data = temporaryDir('cli-data');
  const incoming = temporaryDir('cli-incoming');
  const out = temporaryDir('cli-out');
  afterAll(() => {
    for (const dir of [data, incoming, out]) dir.remove();
  });

  it('GIVEN a folder with good and bad files WHEN `run --once` runs THEN it exits 0, prints the summary and mirrors the site', async () => {
    // GIVEN
    writeFileSync(join(incoming.path, 'pier.html'), articlePage('Pier to be rebuilt'));
    writeFileSync(
      join(incoming.path, 'garden.md'),
      '# Garden feeds a street\n\nBy Lena Brightwater\n\nVolunteers turned an empty lot into a garden that now supplies a weekly vegetable stall for the whole street.\n',
    );
    writeFileSync(join(incoming.path, 'empty.html'), '');

    // WHEN
    const result = await runCli([
      'run',
      '--once',
      '--data',
      data.path,
      '--out',
      join(out.path, 'site'),
      incoming.path,
    ]);

    // THEN
    expect(result.stderr).not.toMatch(/could not start/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/S3 endpoint: +http:\/\/127\.0\.0\.1:\d+/);
    expect(result.stdout).toMatch(/summary: 2 published, 1 failed/);
    expect(result.stdout).toMatch(/failed incoming\/empty\.html: EMPTY_INPUT/);
    expect(readdirSync(join(out.path, 'site', 'articles')).sort()).toEqual(['garden.md.html', 'pier.html']);
    expect(readFileSync(join(out.path, 'site', 'articles', 'pier.html'), 'utf8')).toContain(
      'application/ld+json',
    );

    // WHEN the records are listed
    const listed = await runCli(['records', '--data', data.path]);

    // THEN
    expect(listed.code).toBe(0);
    expect(recordsOf(listed.stdout).map((r) => [r.id, r.status, r.error?.code])).toEqual([
      ['incoming/empty.html', 'failed', 'EMPTY_INPUT'],
      ['incoming/garden.md', 'published', undefined],
      ['incoming/pier.html', 'published', undefined],
    ]);
  }, 180_000);

  it('GIVEN a missing incoming folder WHEN `run --once` runs THEN it exits 1 and says so', async () => {
    const result = await runCli(['run', '--once', '--data', data.path, join(incoming.path, 'nope')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/does not exist/);
  }, 60_000);
});

describe('schemapress run killed in the middle of its work', () => {
  const data = temporaryDir('kill-data');
  const incoming = temporaryDir('kill-incoming');
  const out = temporaryDir('kill-out');
  afterAll(() => {
    for (const dir of [data, incoming, out]) dir.remove();
  });

  it('GIVEN a run processing 40 files WHEN it is killed after its first batch and started again THEN every file ends up published', async () => {
    // GIVEN
    const names = Array.from({ length: 40 }, (_, i) => `story-${String(i).padStart(2, '0')}.html`);
    for (const [i, name] of names.entries())
      writeFileSync(join(incoming.path, name), articlePage(`Story number ${i}`));
    const running = start(['run', '--data', data.path, '--port', '0', incoming.path]);
    const closed = finish(running);
    await waitForLine(running, /^batch 1 /);

    // WHEN `records` reads through the live run, then the run is killed without warning
    const live = await runCli(['records', '--data', data.path]);
    running.kill('SIGKILL');
    await closed;
    expect(live.code).toBe(0);
    expect(recordsOf(live.stdout).length).toBeGreaterThan(0);
    expect(existsSync(join(data.path, 'queue'))).toBe(true);

    // WHEN started again
    const again = await runCli([
      'run',
      '--once',
      '--data',
      data.path,
      '--out',
      join(out.path, 'site'),
      incoming.path,
    ]);

    // THEN (stderr in the failure message says why a run did not finish)
    if (again.code !== 0) throw new Error(`the restarted run exited ${again.code}: ${again.stderr}`);
    const listed = await runCli(['records', '--data', data.path]);
    const records = recordsOf(listed.stdout);
    expect(records.map((r) => r.id)).toEqual(names.map((name) => `incoming/${name}`));
    expect(records.every((r) => r.status === 'published')).toBe(true);
    expect(readdirSync(join(out.path, 'site', 'articles'))).toHaveLength(names.length);
  }, 300_000);
});

describe('schemapress records on a data dir another process holds', () => {
  const data = temporaryDir('locked-data');
  afterAll(() => data.remove());

  it('GIVEN emulators of another process on the data dir (no endpoints.json) WHEN `records` runs THEN it exits 1 and says the dir is in use', async () => {
    // GIVEN
    const { startEmulators } = require('../../local/emulators') as typeof import('../../local/emulators');
    const emulators = await startEmulators({ dataDir: data.path });
    try {
      // WHEN
      const result = await runCli(['records', '--data', data.path]);

      // THEN
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/in use by another process|locked/);
    } finally {
      await emulators.stop();
    }
  }, 120_000);
});
