import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalFixture, type PortalFixture } from '../support/portal.js';

/** Issue 18, point 11: the site has an icon, linked from every page and cached. */
describe('the favicon', () => {
  let f: PortalFixture;

  beforeAll(async () => {
    f = await createPortalFixture();
  });
  afterAll(async () => {
    await f?.database.close();
  });

  it('is linked from a page’s head and served as SVG, cached for a year under its fingerprint', async () => {
    const html = await (await f.app.request('/login?lang=kk')).text();
    const href = /<link rel="icon" type="image\/svg\+xml" href="([^"]+)"/.exec(html)?.[1];
    expect(href).toMatch(/^\/assets\/favicon\.svg\?v=[0-9a-f]+$/);
    const icon = await f.app.request(href!);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const svg = await icon.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.length).toBeLessThan(1024);
  });

  it('answers /favicon.ico, which browsers ask for on their own, with a cached redirect to it', async () => {
    const html = await (await f.app.request('/')).text();
    const href = /<link rel="icon" type="image\/svg\+xml" href="([^"]+)"/.exec(html)?.[1];
    const ico = await f.app.request('/favicon.ico');
    expect(ico.status).toBe(301);
    expect(ico.headers.get('location')).toBe(href);
    expect(ico.headers.get('cache-control')).toBe('public, max-age=86400');
    // Anything else under /assets is still unknown.
    expect((await f.app.request('/assets/favicon.png')).status).toBe(404);
  });
});
