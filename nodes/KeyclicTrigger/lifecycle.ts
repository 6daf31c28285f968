import type { IHookFunctions } from 'n8n-workflow';

// Webhook lifecycle (n8n calls these on activation, on every start, and on deactivation).
// In Manual registration, the user gives the URL to Keyclic: there is nothing to register remotely,
// so the webhook always "exists" and create/delete have nothing to do.

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	return true;
}

export async function create(this: IHookFunctions): Promise<boolean> {
	return true;
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	return true;
}
