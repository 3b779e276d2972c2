import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_PAGE_WORKER_YOUNG_GENERATION_MB } from '../../lambdas/adapters/page-worker';
import { startPipelineWorker } from '../../scripts/lib/bench-pipeline';

const PAGE = fs.readFileSync(path.join(__dirname, '../fixtures/pages/amp-article.html'));

describe('bench pipeline worker', () => {
  test('runs the pipeline with the page worker heap, times its stages and counts its collections', async () => {
    // GIVEN the bench's pipeline worker
    const worker = startPipelineWorker();
    try {
      // THEN it has the page worker's young generation
      expect(worker.resourceLimits.maxYoungGenerationSizeMb).toBe(DEFAULT_PAGE_WORKER_YOUNG_GENERATION_MB);
      // WHEN a page is processed, unmeasured and then measured
      await worker.run({ bytes: PAGE }, false);
      const run = await worker.run({ bytes: PAGE, url: 'https://news.example/story' }, true);
      // THEN every stage of the pipeline was timed, within the call's wall time
      if (!run.ok) throw new Error(run.stack);
      expect(Object.keys(run.timings).sort()).toEqual(
        ['decode', 'encode', 'enrich', 'extract', 'jsonld', 'parse', 'validate'].sort(),
      );
      const stagesMs = Object.values(run.timings).reduce((sum, ms) => sum + (ms ?? 0), 0);
      expect(stagesMs).toBeGreaterThan(0);
      expect(stagesMs).toBeLessThanOrEqual(run.wallMs);
      // AND the GC figures cover the one measured call
      const gc = await worker.gcFigures();
      expect(gc.minorPageFaultsPerPage).toBeGreaterThanOrEqual(0);
      expect(gc.scavenges).toBeGreaterThanOrEqual(0);
    } finally {
      await worker.close();
    }
  }, 60_000);

  test('reports a page the pipeline refuses with its error code', async () => {
    // GIVEN the bench's pipeline worker
    const worker = startPipelineWorker();
    try {
      // WHEN an empty file is processed
      const run = await worker.run({ bytes: new Uint8Array(0) }, true);
      // THEN it is refused with the pipeline's code, not as a crash
      expect(run.ok).toBe(false);
      if (!run.ok) expect(run.code).toBe('EMPTY_INPUT');
    } finally {
      await worker.close();
    }
  }, 60_000);
});
