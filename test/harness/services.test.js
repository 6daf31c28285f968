'use strict';
// The services' restarts (test/harness/services.js), the faults the queue suites inject: Redis with and
// without its append-only file, PostgreSQL stopped fast or immediately (a crash). Real redis-server and
// PostgreSQL from Debian's packages (installed when missing, as the queue suites do).
const { ensureDebianPackages, Postgres, Redis } = require('./services');
const { waitUntil } = require('./wait');

jest.setTimeout(180000);

beforeAll(() => ensureDebianPackages(['postgresql', 'redis-server']));

describe.each([
	[false, 'SIGTERM', null],
	[false, 'SIGKILL', null],
	[true, 'SIGTERM', 'kept'],
])('Redis, appendonly %s, restarted after %s', (appendonly, signal, after) => {
	let redis;
	afterAll(() => redis && redis.stop());

	test(`same port, a new process, the key ${after ? 'kept' : 'gone'}`, async () => {
		redis = await Redis.start({ name: `harness-redis-${appendonly}-${signal}`, appendonly });
		const { port, pid } = redis;
		expect(await redis.command(['SET', 'job', 'kept'])).toBe('+OK');
		expect(await redis.command(['GET', 'job'])).toBe('kept');
		await redis.restart({ signal });
		expect([redis.port, redis.pid === pid]).toEqual([port, false]);
		expect(await redis.command(['GET', 'job'])).toBe(after);
	});
});

describe('PostgreSQL', () => {
	let pg;
	beforeAll(async () => {
		pg = await Postgres.start({ name: 'harness-pg', databases: ['faults'] });
	});
	afterAll(() => pg && pg.stop());

	test.each(['fast', 'immediate'])('restart -m %s: same port, a new postmaster, committed rows kept, old connections cut', async (mode) => {
		const db = { database: 'faults' };
		await pg.query(`CREATE TABLE IF NOT EXISTS t_${mode} (n int)`, db);
		await pg.query(`INSERT INTO t_${mode} VALUES (1), (2)`, db);
		// a session open across the restart is cut, as n8n's pool connections are
		const held = pg.psql('faults', ['-c', 'SELECT pg_sleep(60)']);
		await waitForBackend(pg);
		const { port, pid } = pg;
		await pg.restart({ mode });
		await expect(held).rejects.toThrow(/terminat|server closed the connection/i);
		expect([pg.port, pg.pid === pid]).toEqual([port, false]);
		expect(await pg.query(`SELECT sum(n) FROM t_${mode}`, db)).toBe('3');
	});
});

/** Until the pg_sleep session shows up in pg_stat_activity. */
const waitForBackend = (pg) =>
	waitUntil(
		'the held session',
		async () => (await pg.query("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%'")) !== '0',
		{
			timeoutMs: 20000,
			intervalMs: 100,
		},
	);
