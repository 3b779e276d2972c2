import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../..');

/**
 * Runs `script` in a child node with --expose-gc and returns by how many KB the old
 * generation grew per round in which the script's `round()` ran between forced young-generation
 * collections (the median of 9 rounds).
 */
export function oldGenerationGrowthKb(script: string): number {
  const measure = `
    const v8 = require('node:v8');
    ${script}
    const old = () => v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space').space_used_size;
    const minor = () => { gc({ type: 'minor' }); gc({ type: 'minor' }); };
    const growth = [];
    for (let i = 0; i < 9; i++) { minor(); const before = old(); round(); minor(); growth.push(old() - before); }
    growth.sort((a, b) => a - b);
    process.stdout.write(String(Math.round(growth[4] / 1024)));
  `;
  const output = execFileSync(process.execPath, ['--expose-gc', '-r', 'tsx/cjs', '-e', measure], {
    cwd: REPO,
  });
  return Number(output.toString('utf8'));
}
