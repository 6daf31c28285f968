import { NodeOperationError } from 'n8n-workflow';
import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { z } from 'zod/v4';

import { keyclicRequest } from '../../common/transport';
import { currentId } from './currentParameters';

// Document → Upload's Type and Target Group lists. No Keyclic API has a route that lists them: they are read from
// the report or operation the document goes to, which embeds them (s25 operations: `_embedded.documentTypes` and
// `_embedded.targetGroups`; s20+ reports: `_embedded.targetGroups`).

const entry = z.looseObject({ id: z.string(), name: z.string().optional(), code: z.string().optional() });
const parentAnswer = z.looseObject({
	_embedded: z.looseObject({ documentTypes: z.array(entry).optional(), targetGroups: z.array(entry).optional() }).optional(),
});

type Embedded = 'documentTypes' | 'targetGroups';

/** The report or operation chosen in the panel ("Of", "Report or Operation ID"). */
function panelParent(context: ILoadOptionsFunctions): { kind: 'report' | 'operation'; id: string } {
	const kind = context.getCurrentNodeParameter('documentParent') === 'operation' ? 'operation' : 'report';
	return { kind, id: currentId(context, 'parentId', 'Report or Operation ID') };
}

function byIdOnly(context: ILoadOptionsFunctions, message: string, why: string): never {
	throw new NodeOperationError(context.getNode(), message, { description: `${why} Choose "By ID" and enter the ID.` });
}

/** The entries the parent embeds under `key`, filtered by name, code or ID. */
async function embeddedList(
	context: ILoadOptionsFunctions,
	kind: 'report' | 'operation',
	id: string,
	key: Embedded,
	label: string,
	filter: string | undefined,
): Promise<INodeListSearchResult> {
	const answer = await keyclicRequest(context, parentAnswer, 'GET', `/${kind}s/${id}`, `read the ${kind}`);
	const list = answer._embedded?.[key];
	if (list === undefined) {
		byIdOnly(
			context,
			`Keyclic gave no ${label} list with this ${kind}`,
			`The ${kind} has no _embedded.${key} (the Keyclic API 2025 embeds them in operations${key === 'targetGroups' ? ', the APIs since 2020 in reports' : ''}).`,
		);
	}
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = list.map((e) => ({ name: e.name ?? e.code ?? e.id, value: e.id }));
	return {
		results: results.filter(
			(r, i) => needle === '' || [r.name, list[i].code ?? '', r.value].some((text) => String(text).toLowerCase().includes(needle)),
		),
	};
}

/** Document types of the operation (s25's `_embedded.documentTypes`); reports embed none. */
export async function searchDocumentTypes(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { kind, id } = panelParent(this);
	if (kind === 'report') {
		byIdOnly(
			this,
			'Keyclic lists no document types with a report',
			'Only the operations of the Keyclic API 2025 embed their document types (_embedded.documentTypes); reports do not, and no API has a route that lists them.',
		);
	}
	return await embeddedList(this, kind, id, 'documentTypes', 'document type', filter);
}

/** Target groups of the report (s20+) or operation (s25): their `_embedded.targetGroups`. */
export async function searchTargetGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { kind, id } = panelParent(this);
	return await embeddedList(this, kind, id, 'targetGroups', 'target group', filter);
}
