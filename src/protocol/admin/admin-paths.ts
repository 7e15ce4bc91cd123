/** Where the dashboard's JSON API lives (a module without TypeBox, like protocol/paths.ts). */
export const ADMIN_PREFIX = '/livestat/admin';
