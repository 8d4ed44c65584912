export * from "./instant.js";
export * from "./record-key.js";
export * from "./schema.js";
