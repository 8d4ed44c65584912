import { Settings } from "luxon";

// Luxon must never fall back to the host zone; every zone is named explicitly in code.
Settings.defaultZone = "UTC";
