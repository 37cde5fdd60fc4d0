// Static assets (stylesheet, small enhancement scripts), read once at start and served under a name that
// carries their content hash, so browsers may cache them for a year and never see a stale copy.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { PUBLIC } from '../kernel/authz.js';

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

interface Asset {
  body: Buffer;
  type: string;
  hashedName: string;
}

function assetsDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  // The compiled build runs from dist/src/web; the assets stay in src/web/assets.
  return path.join(here.replace(`${path.sep}dist${path.sep}src${path.sep}`, `${path.sep}src${path.sep}`), 'assets');
}

function load(): Map<string, Asset> {
  const dir = assetsDir();
  const map = new Map<string, Asset>();
  for (const file of readdirSync(dir)) {
    const ext = path.extname(file);
    const type = types[ext];
    if (!type) continue;
    const body = readFileSync(path.join(dir, file));
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    map.set(file, { body, type, hashedName: `${path.basename(file, ext)}.${hash}${ext}` });
  }
  return map;
}

const assets = load();
const byHashedName = new Map([...assets.values()].map((a) => [a.hashedName, a]));

/** The URL of an asset by its file name, e.g. assetUrl('site.css') -> '/assets/site.3f2a9c1b0d4e.css'. */
export function assetUrl(file: string): string {
  const asset = assets.get(file);
  if (!asset) throw new Error(`Unknown asset ${file}`);
  return `/assets/${asset.hashedName}`;
}

export async function assetRoutes(app: FastifyInstance): Promise<void> {
  // Files from memory, no database: visitors need not wait their turn for them (web/visitors.ts).
  app.get<{ Params: { name: string } }>('/assets/:name', { config: { policy: PUBLIC, visitorGate: false } }, async (request, reply) => {
    const asset = byHashedName.get(request.params.name);
    if (!asset) return reply.callNotFound();
    return reply.header('content-type', asset.type).header('cache-control', 'public, max-age=31536000, immutable').send(asset.body);
  });
}
