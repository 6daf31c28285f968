/** Credential that holds the secret token expected in the webhook URL (Manual registration). */
export const WEBHOOK_SECRET_CREDENTIAL = 'keyclicWebhookSecretApi';

/** Keyclic account used for Automatic registration and for confirming events with the API. */
export const API_CREDENTIAL = 'keyclicApi';
