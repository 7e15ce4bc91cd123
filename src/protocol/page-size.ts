/** Viewers per get_watch_stat page unless the server is told otherwise (WeCom's pages hold 100). */
export const DEFAULT_PAGE_SIZE = 100;
