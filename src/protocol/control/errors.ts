import Type, { type Static } from 'typebox';

/** livestat's own error shape, used by every /livestat endpoint. */
export const LivestatErrorSchema = Type.Object(
  {
    error: Type.String({ description: 'a stable code, e.g. unauthorized, bad_request, not_found, invalid_scenario' }),
    message: Type.String(),
    errors: Type.Optional(Type.Array(Type.String(), { description: 'invalid_scenario: one line per bad path' })),
  },
  { $id: 'LivestatError' },
);
export type LivestatError = Static<typeof LivestatErrorSchema>;
