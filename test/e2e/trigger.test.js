'use strict';
// The Keyclic Trigger inside a REAL n8n (installed from the npm registry, our package installed as a
// community package, workflows imported and published with n8n's CLI, SQLite), over real HTTP.
// What n8n executed is read back through n8n's public API.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { N8n, nodeOutput, sleep } = require('../harness/n8n');
const { versionsUnderTest } = require('../harness/versions');
const { exampleWorkflow, webhookIdOf, secretCredential, EXAMPLE } = require('../harness/workflows');
const { keyclicFixtures } = require('../support/fixtures');
const { expectedState, badBodies, oddButIdentifiable } = require('../support/expectations');

jest.setTimeout(15 * 60 * 1000);

const TOKEN = 'e2e-secret-token-0123456789abcdef';
const fixtures = keyclicFixtures();

describe.each(versionsUnderTest())('Keyclic Trigger in n8n %s (SQLite)', (version) => {
	let n8n;
	const all = exampleWorkflow(); // examples/keyclic-basic.json: all five events, secret token
	const reportsOnly = exampleWorkflow({
		index: 2,
		name: 'Keyclic: reports only',
		parameters: { events: ['report_created', 'report_state_changed'] },
	});
	const raw = exampleWorkflow({ index: 3, name: 'Keyclic: raw envelope', parameters: { options: { outputRaw: true } } });
	// a workflow saved before typeVersion 2: it must keep working unchanged
	const v1 = exampleWorkflow({ index: 4, name: 'Keyclic: trigger typeVersion 1', typeVersion: 1 });
	// "Accept Unknown Events" on, with reports only selected: an unknown event runs it whatever its resource
	const unknownOn = exampleWorkflow({
		index: 5,
		name: 'Keyclic: reports only, unknown events accepted',
		parameters: { events: ['report_created', 'report_state_changed'], options: { acceptUnknownEvents: true } },
	});
	const workflows = [all, reportsOnly, raw, v1, unknownOn];
	const byVersion = [
		[2, all],
		[1, v1],
	];
	const url = (wf, query = `?token=${TOKEN}`) => n8n.webhookUrl(webhookIdOf(wf), { query });

	// n8n answers a webhook call before it records the execution the call starts: a count taken right after
	// another test's call can miss that execution and see it later as one more (seen: two new executions for
	// one call, the first from the previous test). So every call goes through post(), which counts what the
	// node accepted per workflow, and every count starts from settled(): all accepted calls executed.
	const accepted = Object.fromEntries(workflows.map((wf) => [wf.id, 0]));

	/** POSTs to the workflow's production URL (`query` replaces the token); counts an "accepted" answer. */
	async function post(wf, body, { query, ...opts } = {}) {
		const res = await n8n.post(url(wf, query), body, opts);
		if (res.status === 200 && res.body && res.body.status === 'accepted') accepted[wf.id]++;
		return res;
	}

	/** Waits until every call the workflow accepted has its finished execution; fails on any execution more. */
	async function settled(wf) {
		const list = await n8n.waitForExecutions(wf.id, accepted[wf.id], { includeData: false });
		expect({ workflow: wf.name, executions: list.length }).toEqual({ workflow: wf.name, executions: accepted[wf.id] });
		return list.length;
	}

	/** Posts, then returns how many executions the workflow got beyond the accepted calls, proven with a trailing valid sentinel. */
	async function executionsCausedBy(wf, send) {
		const before = await settled(wf);
		const responses = await send();
		const sentinel = await post(wf, fixtures.find((f) => f.file === 'report_created.json').body);
		expect(sentinel.status).toBe(200);
		const after = await n8n.waitForExecutions(wf.id, accepted[wf.id], { includeData: false });
		await sleep(300); // anything still being written would show up now
		const finalCount = (await n8n.executions(wf.id, { includeData: false })).length;
		return { responses, caused: finalCount - before - 1, after };
	}

	beforeAll(async () => {
		n8n = await N8n.create({ version, name: `e2e-${version}` });
		n8n.importCredentials([secretCredential(TOKEN)]);
		n8n.importWorkflows(workflows);
		n8n.activate(...workflows.map((wf) => wf.id));
		await n8n.start({ waitFor: workflows.map((wf) => `${webhookIdOf(wf)}/webhook`) });
	});

	afterAll(async () => {
		if (n8n) await n8n.stop();
	});

	test('the package is loaded from the community-nodes folder and resolves zod and zod/v4 from n8n itself', async () => {
		const modules = path.join(n8n.userFolder(), '.n8n', 'nodes', 'node_modules');
		const pkg = path.join(modules, 'n8n-nodes-keyclic');
		expect(fs.existsSync(path.join(pkg, 'dist', 'nodes', 'KeyclicTrigger', 'KeyclicTrigger.node.js'))).toBe(true);
		// no node_modules of its own, and no zod beside it: zod (and n8n-workflow) can only come from n8n's install
		expect(fs.existsSync(path.join(pkg, 'node_modules'))).toBe(false);
		expect(fs.existsSync(path.join(modules, 'zod'))).toBe(false);
		const compiled = fs.readFileSync(path.join(pkg, 'dist', 'nodes', 'common', 'schemas.js'), 'utf8');
		expect(compiled).toContain('require("zod/v4")');
		const n8nZod = path.join(n8n.install.dir, 'node_modules', 'zod');
		expect(require(path.join(n8nZod, 'package.json')).version).toMatch(/^3\.25\./);
		// the copy n8n ships has zod 4 under zod/v4, the path our schemas import
		// (asked of Node itself in n8n's folder: jest's own resolver would answer from this repository)
		const probe = "const p=require.resolve('zod/v4');console.log(JSON.stringify({p,loose:typeof require(p).looseObject}))";
		const v4 = JSON.parse(execFileSync(process.execPath, ['-e', probe], { cwd: n8n.install.dir, encoding: 'utf8' }));
		expect(v4.p.startsWith(n8nZod + path.sep)).toBe(true); // e.g. zod/v4/index.cjs (3.25.76), zod/dist/cjs/v4/index.js (3.25.67)
		expect(v4.loose).toBe('function');
		// and n8n really ran our zod/v4 schemas: a notification read best-effort needs them (its execution
		// waited for: the next test counts executions of this workflow)
		const res = await post(all, fixtures.find((f) => f.file === 'report_created.json').body);
		expect(res.status).toBe(200);
		expect(nodeOutput((await n8n.waitForExecutions(all.id, await settled(all)))[0], 'Keyclic Trigger')[0]).toMatchObject({
			event: 'report_created',
			warnings: [],
		});
		expect(n8n.logs()).not.toMatch(/Cannot find module 'zod(\/v4)?'/);
	});

	const fixtureCases = byVersion.flatMap(([typeVersion, wf]) => fixtures.map((f) => [typeVersion, f.file, f.body, wf]));
	test.each(fixtureCases)(
		'typeVersion %i: %s → 200 and exactly one execution with the typed item',
		async (_typeVersion, file, body, wf) => {
			const before = await settled(wf);
			const res = await post(wf, body);
			expect(res.status).toBe(200);
			expect(res.body).toEqual({ status: 'accepted', event: expect.any(String), id: body.payload.id });

			expect(await settled(wf)).toBe(before + 1);
			await sleep(200); // a second execution still being written would show up now
			const executions = await n8n.executions(wf.id);
			expect(executions).toHaveLength(before + 1);
			const newest = executions[0];
			expect(newest.status).toBe('success');

			const [item] = nodeOutput(newest, 'Keyclic Trigger');
			const canonical = body.event.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
			expect(item).toMatchObject({
				event: canonical,
				resourceType: body.payload.type.toLowerCase(),
				id: body.payload.id,
				state: expectedState(body.payload),
				warnings: [],
				payload: body.payload,
			});
			const isReport = body.payload.type === 'Report';
			const downstream = nodeOutput(newest, isReport ? 'Report summary' : 'Operation summary');
			expect(downstream).toHaveLength(1);
			expect(downstream[0]).toMatchObject({
				event: canonical,
				[isReport ? 'reportId' : 'operationId']: body.payload.id,
				state: expectedState(body.payload),
			});
			expect(nodeOutput(newest, isReport ? 'Operation summary' : 'Report summary')).toEqual([]);
		},
	);

	test('both spellings of an event give the same canonical item', async () => {
		const snake = fixtures.find((f) => f.file === 'report_created.json').body;
		const camel = fixtures.find((f) => f.file === 'report_created.camelCase.json').body;
		expect(camel.event).toBe('reportCreated');
		const before = await settled(all);
		expect((await post(all, snake)).status).toBe(200);
		expect((await post(all, camel)).status).toBe(200);
		const executions = await n8n.waitForExecutions(all.id, before + 2);
		const [a, b] = executions.slice(0, 2).map((e) => nodeOutput(e, 'Keyclic Trigger')[0]);
		expect(a.event).toBe('report_created');
		expect(b.event).toBe('report_created');
		expect({ ...a, receivedAt: 0 }).toEqual({ ...b, receivedAt: 0 });
	});

	test('the twice rule: the same notification twice → two executions with the same summary (same eventKey), and no effect outside n8n', async () => {
		// the example writes nothing outside n8n: its one effect is the summary item, the same both times; the
		// eventKey in it is what a Remove Duplicates added before any effect keys on (docs/examples-safety.md)
		for (const file of ['report_created.json', 'operation_created.json']) {
			const { body } = fixtures.find((f) => f.file === file);
			const before = await settled(all);
			expect((await post(all, body)).status).toBe(200);
			expect((await post(all, body)).status).toBe(200);
			expect(await settled(all)).toBe(before + 2);
			const summary = body.payload.type === 'Report' ? 'Report summary' : 'Operation summary';
			const [second, first] = (await n8n.executions(all.id)).slice(0, 2).map((e) => nodeOutput(e, summary));
			expect(first).toEqual([expect.objectContaining({ eventKey: expect.stringMatching(/^(report|operation)_created:/) })]);
			expect({ ...second[0], receivedAt: 0 }).toEqual({ ...first[0], receivedAt: 0 });
		}
	});

	test('events that are not selected → 200 "ignored" and no execution', async () => {
		const unselected = fixtures.filter((f) => f.body.payload.type === 'Operation');
		expect(unselected.length).toBeGreaterThanOrEqual(5);
		const { responses, caused } = await executionsCausedBy(reportsOnly, () =>
			Promise.all(unselected.map((f) => post(reportsOnly, f.body))),
		);
		for (const res of responses) {
			expect(res.status).toBe(200);
			expect(res.body).toMatchObject({ status: 'ignored' });
		}
		expect(caused).toBe(0);
	});

	test.each(byVersion)('typeVersion %i: malformed bodies → 4xx with a message, never 500, and no execution', async (_typeVersion, wf) => {
		const { responses, caused } = await executionsCausedBy(wf, async () => {
			const out = [];
			for (const bad of badBodies()) out.push({ bad, res: await post(wf, bad.body, { raw: bad.raw, headers: bad.headers }) });
			return out;
		});
		for (const { bad, res } of responses) {
			expect({ case: bad.name, status: res.status }).toEqual({ case: bad.name, status: bad.status });
			if (bad.status === 400) {
				expect(res.body).toMatchObject({ error: 'invalid_notification' });
				expect(res.body.message).toMatch(bad.mentions);
			}
			if (bad.status === 415) {
				expect(res.body).toMatchObject({ error: 'unsupported_content_type' });
				expect(res.body.message).toMatch(bad.mentions);
			}
		}
		expect(caused).toBe(0);
	});

	test.each(byVersion)('typeVersion %i: odd fields never lose a notification: 200, one execution, warnings', async (_typeVersion, wf) => {
		for (const odd of oddButIdentifiable()) {
			const before = await settled(wf);
			const res = await post(wf, odd.body);
			expect({ case: odd.name, status: res.status, body: res.body }).toEqual({
				case: odd.name,
				status: 200,
				body: { status: 'accepted', event: expect.any(String), id: odd.body.payload.id },
			});
			const [newest] = await n8n.waitForExecutions(wf.id, before + 1);
			const [item] = nodeOutput(newest, 'Keyclic Trigger');
			expect(item.payload).toEqual(odd.body.payload);
			expect(item.warnings).toHaveLength(odd.warnings.length);
			odd.warnings.forEach((start, i) => expect(item.warnings[i].startsWith(start)).toBe(true));
		}
	});

	test.each(['application/json ; charset=utf-8', 'application/hal+json', 'application/vnd.keyclic+json; charset=utf-8'])(
		'content type %s: read as JSON (from the raw body when n8n left it unparsed) → 200 and one execution',
		async (contentType) => {
			const body = fixtures.find((f) => f.file === 'report_created.json').body;
			const before = await settled(all);
			const res = await post(all, Buffer.from(JSON.stringify(body)), { raw: true, headers: { 'content-type': contentType } });
			expect({ status: res.status, body: res.body }).toEqual({
				status: 200,
				body: { status: 'accepted', event: 'report_created', id: body.payload.id },
			});
			expect(await settled(all)).toBe(before + 1);
			const [newest] = await n8n.executions(all.id);
			expect(nodeOutput(newest, 'Keyclic Trigger')[0]).toMatchObject({ event: 'report_created', id: body.payload.id, warnings: [] });
		},
	);

	test("task events of Keyclic's 2021 API: read from payload.type and filtered by the mapped event; a task of another type and an unknown event → 400, no execution", async () => {
		const report = fixtures.find((f) => f.file === 'report_created.json').body.payload;
		const operation = fixtures.find((f) => f.body.payload.type === 'Operation').body.payload;
		const before = await settled(reportsOnly);
		const res = await post(reportsOnly, { event: 'taskCreated', payload: report });
		expect(res.body).toEqual({ status: 'accepted', event: 'report_created', id: report.id });
		expect(await settled(reportsOnly)).toBe(before + 1);
		const [newest] = await n8n.executions(reportsOnly.id);
		const [item] = nodeOutput(newest, 'Keyclic Trigger');
		expect(item).toMatchObject({ event: 'report_created', id: report.id, payload: report });
		expect(item.warnings).toEqual([expect.stringContaining('event: "taskCreated"')]);

		const { responses, caused } = await executionsCausedBy(reportsOnly, async () => [
			await post(reportsOnly, { event: 'taskStateChanged', payload: operation }),
			await post(reportsOnly, { event: 'taskCreated', payload: { type: 'Task', id: 'T-1' } }),
			await post(reportsOnly, { event: 'reportArchived', payload: report }),
		]);
		expect(responses.map((r) => [r.status, r.body.status || r.body.error])).toEqual([
			[200, 'ignored'],
			[400, 'invalid_notification'],
			[400, 'invalid_notification'],
		]);
		expect(responses[0].body.event).toBe('operation_state_changed');
		expect(responses[1].body.message).toMatch(/"taskCreated".*payload\.type "Task"/);
		expect(caused).toBe(0);
	});

	test('task event taskStateChanged of an operation: one execution, read as operation_state_changed with the warning in its data', async () => {
		const operation = fixtures.find((f) => f.file === 'operation_state_changed.json').body.payload;
		const before = await settled(all);
		const res = await post(all, { event: 'taskStateChanged', payload: operation });
		expect({ status: res.status, body: res.body }).toEqual({
			status: 200,
			body: { status: 'accepted', event: 'operation_state_changed', id: operation.id },
		});
		expect(await settled(all)).toBe(before + 1);
		const [newest] = await n8n.executions(all.id);
		expect(newest.status).toBe('success');
		const [item] = nodeOutput(newest, 'Keyclic Trigger');
		expect(item).toMatchObject({ event: 'operation_state_changed', resourceType: 'operation', id: operation.id, payload: operation });
		expect(item.warnings).toEqual([
			expect.stringMatching(/^event: "taskStateChanged" .* read as operation_state_changed from payload\.type "Operation"$/),
		]);
		// downstream nodes see the mapped event, like any operation_state_changed
		expect(nodeOutput(newest, 'Operation summary')).toEqual([
			expect.objectContaining({ event: 'operation_state_changed', operationId: operation.id }),
		]);
	});

	test('"Accept Unknown Events" on: an unknown event with a report or operation payload runs once with the event as sent and a warning; other payloads stay 400', async () => {
		const report = fixtures.find((f) => f.file === 'report_created.json').body.payload;
		const operation = fixtures.find((f) => f.file === 'operation_created.json').body.payload;
		// off (the default): the same call is refused and starts nothing
		const refused = await executionsCausedBy(reportsOnly, async () => [
			await post(reportsOnly, { event: 'reportArchived', payload: report }),
		]);
		expect(refused.responses.map((r) => [r.status, r.body.error])).toEqual([[400, 'invalid_notification']]);
		expect(refused.responses[0].body.message).toMatch(/unknown event "reportArchived"/);
		expect(refused.caused).toBe(0);

		for (const [event, payload, resourceType] of [
			['reportArchived', report, 'report'],
			['operationArchived', operation, 'operation'], // runs although only report events are selected
		]) {
			const before = await settled(unknownOn);
			const res = await post(unknownOn, { event, payload });
			expect({ event, status: res.status, body: res.body }).toEqual({
				event,
				status: 200,
				body: { status: 'accepted', event, id: payload.id },
			});
			expect(await settled(unknownOn)).toBe(before + 1);
			const [newest] = await n8n.executions(unknownOn.id);
			expect(newest.status).toBe('success');
			const [item] = nodeOutput(newest, 'Keyclic Trigger');
			expect(item).toMatchObject({ event, resourceType, id: payload.id, payload });
			expect(item.warnings).toEqual([
				expect.stringMatching(new RegExp(`^event: "${event}" is not an event this node knows; .*"Accept Unknown Events"`)),
			]);
		}

		const { responses, caused } = await executionsCausedBy(unknownOn, async () => [
			await post(unknownOn, { event: 'taskArchived', payload: { type: 'Task', id: 'T-1' } }),
			await post(unknownOn, { event: 'reportArchived' }),
		]);
		expect(responses.map((r) => [r.status, r.body.error])).toEqual([
			[400, 'invalid_notification'],
			[400, 'invalid_notification'],
		]);
		expect(responses[0].body.message).toMatch(/payload\.type "Task" is neither "Report" nor "Operation"/);
		expect(responses[1].body.message).toMatch(/payload: is required/);
		expect(caused).toBe(0);
	});

	test('missing or wrong secret → 401/403 and no execution; the secret never shows up in the output', async () => {
		const body = fixtures.find((f) => f.file === 'report_created.json').body;
		const { responses, caused } = await executionsCausedBy(all, async () => [
			await post(all, body, { query: '' }),
			await post(all, body, { query: '?token=' }),
			await post(all, body, { query: '?token=wrong-token-0123456789abcdef' }),
			await post(all, body, { query: `?token=${TOKEN}x` }),
			await post(all, body, { query: `?token=${TOKEN}&token=${TOKEN}` }),
		]);
		expect(responses.map((r) => r.status)).toEqual([401, 401, 403, 403, 403]);
		expect(responses[0].body).toMatchObject({ error: 'missing_token' });
		expect(responses[2].body).toMatchObject({ error: 'invalid_token' });
		expect(caused).toBe(0);
		const executions = await n8n.executions(all.id);
		expect(JSON.stringify(executions)).not.toContain(TOKEN);
		expect(n8n.logs()).not.toContain(TOKEN);
	});

	test('"Output Raw Envelope" outputs the notification untouched', async () => {
		const body = fixtures.find((f) => f.file === 'operation_created.v2025-shape.json').body;
		const res = await post(raw, body);
		expect(res.status).toBe(200);
		expect(await settled(raw)).toBe(1);
		const [execution] = await n8n.waitForExecutions(raw.id, 1);
		expect(nodeOutput(execution, 'Keyclic Trigger')).toEqual([body]);
	});

	test('the example workflow file is what users import', () => {
		expect(all.id).toBe(EXAMPLE.id);
	});
});
