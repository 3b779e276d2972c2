/**
 * S3 event sequencers for the local runtime: hex strings that only ever grow, so the ingest
 * handler's "newest event wins" rule works as in AWS. One counter for every key (a global
 * order is also an order per key), persisted so a restart keeps increasing, and floored by
 * the clock so even a lost state file cannot make it go back.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Room for this many sequencers per millisecond before the clock floor catches up. */
const COUNTER_BITS = 20n;
/** Width of the hex string; S3's own sequencers are 18 hex digits. */
export const SEQUENCER_WIDTH = 18;

export function formatSequencer(value: bigint): string {
  return value.toString(16).toUpperCase().padStart(SEQUENCER_WIDTH, '0');
}

export class PersistentSequencer {
  private last: bigint;

  /**
   * @param stateFile where the last issued value is kept (written synchronously on every
   *   issue, so the value is on disk before any event carrying it is).
   * @param clock @default Date.now
   */
  constructor(
    private readonly stateFile: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.last = readLastSequencer(stateFile);
  }

  /** The next sequencer, greater than every one issued before, in this process or an earlier one. */
  next(): string {
    const floor = BigInt(this.clock()) << COUNTER_BITS;
    this.last = this.last + 1n > floor ? this.last + 1n : floor;
    const formatted = formatSequencer(this.last);
    mkdirSync(dirname(this.stateFile), { recursive: true });
    const temporary = `${this.stateFile}.tmp`;
    writeFileSync(temporary, JSON.stringify({ last: formatted }));
    renameSync(temporary, this.stateFile);
    return formatted;
  }
}

function readLastSequencer(stateFile: string): bigint {
  try {
    const { last } = JSON.parse(readFileSync(stateFile, 'utf8')) as { last?: unknown };
    return typeof last === 'string' && /^[0-9A-F]+$/i.test(last) ? BigInt(`0x${last}`) : 0n;
  } catch {
    return 0n;
  }
}
