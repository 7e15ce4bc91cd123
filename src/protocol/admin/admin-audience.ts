import Type, { type Static } from 'typebox';
import { WatchStatExternalUserSchema, WatchStatUserSchema } from '../watch-stat.js';

/** Orders of the audience table. */
export const AUDIENCE_SORTS = ['id', 'watch_time', 'name'] as const;
export type AudienceSort = (typeof AUDIENCE_SORTS)[number];
/** Filters of the audience table by who a viewer is. */
export const AUDIENCE_KINDS = ['member', 'wechat', 'wecom'] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];
export const DEFAULT_AUDIENCE_PAGE = 50;
export const MAX_AUDIENCE_PAGE = 500;
/** The longest `q`, after trimming. */
export const MAX_AUDIENCE_SEARCH_LENGTH = 100;

const Flag = Type.Optional(Type.Enum(['', '0', '1']));

/**
 * `GET /livestat/admin/corps/:corpid/livings/:livingid/audience`'s query string. Every value is
 * text, as a query string has it; what a schema cannot say (limit's range, q's length once
 * trimmed, whether `after` is a cursor of this order) the server checks after it.
 */
export const AudienceQuerySchema = Type.Object({
  sort: Type.Optional(Type.Enum(AUDIENCE_SORTS)),
  order: Type.Optional(Type.Enum(['asc', 'desc'])),
  limit: Type.Optional(Type.String({ description: `viewers per page, 1..${MAX_AUDIENCE_PAGE}, default ${DEFAULT_AUDIENCE_PAGE}` })),
  kind: Type.Optional(Type.Enum(['', ...AUDIENCE_KINDS])),
  commented: Flag,
  mic: Flag,
  q: Type.Optional(Type.String({ description: `text in the id or name, at most ${MAX_AUDIENCE_SEARCH_LENGTH} characters` })),
  after: Type.Optional(Type.String({ description: 'the previous page’s next' })),
});
export type AudienceQueryParams = Static<typeof AudienceQuerySchema>;

/** A viewer in the audience table: get_watch_stat's fields, tagged by kind (as `livestat pull` yields them). */
const AudienceViewerSchema = Type.Union([
  Type.Object({ kind: Type.Literal('member'), ...WatchStatUserSchema.properties }),
  Type.Object({ kind: Type.Literal('external'), ...WatchStatExternalUserSchema.properties }),
]);
export type AudienceViewer = Static<typeof AudienceViewerSchema>;

/** One page of the audience table; `next` continues it, null on the last page. */
export const AudiencePageSchema = Type.Object({
  viewers: Type.Array(AudienceViewerSchema),
  next: Type.Union([Type.String(), Type.Null()]),
});
export type AudiencePage = Static<typeof AudiencePageSchema>;
