// The executeContext builder, for action nodes: a minimal node of this package's shape runs in n8n's
// real ExecuteContext (parameters with expressions, the Keyclic API credential, an authenticated request).
import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { API_BASE_URL, FakeKeyclicApi } from './helpers/keyclicApi';
import { executeContext } from './helpers/n8n';

class ReadReport implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Read Report',
		name: 'readReport',
		group: ['transform'],
		version: 1,
		description: 'Test node',
		defaults: { name: 'Read Report' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'keyclicApi', required: true }],
		properties: [{ displayName: 'Report ID', name: 'reportId', type: 'string', default: '' }],
		usableAsTool: true,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials('keyclicApi');
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < this.getInputData().length; i++) {
			const id = this.getNodeParameter('reportId', i) as string;
			const json = await this.helpers.httpRequestWithAuthentication.call(this, 'keyclicApi', {
				method: 'GET',
				url: `${String(credentials.baseUrl)}/reports/${id}`,
				json: true,
			});
			out.push({ json, pairedItem: { item: i } });
		}
		return [out];
	}
}

describe('executeContext (for action nodes)', () => {
	it('resolves expressions per item, authenticates with the credential and returns what the API said', async () => {
		const api = new FakeKeyclicApi();
		api.resources.set('/reports/r1', { id: 'r1' });
		api.resources.set('/reports/r2', { id: 'r2' });
		const { context } = executeContext({
			nodeType: new ReadReport(),
			parameters: { reportId: '={{ $json.report }}' },
			credentials: { keyclicApi: { baseUrl: API_BASE_URL, applicationKey: 'com.keyclic.app', language: 'fr-FR', accessToken: 'jwt' } },
			items: [{ json: { report: 'r1' } }, { json: { report: 'r2' } }],
			http: api.request,
		});
		const [items] = await new ReadReport().execute.call(context);
		expect(items.map((item) => item.json)).toEqual([{ id: 'r1' }, { id: 'r2' }]);
		expect(api.requests.map((request) => request.path)).toEqual(['/reports/r1', '/reports/r2']);
		expect(api.requests[0].credentialType).toBe('keyclicApi');
		expect(api.requests[0].headers).toMatchObject({
			Authorization: 'Bearer jwt',
			'X-Keyclic-App': 'com.keyclic.app',
			'Accept-Language': 'fr-FR',
		});
	});

	it('without the required credential, n8n refuses before any request', async () => {
		const api = new FakeKeyclicApi();
		const { context } = executeContext({ nodeType: new ReadReport(), parameters: { reportId: 'r1' }, http: api.request });
		await expect(new ReadReport().execute.call(context)).rejects.toThrow('Node does not have any credentials set');
		expect(api.requests).toEqual([]);
	});
});
