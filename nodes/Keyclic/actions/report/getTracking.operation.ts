import { trackingOperation } from '../tracking';

/** GET /reports/{id}/tracking: the report's tracking as Keyclic answers it (see ../tracking.ts). */
export const { description, execute } = trackingOperation('report');
