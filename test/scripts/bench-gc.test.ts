import { PipelineGcMeter } from '../../scripts/lib/bench-gc';

/** Allocates short-lived objects until the young generation has been collected several times. */
function churn(): number {
  let kept = 0;
  for (let i = 0; i < 400_000; i++) {
    const item = { i, text: `item ${i}`, list: [i, i + 1, i + 2] };
    kept += item.list.length;
  }
  return kept;
}

describe('PipelineGcMeter', () => {
  it('counts the collections that start inside measured calls, and only those', async () => {
    // GIVEN a meter, with allocation both outside and inside the measured calls
    const meter = new PipelineGcMeter();
    churn();
    // WHEN two calls allocate enough to be collected
    const results = [meter.measure(churn), meter.measure(churn)];
    churn();
    const figures = await meter.figures();
    // THEN the calls' own results come back, and their scavenges are counted with their pauses
    expect(results).toEqual([1_200_000, 1_200_000]);
    expect(figures.scavenges).toBeGreaterThan(0);
    expect(figures.scavengeMs).toBeGreaterThanOrEqual(0);
    expect(figures.shareOfWall).toBeGreaterThan(0);
    expect(figures.shareOfWall).toBeLessThanOrEqual(1);
    expect(figures.minorPageFaultsPerPage).toBeGreaterThanOrEqual(0);
  });

  it('reports nothing for collections outside any measured call', async () => {
    // GIVEN a meter whose only call allocates nothing
    const meter = new PipelineGcMeter();
    churn();
    meter.measure(() => 0);
    churn();
    // WHEN the figures are read
    const figures = await meter.figures();
    // THEN the scavenges around the call are not counted
    expect(figures.scavenges).toBe(0);
    expect(figures.scavengeMs).toBe(0);
    expect(figures.otherMs).toBe(0);
  });
});
