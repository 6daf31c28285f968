import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod/v4';

import { isDataObject } from '../../common/guards';
import { keyclicRequest } from '../../common/transport';
import { keyclicId } from '../helpers/input';
import { EVERY_VERSION_BUT_V3, inVersions } from '../helpers/versions';
import { operationIdProperty, reportIdProperty } from './common.description';
import type { OperationExecute } from './node.type';

/** Keyclic's Tracking (state, progression, time, checkpoints): only its being an object is relied on. */
const trackingSchema = z.custom<IDataObject>(isDataObject, 'the tracking is not a JSON object');

const KINDS = {
	report: { idProperty: reportIdProperty, idName: 'reportId', label: 'Report', path: 'reports', variable: 'report' },
	operation: { idProperty: operationIdProperty, idName: 'operationId', label: 'Operation', path: 'operations', variable: 'operation' },
} as const;

/** The Get Tracking operation of a report or an operation: `GET /{reports|operations}/{id}/tracking`, as Keyclic answers it. */
export function trackingOperation(kind: keyof typeof KINDS): { description: INodeProperties[]; execute: OperationExecute } {
	const { idProperty, idName, label, path, variable } = KINDS[kind];
	const description = updateDisplayOptions({ show: { resource: [kind], operation: ['getTracking'] } }, [idProperty]);
	const execute: OperationExecute = async function (itemIndex) {
		const id = keyclicId(this, idName, `${label} ID`, itemIndex);
		const what = `get the tracking of the ${kind}`;
		const answer = await inVersions(
			this,
			`${label} → Get Tracking`,
			`GET /${path}/{${variable}}/tracking`,
			EVERY_VERSION_BUT_V3,
			async () => await keyclicRequest(this, trackingSchema, 'GET', `/${path}/${id}/tracking`, what),
		);
		return [{ [idName]: id, ...answer }];
	};
	return { description, execute };
}
