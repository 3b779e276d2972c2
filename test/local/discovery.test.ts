/**
 * Discovery through the local runtime end to end: the files search engines read (sitemap,
 * News sitemap, Atom and JSON feeds) follow the set of published articles and are served by
 * the local site.
 */
import { type LocalPipeline, startLocalPipeline } from '../../local/pipeline';
import { articlePage, temporaryDir } from './helpers';

const FAST = { batchWindowMs: 20, retryBaseDelayMs: 20, reconcileIntervalMs: 0 } as const;
const HOUR_MS = 60 * 60 * 1000;

describe('local runtime: sitemaps and feeds', () => {
  const data = temporaryDir('discovery-data');
  let pipeline: LocalPipeline;

  beforeAll(async () => {
    pipeline = await startLocalPipeline({ dataDir: data.path, ...FAST });
  }, 120_000);

  afterAll(async () => {
    await pipeline?.stop();
    data.remove();
  });

  const served = async (path: string): Promise<{ status: number; body: string }> => {
    const response = await fetch(new URL(path, pipeline.url));
    return { status: response.status, body: await response.text() };
  };

  it('GIVEN three published articles WHEN one is removed THEN every discovery file lists exactly the other two', async () => {
    // GIVEN three recent articles (inside the News sitemap's two-day window)
    const recent = (hoursAgo: number) => new Date(Date.now() - hoursAgo * HOUR_MS).toISOString();
    await pipeline.putSource('ferry.html', articlePage('Ferry timetable changes', 'Ada Lovelace', recent(1)));
    await pipeline.putSource('library.html', articlePage('Library opens late', 'Grace Hopper', recent(2)));
    await pipeline.putSource('bridge.html', articlePage('Bridge repairs begin', 'Alan Turing', recent(3)));
    expect((await pipeline.drain()).published).toBe(3);
    expect((await served('sitemap.xml')).body).toContain('articles/bridge.html');

    // WHEN one is removed
    await pipeline.deleteSource('bridge.html');
    await pipeline.drain();

    // THEN the sitemap, the News sitemap and both feeds, served by the local site, list the other two only
    for (const file of ['sitemap.xml', 'news-sitemap.xml', 'feed.xml', 'feed.json']) {
      const { status, body } = await served(file);
      expect({ file, status }).toEqual({ file, status: 200 });
      expect({ file, ferry: body.includes('articles/ferry.html') }).toEqual({ file, ferry: true });
      expect({ file, library: body.includes('articles/library.html') }).toEqual({ file, library: true });
      expect({ file, bridge: body.includes('articles/bridge.html') }).toEqual({ file, bridge: false });
    }
    const news = (await served('news-sitemap.xml')).body;
    expect(news.match(/<url>/g)).toHaveLength(2);
    expect(news).toContain('<news:title>Ferry timetable changes</news:title>');
    const feed = JSON.parse((await served('feed.json')).body) as { items: { title: string }[] };
    expect(feed.items.map((item) => item.title).sort()).toEqual([
      'Ferry timetable changes',
      'Library opens late',
    ]);
    expect((await served('robots.txt')).body).toMatch(/^Sitemap: .*sitemap\.xml$/m);
  }, 120_000);
});
