import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DurableQueue } from '../../local/durable-queue';

describe('DurableQueue', () => {
  let dir: string;
  let now: number;
  const open = (maxReceiveCount = 3) =>
    new DurableQueue({
      queueDir: join(dir, 'queue'),
      deadLetterDir: join(dir, 'dead-letter'),
      maxReceiveCount,
      retryBaseDelayMs: 100,
      retryMaxDelayMs: 1_000,
      clock: () => now,
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'queue-'));
    now = 1_000_000;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('GIVEN 25 messages WHEN received in batches of 10 THEN they come oldest first and are gone once acknowledged', () => {
    const queue = open();
    const sent = Array.from({ length: 25 }, (_, i) => queue.send(`body-${i}`));
    const first = queue.receive(10);
    expect(first.map((m) => m.body)).toEqual(sent.slice(0, 10).map((m) => m.body));
    expect(first.every((m) => m.receiveCount === 1)).toBe(true);
    // In flight: not handed out twice.
    expect(queue.receive(10).map((m) => m.body)).toEqual(sent.slice(10, 20).map((m) => m.body));
    for (const m of first) queue.ack(m.messageId);
    expect(queue.depth).toBe(15);
    expect(readdirSync(join(dir, 'queue'))).toHaveLength(15);
  });

  it('GIVEN a failed message WHEN released THEN it comes back only after the backoff, with its count increased', () => {
    const queue = open();
    queue.send('x');
    const [message] = queue.receive(10);
    expect(queue.release(message?.messageId as string, 'boom')).toBe('retry');
    expect(queue.receive(10)).toEqual([]);
    expect(queue.nextVisibleAt()).toBe(now + 100);
    now += 100;
    const [again] = queue.receive(10);
    expect(again?.receiveCount).toBe(2);
    queue.release(again?.messageId as string, 'boom');
    // Exponential: the second wait is twice the first.
    expect(queue.nextVisibleAt()).toBe(now + 200);
  });

  it('GIVEN a message failing maxReceiveCount times WHEN released THEN it lands in the dead-letter folder with the reason', () => {
    const queue = open(2);
    queue.send('poison');
    for (let attempt = 1; attempt <= 2; attempt++) {
      now += 10_000;
      const [message] = queue.receive(1);
      expect(queue.release(message?.messageId as string, `failure ${attempt}`)).toBe(
        attempt < 2 ? 'retry' : 'dead-letter',
      );
    }
    expect(queue.depth).toBe(0);
    const letters = readdirSync(join(dir, 'dead-letter'));
    expect(letters).toHaveLength(1);
    const letter = JSON.parse(readFileSync(join(dir, 'dead-letter', letters[0] as string), 'utf8'));
    expect(letter).toMatchObject({ body: 'poison', receiveCount: 2, lastError: 'failure 2' });
    expect(queue.deadLetters()).toHaveLength(1);
  });

  it('GIVEN a process that died while a batch was in flight WHEN the queue is opened again THEN the batch is delivered again', () => {
    const crashed = open();
    crashed.send('a');
    crashed.send('b');
    crashed.receive(10);
    // No ack, no release: the process is gone.
    const restarted = open();
    const redelivered = restarted.receive(10);
    expect(redelivered.map((m) => m.body)).toEqual(['a', 'b']);
    expect(redelivered.map((m) => m.receiveCount)).toEqual([2, 2]);
  });
});
