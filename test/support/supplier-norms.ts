/**
 * The supplier norms a test workspace's contract needs: the catalog leaves O1.4, O1.5, O1.8, O1.9,
 * O2.1 and O2.2 to the supplier's tender, and a contract without them is a configuration error.
 * One file's text, written beside a test config as `supplier-norms.yaml`.
 */
export const SUPPLIER_NORMS_YAML = [
  "O1.4: {maxMinutes: 240, share: 0.95}",
  "O1.5: {maxMinutes: 480, share: 0.95}",
  "O1.8: {maxHours: 24, share: 0.9}",
  "O1.9: {maxHours: 40, share: 0.9}",
  "O2.1: {min: 0.9}",
  "O2.2: {min: 0.95}",
  "",
].join("\n");
