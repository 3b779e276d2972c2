/**
 * 200 files dropped at once: every one becomes exactly one record, none lost, none processed
 * twice. (The 1,000-file version with throughput and memory figures is in `npm run bench`.)
 */
import { runLoadTest } from '../../local/load-test';

describe('load: 200 files at once', () => {
  it('GIVEN 200 pages dropped at once WHEN the pipeline drains THEN there are exactly 200 published records', async () => {
    // WHEN
    const result = await runLoadTest({ files: 200 });

    // THEN
    expect(result.missing).toEqual([]);
    expect(result.records).toBe(200);
    expect(result.published).toBe(200);
    expect(result.failed).toBe(0);
    expect(result.duplicates).toBe(0);
    // Batches of at most 10, as the SQS event source delivers them.
    expect(result.batches).toBeGreaterThanOrEqual(20);
  }, 300_000);
});
