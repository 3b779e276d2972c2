import { PipelineGcMeter } from '../../scripts/lib/bench-gc';

/**
 * Allocates objects that stay reachable until the call returns (so that the optimizing compiler
 * cannot remove them): about 100 MB, several times what the young generation holds at most
 * (2 x 16 MB), so the call is collected however full the young generation was before it.
 */
function churn(): number {
  const kept: Array<{ i: number; text: string; list: number[] }> = [];
  for (let i = 0; i < 1_000_000; i++) kept.push({ i, text: `item ${i}`, list: [i, i + 1, i + 2] });
  return kept.length;
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
    expect(results).toEqual([1_000_000, 1_000_000]);
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
