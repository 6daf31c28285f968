import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { keyclicRequest } from '../../common/transport';
import { anyAnswer } from '../../common/transport/apiSchemas';
import { asResource } from '../helpers/output';
import { transitionChoices } from '../helpers/transitions';
import { currentId } from './currentParameters';

// The Transition lists of Change State: what the report or operation typed in the panel can go to next.

async function transitionsOfResource(context: ILoadOptionsFunctions, kind: 'report' | 'operation'): Promise<INodeListSearchResult> {
	const label = kind === 'report' ? 'Report ID' : 'Operation ID';
	const id = currentId(context, `${kind}Id`, label);
	const what = `read the ${kind}`;
	const answer = await keyclicRequest(context, anyAnswer, 'GET', `/${kind}s/${id}`, what);
	return { results: transitionChoices(asResource(context, kind, answer, what).payload) };
}

export async function searchReportTransitions(this: ILoadOptionsFunctions): Promise<INodeListSearchResult> {
	return await transitionsOfResource(this, 'report');
}

export async function searchOperationTransitions(this: ILoadOptionsFunctions): Promise<INodeListSearchResult> {
	return await transitionsOfResource(this, 'operation');
}
