'use strict';
// Automatic registration and "Confirm with Keyclic API" in a REAL n8n against the local Keyclic
// emulator (test/keyclic-emulator): webhooks registered on publish, kept across restarts, adjusted
// when the events change, removed on unpublish; wrong credentials, an unreachable API, a local URL
// given to a public Keyclic and a 2022+ Keyclic API without webhook management (the emulator's 2025 era) all fail
// activation with a message that names the problem. Keyclic API faults (down, 500, slow, 429/503 with
// Retry-After, from the emulator's fault switches) during Confirm and during the Keyclic node's GET and POST.
const { createEmulator } = require('../keyclic-emulator');
const { N8n, nodeOutput, sleep, waitUntil } = require('../harness/n8n');
const { versionsUnderTest } = require('../harness/versions');
const { exampleWorkflow, webhookIdOf } = require('../harness/workflows');
const { keyclicFixtures } = require('../support/fixtures');

jest.setTimeout(20 * 60 * 1000);

const ORG = '2cfb5108-682f-4648-85a1-0f15dbca0780';
const OTHER_ORG = '50959713-c14e-4906-a96e-5f71704870ba';
const API_EVENTS = ['reportCreated', 'reportStateChanged', 'operationCreated', 'operationStateChanged', 'operationRemoved'];

function apiCredential(id, baseUrl, extra = {}) {
	return {
		id,
		name: `Keyclic API ${id}`,
		type: 'keyclicApi',
		data: {
			login: 'demo@keyclic.example',
			password: 'demo-password',
			applicationKey: 'com.keyclic.app',
			baseUrl,
			language: 'fr-FR',
			...extra,
		},
	};
}

function automaticWorkflow(index, credentialId, { events, organization = ORG, confirm = false } = {}) {
	const wf = exampleWorkflow({
		index,
		name: `Keyclic automatic ${index}`,
		parameters: {
			registration: 'automatic',
			organization: { __rl: true, mode: 'id', value: organization },
			confirmWithApi: confirm,
			...(events ? { events } : {}),
		},
	});
	const trigger = wf.nodes.find((n) => n.name === 'Keyclic Trigger');
	trigger.credentials = { keyclicApi: { id: credentialId, name: `Keyclic API ${credentialId}` } };
	return wf;
}

