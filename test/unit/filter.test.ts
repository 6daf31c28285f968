// The `events` parameter: unselected events are answered 200 "ignored" and start no execution.
import { CANONICAL_EVENTS } from '../../nodes/common/events';
import { keyclicFixtures } from '../support/fixtures';
import { acceptedItem, expectIgnored, notification, operationPayload, reportPayload } from './helpers/bodies';
import { runWebhook } from './helpers/context';

const fixtures = keyclicFixtures();

const camelOf: Record<string, string> = {
	report_created: 'reportCreated',
	report_state_changed: 'reportStateChanged',
	operation_created: 'operationCreated',
	operation_state_changed: 'operationStateChanged',
	operation_removed: 'operationRemoved',
};

describe('event filter', () => {
	it('all five events are selected by default', async () => {
		for (const event of CANONICAL_EVENTS) {
			const payload = event.startsWith('report') ? reportPayload() : operationPayload();
			const run = await runWebhook({ body: notification(event, payload) });
			expect(acceptedItem(run.result).event).toBe(event);
		}
	});

	it.each(CANONICAL_EVENTS.map((event) => [event] as const))(
		'only %s selected: it is accepted, every other event ignored',
		async (selected) => {
			for (const event of CANONICAL_EVENTS) {
				const payload = event.startsWith('report') ? reportPayload() : operationPayload();
				for (const spelling of [event, camelOf[event]]) {
					const run = await runWebhook({ params: { events: [selected] }, body: notification(spelling, payload) });
					if (event === selected) expect(acceptedItem(run.result).event).toBe(event);
					else expectIgnored(run, event);
				}
			}
		},
	);

	it('the camelCase name of an unselected event is ignored and reported under its canonical name', async () => {
		const run = await runWebhook({
			params: { events: ['report_created'] },
			body: notification('operationStateChanged', operationPayload()),
		});
		expectIgnored(run, 'operation_state_changed');
	});

	it('an empty events list ignores every fixture', async () => {
		for (const { body } of fixtures) {
			const run = await runWebhook({ params: { events: [] }, body });
			expect(run.result.workflowData).toBeUndefined();
			expect(run.result.webhookResponse).toMatchObject({ status: 'ignored' });
		}
	});

	it("an absent or null events parameter is n8n's default (every event)", async () => {
		for (const events of [undefined, null]) {
			const run = await runWebhook({ params: { events }, body: notification('report_created', reportPayload()) });
			expect(acceptedItem(run.result).event).toBe('report_created');
		}
	});

	it('a non-list events parameter ignores everything', async () => {
		for (const events of ['report_created', {}]) {
			const run = await runWebhook({ params: { events }, body: notification('report_created', reportPayload()) });
			expectIgnored(run, 'report_created');
		}
	});

	it('values that are not canonical event names in the list are dropped, the others still work', async () => {
		const events = ['operationCreated', 42, null, 'bogus', 'report_created'];
		const accepted = await runWebhook({ params: { events }, body: notification('reportCreated', reportPayload()) });
		expect(acceptedItem(accepted.result).event).toBe('report_created');
		const ignored = await runWebhook({ params: { events }, body: notification('operation_created', operationPayload()) });
		expectIgnored(ignored, 'operation_created');
	});

	it('an unselected event is ignored before its payload is validated (cheap filter)', async () => {
		const run = await runWebhook({
			params: { events: ['report_created'] },
			body: notification('operation_removed', { type: 'Operation', id: 'not-a-uuid' }),
		});
		expectIgnored(run, 'operation_removed');
	});

	it('an unknown event is a 400 even when nothing is selected', async () => {
		const run = await runWebhook({ params: { events: [] }, body: notification('report_deleted', reportPayload()) });
		expect(run.response.statusCode).toBe(400);
	});
});
