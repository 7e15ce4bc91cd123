export { LivestatAdmin, type LivestatAdminOptions, type CorpClock } from './livestat-admin.js';
export { LivestatAdminError } from './admin-error.js';
