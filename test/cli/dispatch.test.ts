import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../bin/schemapress';

describe('runCli', () => {
  let commandDir: string;
  beforeAll(() => {
    // GIVEN a command directory holding one working command and one without main()
    commandDir = mkdtempSync(path.join(tmpdir(), 'schemapress-commands-'));
    writeFileSync(
      path.join(commandDir, 'extract.js'),
      'exports.main = async (args) => (args[0] === "fail" ? 1 : 0);',
    );
    writeFileSync(path.join(commandDir, 'validate.js'), 'exports.other = 1;');
  });
  afterAll(() => rmSync(commandDir, { recursive: true, force: true }));

  it('passes the remaining arguments to the command and returns its exit code', async () => {
    await expect(runCli(['extract'], { commandDir })).resolves.toBe(0);
    await expect(runCli(['extract', 'fail'], { commandDir })).resolves.toBe(1);
  });

  it('names the missing command module and what to do, instead of a bare MODULE_NOT_FOUND', async () => {
    await expect(runCli(['sitemaps'], { commandDir })).rejects.toThrow(
      /"sitemaps" command is not available in this build \(cli\/sitemaps\.ts is missing\)/,
    );
  });

  it('refuses a module without main()', async () => {
    await expect(runCli(['validate'], { commandDir })).rejects.toThrow(/does not export main\(args\)/);
  });

  it('returns 2 for an unknown command and for no command at all', async () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      await expect(runCli(['nope'], { commandDir })).resolves.toBe(2);
      await expect(runCli([], { commandDir })).resolves.toBe(2);
      expect(String(write.mock.calls[0]?.[0])).toContain('unknown command "nope"');
    } finally {
      write.mockRestore();
    }
  });
});
