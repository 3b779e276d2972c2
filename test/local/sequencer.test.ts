import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareSequencers, isValidSequencer } from '../../lambdas/core/s3-event';
import { PersistentSequencer } from '../../local/sequencer';

describe('PersistentSequencer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sequencer-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('GIVEN many sequencers in the same millisecond WHEN issued THEN each is greater than the last', () => {
    const sequencer = new PersistentSequencer(join(dir, 'seq.json'), () => 1_700_000_000_000);
    const issued = Array.from({ length: 50 }, () => sequencer.next());
    for (let i = 1; i < issued.length; i++) {
      expect(compareSequencers(issued[i - 1] as string, issued[i] as string)).toBeLessThan(0);
    }
    expect(issued.every((s) => isValidSequencer(s) && /^[0-9A-F]{18}$/.test(s))).toBe(true);
  });

  it('GIVEN a restart with a clock that went back WHEN issuing again THEN sequencers keep increasing', () => {
    const file = join(dir, 'seq.json');
    const before = new PersistentSequencer(file, () => 1_800_000_000_000).next();
    const after = new PersistentSequencer(file, () => 1_600_000_000_000).next();
    expect(compareSequencers(before, after)).toBeLessThan(0);
  });

  it('GIVEN a lost state file WHEN a new sequencer is issued later THEN the clock floor keeps it increasing', () => {
    const first = new PersistentSequencer(join(dir, 'a.json'), () => 1_700_000_000_000).next();
    const second = new PersistentSequencer(join(dir, 'b.json'), () => 1_700_000_000_001).next();
    expect(compareSequencers(first, second)).toBeLessThan(0);
  });
});
