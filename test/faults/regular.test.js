'use strict';
// Fault row "kill -9 of n8n, then restart" (regular mode, SQLite): a burst of distinct notifications
// through the Keyclic Trigger, n8n killed when half of them were answered, started again; then every call
// is counted: what its sender saw against what n8n ran (docs/scaling-and-delivery.md "Delivery guarantees").
const { N8n, nodeOutput } = require('../harness/n8n');
const { versionsUnderTest } = require('../harness/versions');
const { TRIGGER, exampleWorkflow, webhookIdOf, secretCredential } = require('../harness/workflows');
const { keyclicFixtures } = require('../support/fixtures');
const { burst } = require('../queue/notifications');
const { FULL, BURST, LEFT_OPEN_MS, burstWithFault, figures, settled, record, log } = require('./tally');

jest.setTimeout(20 * 60 * 1000);

const TOKEN = 'faults-secret-token-0123456789abcdef';
const FINISHED = ['success', 'error', 'crashed', 'canceled'];
// npm test: one line (2.41.1); npm run faults: both
const versions = FULL
	? versionsUnderTest()
	: versionsUnderTest()
			.filter((v) => v.startsWith('2.'))
			.slice(0, 1);

describe.each(versions)('faults on n8n %s, regular mode (SQLite)', (version) => {
	let n8n;
	const wf = exampleWorkflow({ index: 31, name: 'Keyclic: faults (regular)' });
	const waitFor = [`${webhookIdOf(wf)}/webhook`];

	beforeAll(async () => {
		n8n = await N8n.create({ version, name: `faults-regular-${version}` });
		n8n.importCredentials([secretCredential(TOKEN)]);
		n8n.importWorkflows([wf]);
		n8n.activate(wf.id);
		await n8n.start({ waitFor });
	});

	afterAll(async () => {
		if (n8n) await n8n.stop();
	});

	test(`kill -9 of n8n in a burst of ${BURST}, then restart: every accepted call ran or is named lost; nothing ran for a refused call`, async () => {
		const url = n8n.webhookUrl(webhookIdOf(wf), { query: `?token=${TOKEN}` });
		const send = async (body) => {
			try {
				return await n8n.post(url, body);
			} catch {
				return { status: 0 };
			}
		};
		const { calls, injected } = await burstWithFault(burst(keyclicFixtures(), BURST, 18), send, {
			inject: () => n8n.kill('main', 'SIGKILL'),
			recover: () => n8n.restartProcess('main', { waitFor }),
		});
		// after the restart nothing more starts: n8n marks what was running `crashed`; an execution it had
		// created but not started may stay `new`. Give them LEFT_OPEN_MS (tally.js), then count what is left.
		let executions = [];
		const open = () => executions.filter((e) => !(e.finished || FINISHED.includes(e.status))).length;
		try {
			await settled(
				`executions of ${wf.id} finished after the restart`,
				async () => {
					executions = await n8n.executions(wf.id, { includeData: true });
					return open() === 0;
				},
				{ timeoutMs: LEFT_OPEN_MS },
			);
		} catch {
			executions = await n8n.executions(wf.id, { includeData: true });
		}
		const ran = executions.map((e) => ({ status: e.status, eventKey: (nodeOutput(e, TRIGGER)[0] || {}).eventKey || null }));
		const result = { injected, neverFinished: open(), ...figures(calls, ran) };
		log(`n8n ${version} regular kill -9: ${JSON.stringify(result)}`);
		record('regular: kill -9 of n8n, then restart', version, result);

		expect(result.senders.accepted).toBeGreaterThan(0);
		expect(result.senders['no answer']).toBeGreaterThan(0); // the fault did hit the burst
		expect(result.ranRefused).toEqual([]);
		// every accepted call: one successful execution, or named in `lost`
		expect(result.acceptedRan + result.lost.length).toBe(result.senders.accepted);
		expect(result.twice).toEqual([]);
	});
});
