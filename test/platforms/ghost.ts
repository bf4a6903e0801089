// A throwaway Ghost for the migration tests: the `ghost` npm package installed by
// scripts/install-platforms.sh into test/platforms/ghost/app (its own lock file), run on SQLite in a
// temporary content folder on 127.0.0.1, set up with an owner and a custom integration (its Admin API key).
// Every outside call Ghost would make is switched off (update check, Gravatar, pings; stub mail). `stop()` ends it and
// removes the folder.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answers, freePort, startService, waitFor } from './processes.js';

export const GHOST_APP = fileURLToPath(new URL('./ghost/app/', import.meta.url));

export interface GhostSite {
  url: string;
  /** The custom integration's Admin API key, `id:secret`. */
  adminKey: string;
  /** Admin API call as the signed-in owner (session cookie), for what integrations may not do. */
  staff(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

export function requireGhost(): void {
  assert.ok(existsSync(join(GHOST_APP, '.installed')), `Ghost is not installed in ${GHOST_APP}: run scripts/install-platforms.sh`);
}

const OWNER = { name: 'Test Owner', email: 'owner@example.com', password: randomBytes(18).toString('base64url'), blogTitle: 'Migrated Blog' };

export async function startGhost(): Promise<GhostSite> {
  requireGhost();
  const base = await mkdtemp(join(tmpdir(), 'bv-ghost-'));
  const content = join(base, 'content');
  let service: ReturnType<typeof startService> | undefined;
  const stop = async () => {
    await service?.stop();
    await rm(base, { recursive: true, force: true });
  };
  try {
    await cp(join(GHOST_APP, 'content'), content, { recursive: true });
    // Ghost finds its own package through `current` in its working folder, as Ghost-CLI lays it out.
    await symlink(GHOST_APP, join(base, 'current'), 'dir');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      url,
      server__host: '127.0.0.1',
      server__port: String(port),
      database__client: 'sqlite3',
      database__connection__filename: join(content, 'data', 'ghost.db'),
      database__useNullAsDefault: 'true',
      paths__contentPath: content,
      mail__transport: 'stub',
      // Each outside call off by itself: the catch-all `useTinfoil` would also drop the structured data
      // (article:published_time, tags) that blogvault reads back.
      privacy__useUpdateCheck: 'false',
      privacy__useGravatar: 'false',
      privacy__useRpcPing: 'false',
      security__staffDeviceVerification: 'false',
      logging__level: 'warn',
      logging__transports: '["stdout"]',
    };
    service = startService('ghost', process.execPath, [join(GHOST_APP, 'index.js')], { cwd: base, env, log: join(base, 'ghost.log') });
    await waitFor(service, () => answers(`${url}/ghost/api/admin/site/`), 180_000);

    const admin = (path: string) => `${url}/ghost/api/admin/${path}`;
    const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify(body) });
    const setup = await fetch(admin('authentication/setup/'), json({ setup: [OWNER] }));
    assert.equal(setup.status, 201, `Ghost setup: HTTP ${setup.status} ${await setup.text()}`);
    const session = await fetch(admin('session/'), json({ username: OWNER.email, password: OWNER.password }));
    assert.ok(session.ok, `Ghost sign-in: HTTP ${session.status} ${await session.text()}`);
    const cookie = session.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const staff = (path: string, init: RequestInit = {}) => fetch(admin(path), { ...init, headers: { origin: url, cookie, ...(init.headers as Record<string, string>) } });
    const made = await staff('integrations/?include=api_keys', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ integrations: [{ name: 'blogvault' }] }) });
    assert.equal(made.status, 201, `Ghost integration: HTTP ${made.status} ${await made.clone().text()}`);
    const keys = ((await made.json()) as { integrations: { api_keys: { type: string; id: string; secret: string }[] }[] }).integrations[0].api_keys;
    const key = keys.find((k) => k.type === 'admin')!;
    // A new Ghost greets with a sample post and tags: the migrated blog starts from an empty site.
    const emptied = await staff('db/', { method: 'DELETE' });
    assert.equal(emptied.status, 204, `emptying Ghost: HTTP ${emptied.status}`);
    // Ghost hands admin keys out already joined as `id:secret`.
    return { url, adminKey: key.secret.includes(":") ? key.secret : `${key.id}:${key.secret}`, staff, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