/** Webhook (path `path`) → one Keyclic node (`parameters`) with the credential: a Keyclic node call on demand. */
function nodeCallWorkflow(index, path, nodeName, parameters, credentialId) {
	const id = String(index).padStart(3, '0');
	return {
		id: `keyclicFaults${id}`,
		name: `Keyclic node: ${nodeName}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `5b0e7d1c-0000-4000-8000-000000000${id}`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `5b0e7d1c-0000-4000-9000-000000000${id}`,
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			},
			{
				id: `5b0e7d1c-0000-4000-8000-000000001${id}`,
				name: nodeName,
				type: 'n8n-nodes-keyclic.keyclic',
				typeVersion: 1,
				position: [240, 0],
				parameters,
				credentials: { keyclicApi: { id: credentialId, name: `Keyclic API ${credentialId}` } },
			},
		],
		connections: { Webhook: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
	};
}

describe.each(versionsUnderTest())('Automatic registration in n8n %s', (version) => {
	let emu;
	let emu2025;
	let n8n;
	const wf = automaticWorkflow(11, 'keyclicApiCred01');
	const confirmWf = exampleWorkflow({ index: 12, name: 'Manual + confirm', parameters: { confirmWithApi: true } });
	confirmWf.nodes[0].credentials.keyclicApi = { id: 'keyclicApiCred01', name: 'Keyclic API keyclicApiCred01' };
	// the Keyclic node's calls under API faults: a GET (retried) and a POST (never retried)
	const getWf = nodeCallWorkflow(
		1,
		'keyclic-faults-get',
		'Get Report',
		{
			resource: 'report',
			operation: 'get',
			reportId: '={{ $json.body.reportId }}',
		},
		'keyclicApiCred01',
	);
	const postWf = nodeCallWorkflow(
		2,
		'keyclic-faults-post',
		'Create Operation',
		{
			resource: 'operation',
			operation: 'create',
			reportId: '={{ $json.body.reportId }}',
			name: 'Intervention (fault test)',
			additionalFields: {},
		},
		'keyclicApiCred01',
	);
	const stable = async (count) => {
		// same set twice, 2 s apart: the registration has settled
		let last = '';
		return waitUntil(
			`${count} stable registrations`,
			async () => {
				const now = JSON.stringify(
					ours()
						.map((h) => h.id)
						.sort(),
				);
				const ok = ours().length === count && now === last;
				last = now;
				return ok;
			},
			{ timeoutMs: 90000, intervalMs: 2000 },
		);
	};
	const TOKEN = 'e2e-secret-token-0123456789abcdef';
	const n8n1 = version.startsWith('1.');
	/** Every API call the emulator answered ({method, path, status}). */
	const apiCalls = [];
	const callsTo = (method, path) => apiCalls.filter((c) => c.method === method && c.path === path);

	const ours = () => emu.state.webhooks.filter((h) => h.payloadUrl.includes(webhookIdOf(wf)));
	const byEvent = (hooks) => Object.fromEntries(hooks.map((h) => [h.event, h.id]));
	// n8n serves the webhook path a moment before create() has finished registering it remotely
	const registered = (count) =>
		waitUntil(`${count} registered webhooks`, () => ours().length === count && emu.state.webhooks, { timeoutMs: 60000 });
	const start = async () => {
		await n8n.start({
			waitFor: [`${webhookIdOf(wf)}/webhook`, `${webhookIdOf(confirmWf)}/webhook`, 'keyclic-faults-get', 'keyclic-faults-post'],
		});
	};

	beforeAll(async () => {
		emu = await createEmulator({ port: 0 });
		emu2025 = await createEmulator({ port: 0, payloadEra: '2025' });
		n8n = await N8n.create({ version, name: `auto-${version}` });
		n8n.importCredentials([
			apiCredential('keyclicApiCred01', emu.url),
			apiCredential('keyclicApiBadPw', emu.url, { password: 'wrong-password' }),
			apiCredential('keyclicApiDown1', 'http://127.0.0.1:9'),
			// a public-looking Keyclic that does not exist: the check must refuse before any request
			apiCredential('keyclicApiPublic', 'https://api.keyclic.example'),
			// the 2022+ API: no webhook routes
			apiCredential('keyclicApi2025', emu2025.url),
			{ id: 'keyclicSecret001', name: 'Keyclic webhook secret', type: 'keyclicWebhookSecretApi', data: { token: TOKEN } },
		]);
		n8n.importWorkflows([wf, confirmWf, getWf, postWf]);
		n8n.activate(wf.id, confirmWf.id, getWf.id, postWf.id);
		emu.events.on('request', (r) => apiCalls.push(r));
		// someone else's webhook in the same organization: we must never touch it
		await emu.createWebhook({ event: 'reportCreated', organization: ORG, payloadUrl: 'http://127.0.0.1:9/someone-else' });
		await start();
		await registered(API_EVENTS.length);
	});

	afterAll(async () => {
		if (n8n) await n8n.stop();
		if (emu) await emu.close();
		if (emu2025) await emu2025.close();
	});

	test('publishing registers exactly one enabled webhook per selected event, with a secret', () => {
		const hooks = ours();
		expect(hooks.map((h) => h.event).sort()).toEqual([...API_EVENTS].sort());
		for (const h of hooks) {
			expect(h.enabled).toBe(true);
			expect(h.organization || ORG).toBe(ORG);
			expect(h.payloadUrl).toMatch(new RegExp(`^${n8n.webhookUrl(webhookIdOf(wf)).replace(/[.?]/g, '\\$&')}\\?token=[0-9a-f]{64}$`));
		}
		expect(new Set(hooks.map((h) => h.payloadUrl)).size).toBe(1);
	});

	test('a state change made in Keyclic runs the workflow once, with the new state', async () => {
		const report = await emu.createReport({ organization: ORG, description: 'Ascenseur bloqué' });
		await emu.waitForIdle();
		const created = await n8n.waitForExecutions(wf.id, 1);
		expect(nodeOutput(created[0], 'Keyclic Trigger')[0]).toMatchObject({ event: 'report_created', id: report.id, state: 'NEW' });

		await emu.transitionReport(report.id, 'accept');
		await emu.waitForIdle();
		const executions = await n8n.waitForExecutions(wf.id, 2);
		await sleep(500);
		expect((await n8n.executions(wf.id, { includeData: false })).length).toBe(2);
		expect(nodeOutput(executions[0], 'Keyclic Trigger')[0]).toMatchObject({
			event: 'report_state_changed',
			id: report.id,
			state: 'ACCEPTED',
		});
		expect(emu.deliveries.filter((d) => d.url.includes(webhookIdOf(wf))).every((d) => d.status === 200)).toBe(true);
	});

	test('a call without the generated secret is refused', async () => {
		const body = keyclicFixtures().find((f) => f.file === 'report_created.json').body;
		expect((await n8n.post(n8n.webhookUrl(webhookIdOf(wf)), body)).status).toBe(401);
		expect((await n8n.post(n8n.webhookUrl(webhookIdOf(wf), { query: '?token=guess' }), body)).status).toBe(403);
	});

	test('three restarts leave the registrations unchanged', async () => {
		const before = byEvent(ours());
		for (let i = 0; i < 3; i++) {
			await n8n.stop();
			await start();
			await sleep(2000); // give a (wrong) re-registration the time to show up
			expect(byEvent(ours())).toEqual(before);
		}
		expect(ours()).toHaveLength(API_EVENTS.length);
	});

	test('changing the events and re-activating leaves exactly the new selection (foreign webhooks untouched)', async () => {
		const foreign = emu.state.webhooks.filter((h) => !h.payloadUrl.includes(webhookIdOf(wf)));
		// as a user does: edit the trigger's events, save, publish again (public API; n8n re-activates)
		const current = (await n8n.publicApi('GET', `/workflows/${wf.id}`)).body;
		const trigger = current.nodes.find((n) => n.name === 'Keyclic Trigger');
		trigger.parameters.events = ['report_created', 'operation_created', 'operation_removed'];
		const put = await n8n.publicApi('PUT', `/workflows/${wf.id}`, {
			name: current.name,
			nodes: current.nodes,
			connections: current.connections,
			settings: { executionOrder: 'v1' },
		});
		expect(put.status).toBe(200);
		expect((await n8n.publicApi('POST', `/workflows/${wf.id}/activate`)).status).toBe(200);
		await stable(3);
		expect(
			ours()
				.map((h) => h.event)
				.sort(),
		).toEqual(['operationCreated', 'operationRemoved', 'reportCreated']);
		expect(new Set(ours().map((h) => h.payloadUrl)).size).toBe(1);
		expect(emu.state.webhooks.filter((h) => !h.payloadUrl.includes(webhookIdOf(wf)))).toEqual(foreign);
	});

	test('"Confirm with Keyclic API": a forged call for an unknown id starts nothing; a real one carries the fresh resource', async () => {
		const url = n8n.webhookUrl(webhookIdOf(confirmWf), { query: `?token=${TOKEN}` });
		const forged = keyclicFixtures().find((f) => f.file === 'report_created.json').body;
		const res = await n8n.post(url, forged);
		expect(res.status).toBe(403);
		expect(res.body).toMatchObject({ error: 'not_confirmed' });

		const report = await emu.createReport({ organization: ORG, description: 'Fuite' });
		await emu.transitionReport(report.id, 'accept');
		await emu.waitForIdle();
		// Keyclic's notification said NEW, but the report is ACCEPTED by now: the item says ACCEPTED
		const stale = { event: 'report_created', payload: { ...forged.payload, id: report.id, state: 'NEW' } };
		expect((await n8n.post(url, stale)).status).toBe(200);
		const [execution] = await n8n.waitForExecutions(confirmWf.id, 1);
		expect(nodeOutput(execution, 'Keyclic Trigger')[0]).toMatchObject({ id: report.id, state: 'ACCEPTED', confirmed: true });
		await sleep(300);
		expect((await n8n.executions(confirmWf.id, { includeData: false })).length).toBe(1);
	});

	// Keyclic API faults while Keyclic waits for the trigger's answer (Confirm): each refused (never
	// "accepted"), nothing runs for it, the warning says what was tried; a 503 then the report is accepted.
	test.each([
		['the Keyclic API down (connection refused)', () => ({ down: 'refuse' }), null, /4 times: no answer \(ECONNREFUSED\)/],
		['a 500', (path) => ({ errorStatus: { status: 500, paths: path } }), 1, null],
		['answers slower than Confirm waits (6 s)', () => ({ slowMs: 6000 }), null, /no answer within/],
		// n8n 1.x's request helper keeps no header of the answer in its error: no Retry-After to honour, so
		// the 429 is retried with the backoff, within Confirm's 5 s (docs/scaling-and-delivery.md "Delivery guarantees")
		n8n1
			? [
					'a 429 with Retry-After: 60',
					(path) => ({ errorStatus: { status: 429, retryAfter: 60, paths: path } }),
					4,
					/4 times: 429, 429, 429, 429/,
				]
			: [
					'a 429 with Retry-After: 60',
					(path) => ({ errorStatus: { status: 429, retryAfter: 60, paths: path } }),
					1,
					/Keyclic asked to wait 60 s, past the limit of 5 s/,
				],
	])(
		'"Confirm with Keyclic API" with %s: 503 confirmation_unavailable, no execution, the warning says what was tried',
		async (_case, fault, calls, tried) => {
			const url = n8n.webhookUrl(webhookIdOf(confirmWf), { query: `?token=${TOKEN}` });
			const report = await emu.createReport({ organization: ORG, description: 'Fuite (panne API)' });
			const path = `/reports/${report.id}`;
			const body = {
				event: 'report_created',
				payload: { ...keyclicFixtures().find((f) => f.file === 'report_created.json').body.payload, id: report.id },
			};
			const before = (await n8n.executions(confirmWf.id, { includeData: false })).length;
			const logBefore = n8n.logs().length;
			const callsBefore = callsTo('GET', path).length;
			await emu.setFault(fault(path));
			const started = Date.now();
			let res;
			try {
				res = await n8n.post(url, body);
			} finally {
				await emu.setFault({ reset: true });
			}
			expect({ status: res.status, body: res.body }).toEqual({
				status: 503,
				body: expect.objectContaining({ error: 'confirmation_unavailable' }),
			});
			expect(Date.now() - started).toBeLessThan(15000); // Confirm's 5 s cap, plus n8n's own time on a loaded machine
			if (calls !== null) expect(callsTo('GET', path).length - callsBefore).toBe(calls);
			const warning = await waitUntil("the Confirm warning in n8n's log", () =>
				n8n
					.logs()
					.slice(logBefore)
					.split('\n')
					.find((line) => line.includes(`could not confirm report ${report.id}`)),
			);
			if (tried) expect(warning).toMatch(tried);
			else expect(warning).not.toMatch(/Called GET/); // one call, not retried: nothing more to say
			// the same call once the API is back: accepted, and only that one runs
			expect((await n8n.post(url, body)).body).toMatchObject({ status: 'accepted', id: report.id });
			await n8n.waitForExecutions(confirmWf.id, before + 1, { includeData: false });
			await sleep(300); // a run for the refused call would show up by now
			expect((await n8n.executions(confirmWf.id, { includeData: false })).length).toBe(before + 1);
		},
	);

	test('"Confirm with Keyclic API" with a 503 (Retry-After: 1) once: retried, accepted, one execution with the fresh report', async () => {
		const url = n8n.webhookUrl(webhookIdOf(confirmWf), { query: `?token=${TOKEN}` });
		const report = await emu.createReport({ organization: ORG, description: 'Fuite (503 une fois)' });
		const path = `/reports/${report.id}`;
		const body = {
			event: 'report_created',
			payload: { ...keyclicFixtures().find((f) => f.file === 'report_created.json').body.payload, id: report.id },
		};
		const before = (await n8n.executions(confirmWf.id, { includeData: false })).length;
		await emu.setFault({ errorStatus: { status: 503, retryAfter: 1, paths: path, times: 1 } });
		const res = await n8n.post(url, body);
		await emu.setFault({ reset: true });
		expect(res.body).toMatchObject({ status: 'accepted', id: report.id });
		expect(callsTo('GET', path).map((c) => c.status)).toEqual([503, 200]);
		const executions = await n8n.waitForExecutions(confirmWf.id, before + 1);
		expect(nodeOutput(executions[0], 'Keyclic Trigger')[0]).toMatchObject({ id: report.id, confirmed: true });
	});

	/** Runs a node-call workflow for `reportId`; resolves to its finished execution (with data). */
	async function runNode(workflow, path, reportId) {
		const before = (await n8n.executions(workflow.id, { includeData: false })).length;
		const res = await n8n.post(`${n8n.baseUrl}/webhook/${path}`, { reportId });
		expect(res.status).toBe(200);
		const [newest] = await n8n.waitForExecutions(workflow.id, before + 1, { timeoutMs: 120000 });
		return newest;
	}
	const nodeError = (execution, node) => {
		const runs = execution.data.resultData.runData[node];
		return runs && runs[0] && runs[0].error ? runs[0].error : null;
	};

	test('Keyclic node, GET with a 429 (Retry-After: 1) twice: retried, then the report', async () => {
		const report = await emu.createReport({ organization: ORG, description: 'Lecture limitée' });
		const path = `/reports/${report.id}`;
		await emu.setFault({ errorStatus: { status: 429, retryAfter: 1, paths: path, methods: ['GET'], times: 2 } });
		const execution = await runNode(getWf, 'keyclic-faults-get', report.id);
		await emu.setFault({ reset: true });
		expect(execution.status).toBe('success');
		expect(nodeOutput(execution, 'Get Report')).toEqual([expect.objectContaining({ id: report.id })]);
		expect(callsTo('GET', path).map((c) => c.status)).toEqual([429, 429, 200]);
	});

	test.each([
		[
			'the Keyclic API down (connection refused)',
			() => ({ down: 'refuse' }),
			/Called GET \/reports\/\S+ 4 times: no answer \(ECONNREFUSED\), no answer \(ECONNREFUSED\), no answer \(ECONNREFUSED\), no answer \(ECONNREFUSED\); gave up after 4 calls\./,
			null,
		],
		[
			'a 503 every time',
			(path) => ({ errorStatus: { status: 503, paths: path } }),
			/Called GET \/reports\/\S+ 4 times: 503, 503, 503, 503; gave up after 4 calls\./,
			4,
		],
		[
			'a 429 with Retry-After: 60 (past the Retry Limit of 30 s)',
			(path) => ({ errorStatus: { status: 429, retryAfter: 60, paths: path } }),
			n8n1
				? /Called GET \/reports\/\S+ 4 times: 429, 429, 429, 429; gave up after 4 calls\./ // 1.x: no Retry-After to read (above)
				: /Called GET \/reports\/\S+ once: 429 \(Retry-After 60 s\); not tried again: Keyclic asked to wait 60 s, past the limit of 30 s/,
			n8n1 ? 4 : 1,
		],
		['a 500 (not retried: it would answer the same)', (path) => ({ errorStatus: { status: 500, paths: path } }), null, 1],
	])('Keyclic node, GET with %s: the execution fails, its error says what was tried', async (_case, fault, tried, calls) => {
		const report = await emu.createReport({ organization: ORG, description: 'Lecture en panne' });
		const path = `/reports/${report.id}`;
		await emu.setFault(fault(path));
		let execution;
		try {
			execution = await runNode(getWf, 'keyclic-faults-get', report.id);
		} finally {
			await emu.setFault({ reset: true });
		}
		expect(execution.status).toBe('error');
		const error = nodeError(execution, 'Get Report');
		expect(error).not.toBeNull();
		expect(error.message).toMatch(/^Could not get the report/);
		if (tried) expect(error.description).toMatch(tried);
		else expect(error.description || '').not.toMatch(/Called GET/);
		if (calls !== null) expect(callsTo('GET', path)).toHaveLength(calls);
	});

	test('Keyclic node, POST answered 503: not tried again (Keyclic may have applied it), the error says so', async () => {
		const report = await emu.createReport({ organization: ORG, description: 'Écriture en panne' });
		const operationsBefore = emu.state.operations.filter((o) => o.report === report.id).length;
		await emu.setFault({ errorStatus: { status: 503, paths: '/operations', methods: ['POST'] } });
		let execution;
		try {
			execution = await runNode(postWf, 'keyclic-faults-post', report.id);
		} finally {
			await emu.setFault({ reset: true });
		}
		expect(execution.status).toBe('error');
		const error = nodeError(execution, 'Create Operation');
		expect(error.description).toMatch(/Called POST \/operations once: 503; a POST is never repeated \(Keyclic may have applied it\)\./);
		expect(apiCalls.filter((c) => c.method === 'POST' && c.path.startsWith('/operations') && c.status === 503)).toHaveLength(1);
		expect(emu.state.operations.filter((o) => o.report === report.id)).toHaveLength(operationsBefore);
	});

	test('unpublishing removes our webhooks and only ours', async () => {
		const othersBefore = emu.state.webhooks.filter((h) => !h.payloadUrl.includes(webhookIdOf(wf)));
		const r = await n8n.publicApi('POST', `/workflows/${wf.id}/deactivate`);
		expect(r.status).toBe(200);
		await waitUntil('our webhooks to be removed', () => ours().length === 0, { timeoutMs: 30000 });
		expect(emu.state.webhooks.filter((h) => !h.payloadUrl.includes(webhookIdOf(wf)))).toEqual(othersBefore);
		expect(othersBefore.some((h) => h.payloadUrl.endsWith('/someone-else'))).toBe(true);
	});

	test.each([
		['a wrong password', 'keyclicApiBadPw', /Authorization failed - please check your credentials/],
		['the Keyclic API being down', 'keyclicApiDown1', /could not be reached/],
		['a local n8n URL given to the public Keyclic', 'keyclicApiPublic', /WEBHOOK_URL|local or private address/i],
		['a Keyclic API without webhook management', 'keyclicApi2025', /This Keyclic API does not let n8n create webhooks/],
	])('activation fails clearly with %s', async (_case, credentialId, message) => {
		const index = { keyclicApiBadPw: 21, keyclicApiDown1: 22, keyclicApiPublic: 23, keyclicApi2025: 24 }[credentialId];
		const bad = automaticWorkflow(index, credentialId, { events: ['report_created'] });
		const created = await n8n.publicApi('POST', '/workflows', {
			name: bad.name,
			nodes: bad.nodes,
			connections: bad.connections,
			settings: bad.settings,
		});
		expect(created.status).toBe(200);
		// 1.x answers the activation call with the error; 2.x activates in the background and records it
		const logBefore = n8n.logs().length;
		const r = await n8n.publicApi('POST', `/workflows/${created.body.id}/activate`);
		// what the user is shown: the API's answer (1.x), the recorded activation error, or n8n's log
		const error = await waitUntil(
			'the activation error',
			async () => {
				if (r.status >= 400 && message.test(JSON.stringify(r.body))) return JSON.stringify(r.body);
				const recorded = await n8n.activationError(created.body.id).catch(() => null);
				if (recorded && message.test(JSON.stringify(recorded))) return JSON.stringify(recorded);
				return n8n
					.logs()
					.slice(logBefore)
					.split('\n')
					.find((line) => message.test(line));
			},
			{ timeoutMs: 60000 },
		);
		expect(error).toMatch(message);
		await n8n.publicApi('POST', `/workflows/${created.body.id}/deactivate`);
		expect(emu.state.webhooks.filter((h) => h.payloadUrl.includes(webhookIdOf(bad)))).toEqual([]);
		expect(emu2025.state.webhooks).toEqual([]);
	});
});
