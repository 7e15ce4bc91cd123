import Type, { type Static } from 'typebox';

/** A corp as the dashboard lists it. */
const AdminCorpSchema = Type.Object({ corpid: Type.String(), name: Type.String() });
export type AdminCorp = Static<typeof AdminCorpSchema>;

/** `GET /livestat/admin/corps`: every corp. */
export const AdminCorpsReplySchema = Type.Object({ corps: Type.Array(AdminCorpSchema) });
export type AdminCorpsReply = Static<typeof AdminCorpsReplySchema>;
