import type { IHookFunctions } from 'n8n-workflow';

import { getRegistration } from '../webhook/parameters';
import { automaticCheckExists, automaticCreate, automaticDelete } from './registration';

// Webhook lifecycle: n8n calls these on activation (publish), on every start, and on deactivation.
// Manual registration: the user gives the URL to Keyclic, so there is nothing to register remotely.
// Automatic registration: see registration.ts.

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	if (getRegistration(this) === 'manual') return true;
	return await automaticCheckExists.call(this);
}

export async function create(this: IHookFunctions): Promise<boolean> {
	if (getRegistration(this) === 'manual') return true;
	return await automaticCreate.call(this);
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	if (getRegistration(this) === 'manual') return true;
	return await automaticDelete.call(this);
}
