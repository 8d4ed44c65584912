export { DEMO_SOURCE, type DemoOptions, generateDemoRecords } from "./generate.js";
export {
  LOCATIONS,
  M365_SERVICES,
  ORGANISATION,
  STANDARD_CHANGE_CATALOG,
  STANDARD_CHANGE_LEAD_TIMES,
} from "./organisation.js";
export { type DemoSummary, demoSummary } from "./summary.js";
