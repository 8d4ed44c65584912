import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/index.js";
import { FILE, problemsOf } from "./helpers.js";

const storageOf = (text: string) => parseConfigText(text, FILE, {}).storage;
const messages = (text: string) => problemsOf(text).map((p) => `${p.path}: ${p.message}`);

describe("storage: tenant, schema and pool size", () => {
  it.each([
    [
      "a tenant for SQLite",
      "storage: {sqlite: ':memory:', tenant: acme-ict}",
      { sqlite: ":memory:", tenant: "acme-ict", retention: { months: null } },
    ],
    [
      "every PostgreSQL setting",
      "storage: {postgres: 'postgres://db.example/sla', tenant: gemeente_x, schema: kpi, poolSize: '25'}",
      {
        postgres: "postgres://db.example/sla",
        tenant: "gemeente_x",
        schema: "kpi",
        poolSize: 25,
        retention: { months: null },
      },
    ],
    [
      "the longest tenant and schema names",
      `storage: {postgres: 'postgres://h/db', tenant: a${"b".repeat(62)}, schema: _${"c".repeat(62)}, poolSize: 100}`,
      {
        postgres: "postgres://h/db",
        tenant: `a${"b".repeat(62)}`,
        schema: `_${"c".repeat(62)}`,
        poolSize: 100,
        retention: { months: null },
      },
    ],
  ])("%s", (_name, text, expected) => {
    expect(storageOf(text)).toEqual(expected);
  });

  it.each([
    [
      "an uppercase tenant",
      "storage: {tenant: Acme}",
      "storage.tenant: must be 1–63 lowercase letters, digits, '-' or '_', starting with a letter",
    ],
    [
      "a tenant starting with a digit",
      "storage: {tenant: 1acme}",
      "storage.tenant: must be 1–63 lowercase letters, digits, '-' or '_', starting with a letter",
    ],
    [
      "a tenant of 64 characters",
      `storage: {tenant: a${"b".repeat(63)}}`,
      "storage.tenant: must be 1–63 lowercase letters, digits, '-' or '_', starting with a letter",
    ],
    [
      "a schema with a dash (it would need quoting)",
      "storage: {postgres: 'postgres://h/db', schema: sla-sentinel}",
      "storage.schema: must be 1–63 lowercase letters, digits or '_', starting with a letter or '_', not 'pg_'",
    ],
    [
      "a system schema name",
      "storage: {postgres: 'postgres://h/db', schema: pg_catalog}",
      "storage.schema: must be 1–63 lowercase letters, digits or '_', starting with a letter or '_', not 'pg_'",
    ],
    [
      "no connections",
      "storage: {postgres: 'postgres://h/db', poolSize: 0}",
      "storage.poolSize: must be between 1 and 100",
    ],
    [
      "too many connections",
      "storage: {postgres: 'postgres://h/db', poolSize: 101}",
      "storage.poolSize: must be between 1 and 100",
    ],
    [
      "a schema for SQLite",
      "storage: {sqlite: a.db, schema: kpi}",
      "storage.schema: applies only with postgres",
    ],
    [
      "a pool size for the default SQLite",
      "storage: {poolSize: 5}",
      "storage.poolSize: applies only with postgres",
    ],
  ])("refuses %s", (_name, text, expected) => {
    expect(messages(text)).toEqual([expected]);
  });

  it("reports a PostgreSQL-only setting for SQLite beside another problem", () => {
    expect(messages("storage: {schema: kpi, tenant: X}")).toEqual([
      "storage.schema: applies only with postgres",
      "storage.tenant: must be 1–63 lowercase letters, digits, '-' or '_', starting with a letter",
    ]);
  });
});
