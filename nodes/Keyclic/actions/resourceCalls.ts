import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { RESOURCE_TYPE_NAMES } from '../../common/schemas';
import type { ResourceType } from '../../common/schemas';
import { keyclicRequest } from '../../common/transport';
import { anyAnswer } from '../../common/transport/apiSchemas';
import { keyclicCollect } from '../../common/transport/paging';
import { collection, isoDate, keyclicId, optionalId, requiredText } from '../helpers/input';
import { asResource, resourceOutput, wantsSimplify } from '../helpers/output';
import { inVersions } from '../helpers/versions';

// Steps that reports and operations share: get one, list a collection, apply a transition.

const LABEL: Record<ResourceType, string> = { report: 'Report ID', operation: 'Operation ID' };

/** GET /reports/{id} or /operations/{id}. */
export async function getOne(context: IExecuteFunctions, kind: ResourceType, itemIndex: number): Promise<IDataObject[]> {
	const id = keyclicId(context, `${kind}Id`, LABEL[kind], itemIndex);
	const what = `get the ${kind}`;
	const answer = await keyclicRequest(context, anyAnswer, 'GET', `/${kind}s/${id}`, what);
	return [resourceOutput(asResource(context, kind, answer, what), wantsSimplify(context, itemIndex))];
}

/** Sends a call whose answer is the resource (POST, PATCH) and outputs it. */
export async function sendForResource(
	context: IExecuteFunctions,
	kind: ResourceType,
	request: { method: 'POST' | 'PATCH'; path: string; what: string; body: IDataObject },
	itemIndex: number,
): Promise<IDataObject[]> {
	const answer = await keyclicRequest(context, anyAnswer, request.method, request.path, request.what, { body: request.body });
	return [resourceOutput(asResource(context, kind, answer, request.what), wantsSimplify(context, itemIndex))];
}

/** The query of a list: Keyclic's filter names, empty ones left out, dates as ISO 8601. */
function listQuery(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = collection(context, 'filters', itemIndex);
	const qs: IDataObject = {};
	for (const key of ['state', 'query', 'order']) {
		const value = filters[key];
		if (typeof value === 'string' && value.trim() !== '') qs[key] = value.trim();
	}
	const place = optionalId(context, filters.place, 'Place', itemIndex);
	const category = optionalId(context, filters.category, 'Category', itemIndex);
	if (place !== undefined) qs.place = place;
	if (category !== undefined) qs.category = category;
	const after = isoDate(context, filters.after, 'Created After', itemIndex);
	const before = isoDate(context, filters.before, 'Created Before', itemIndex);
	if (after) qs.after = after;
	if (before) qs.before = before;
	return qs;
}

/** A paginated list of reports or operations: Return All walks every page, Limit stops early. */
export async function listResources(
	context: IExecuteFunctions,
	kind: ResourceType,
	path: string,
	itemIndex: number,
	extraQuery: IDataObject = {},
): Promise<IDataObject[]> {
	const qs = { ...listQuery(context, itemIndex), ...extraQuery };
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) === true;
	const max = returnAll ? undefined : Number(context.getNodeParameter('limit', itemIndex, 50));
	const what = `list the ${kind}s`;
	const items = await keyclicCollect(context, anyAnswer, path, what, { qs, max });
	const simplify = wantsSimplify(context, itemIndex);
	return items.map((item) => resourceOutput(asResource(context, kind, item, what), simplify));
}

/** POST /{kind}s/{id}/workflow {transition, text?, datetime?}. */
export async function changeState(context: IExecuteFunctions, kind: ResourceType, itemIndex: number): Promise<IDataObject[]> {
	const id = keyclicId(context, `${kind}Id`, LABEL[kind], itemIndex);
	const transition = requiredText(context, 'transition', 'Transition', itemIndex);
	const options = collection(context, 'transitionOptions', itemIndex);
	const body: IDataObject = { transition };
	if (typeof options.text === 'string' && options.text.trim() !== '') body.text = options.text.trim();
	const datetime = isoDate(context, options.datetime, 'Date', itemIndex);
	if (datetime) body.datetime = datetime;
	return await inVersions(
		context,
		`${RESOURCE_TYPE_NAMES[kind]} → Change State`,
		`POST /${kind}s/{${kind}}/workflow`,
		`Keyclic API 2.4 (2020) to 2.75 (2025) only (1.28 of 2018 has POST /${kind}s/{${kind}}/workflow/transition instead), not in the 2025 OpenAPI 3 ("v3") API`,
		async () =>
			await sendForResource(
				context,
				kind,
				{ method: 'POST', path: `/${kind}s/${id}/workflow`, what: `change the state of the ${kind}`, body },
				itemIndex,
			),
		{ exists: async () => await keyclicRequest(context, anyAnswer, 'GET', `/${kind}s/${id}`, `get the ${kind}`) },
	);
}
