/** Credential that holds the secret token expected in the webhook URL. */
export const WEBHOOK_SECRET_CREDENTIAL = 'keyclicWebhookSecretApi';
