/**
 * The names a store puts into its tables and SQL: the tenant (a value in every row) and the
 * PostgreSQL schema (an identifier in SQL, so it is checked, never quoted from user text). The
 * config schema checks the same patterns, so a bad name is reported with its YAML path first.
 */

export const DEFAULT_TENANT = "default";
export const DEFAULT_PG_SCHEMA = "sla_sentinel";
export const DEFAULT_PG_POOL_SIZE = 10;

/** Lowercase, starts with a letter, at most 63 characters: safe in file names, URLs and labels. */
export const TENANT_PATTERN = /^[a-z][a-z0-9_-]{0,62}$/;
export const TENANT_RULE = "must be 1–63 lowercase letters, digits, '-' or '_', starting with a letter";

/**
 * An unquoted PostgreSQL identifier that means itself (lowercase, at most 63 bytes, PostgreSQL's
 * NAMEDATALEN); `pg_` is reserved for system schemas.
 */
export const PG_SCHEMA_PATTERN = /^(?!pg_)[a-z_][a-z0-9_]{0,62}$/;
export const PG_SCHEMA_RULE =
  "must be 1–63 lowercase letters, digits or '_', starting with a letter or '_', not 'pg_'";

export function checkedTenant(tenant: string): string {
  if (!TENANT_PATTERN.test(tenant)) throw new RangeError(`tenant '${tenant}' ${TENANT_RULE}`);
  return tenant;
}

export function checkedPgSchema(schema: string): string {
  if (!PG_SCHEMA_PATTERN.test(schema))
    throw new RangeError(`PostgreSQL schema '${schema}' ${PG_SCHEMA_RULE}`);
  return schema;
}
