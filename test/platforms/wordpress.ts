// A throwaway WordPress for the migration tests: Debian's wordpress package (installed by
// scripts/install-platforms.sh) copied into a temporary folder, on its own MariaDB server (socket only,
// no TCP) and PHP's built-in web server on 127.0.0.1. `stop()` ends both servers and removes everything.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answers, freePort, run, startService, waitFor, type Service } from './processes.js';

const HERE = fileURLToPath(new URL('./wordpress/', import.meta.url));
const WORDPRESS = '/usr/share/wordpress';

export interface WordpressSite {
  url: string;
  user: string;
  password: string;
  /** The site's folder (uploads under wp-content/uploads). */
  root: string;
  /** Runs SQL on the site's database; returns tab-separated rows. */
  sql(query: string): Promise<string>;
  stop(): Promise<void>;
}

/** Fails (never skips) when the packages are missing: CI must have run scripts/install-platforms.sh. */
export function requireWordpress(): void {
  for (const path of [`${WORDPRESS}/wp-load.php`, `${WORDPRESS}/wp-content/themes/twentytwentyone`, '/usr/sbin/mariadbd', '/usr/bin/php']) {
    assert.ok(existsSync(path), `${path} is missing: run scripts/install-platforms.sh`);
  }
}

export async function startWordpress(): Promise<WordpressSite> {
  requireWordpress();
  const base = await mkdtemp(join(tmpdir(), 'bv-wp-'));
  const services: Service[] = [];
  const stop = async () => {
    for (const service of services.reverse()) await service.stop();
    await rm(base, { recursive: true, force: true });
  };
  try {
    const data = join(base, 'db');
    const socket = join(base, 'mysqld.sock');
    const init = await run('mariadb-install-db', ['--no-defaults', '--user=root', `--datadir=${data}`, '--auth-root-authentication-method=normal', '--skip-test-db'], { timeoutMs: 120_000 });
    assert.equal(init.code, 0, `mariadb-install-db failed:\n${init.stdout}${init.stderr}`);
    const db = startService('mariadbd', '/usr/sbin/mariadbd', ['--no-defaults', '--user=root', `--datadir=${data}`, `--socket=${socket}`, '--skip-networking', `--pid-file=${join(base, 'mysqld.pid')}`, '--innodb-buffer-pool-size=32M'], { log: join(base, 'mariadb.log') });
    services.push(db);
    await waitFor(db, async () => existsSync(socket), 60_000);
    const sql = async (query: string) => {
      const result = await run('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '-N', '-B', '-e', query], { timeoutMs: 30_000 });
      assert.equal(result.code, 0, `SQL failed: ${query}\n${result.stderr}`);
      return result.stdout;
    };
    await sql('CREATE DATABASE wordpress CHARACTER SET utf8mb4');

    const root = join(base, 'wp');
    // Debian links a few files to /etc and /usr/share/php: copy what they point at; its htaccess is not needed.
    await cp(WORDPRESS, root, { recursive: true, dereference: true, filter: (src) => !src.endsWith('/.htaccess') && !src.endsWith('/wp-config.php') });
    await mkdir(join(root, 'wp-content', 'uploads'), { recursive: true });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const config = (await readFile(join(HERE, 'wp-config.php.in'), 'utf8')).replaceAll('@HOME@', url).replaceAll('@SOCKET@', socket);
    await writeFile(join(root, 'wp-config.php'), config);
    await cp(join(HERE, 'router.php'), join(root, 'router.php'));
    const install = await run('php', [join(HERE, 'install.php'), root], { env: { ...process.env, BV_WP_HOME: url }, timeoutMs: 120_000 });
    assert.equal(install.code, 0, `WordPress install failed:\n${install.stdout}${install.stderr}`);
    const { user, password } = JSON.parse(install.stdout.trim().split('\n').pop()!) as { user: string; password: string };

    // Four workers: the archive crawl and image downloads run requests in parallel.
    const php = startService('php -S', 'php', ['-S', `127.0.0.1:${port}`, '-t', root, join(root, 'router.php')], { cwd: root, env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' }, log: join(base, 'php.log') });
    services.push(php);
    await waitFor(php, () => answers(`${url}/`), 60_000);
    return { url, user, password, root, sql, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
