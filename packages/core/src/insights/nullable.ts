/**
 * Every field of the Insights summaries is `nullable` in the spec, but the generated types drop that
 * for fields that are a `$ref` to an enum; this puts it back.
 */
export type Nullable<T> = { [K in keyof T]: T[K] | null };
