import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/index.js";
import { FILE, problemsOf, yaml } from "./helpers.js";
import { SIGNAL_DEFAULTS } from "./signal-defaults.js";

const signalsOf = (text: string) => parseConfigText(text, FILE, {}).contract.rules.signals;

describe("contract.rules.signals", () => {
  it.each([
    ["an empty file", ""],
    ["an empty group", "contract: {rules: {signals: {}}}\n"],
    ["a key without value", yaml("contract:", "  rules:", "    signals:")],
  ])("has every default with %s", (_name, text) => {
    expect(signalsOf(text)).toEqual(SIGNAL_DEFAULTS);
  });

  it.each([
    [
      "one threshold",
      "contract: {rules: {signals: {reopened: {maxRise: 0.05}}}}",
      (s: Signals) => s.reopened,
      { maxRise: 0.05, ceiling: 0.08 },
    ],
    [
      "a window given as text (from an env var)",
      'contract: {rules: {signals: {pauseNearDeadline: {windowMinutes: "30"}}}}',
      (s: Signals) => s.pauseNearDeadline,
      { windowMinutes: 30, maxRise: 0.01, ceiling: 0.02 },
    ],
    [
      "the baseline's history",
      "contract: {rules: {signals: {minBaselinePeriods: 6, minPopulation: 50}}}",
      (s: Signals) => [s.minBaselinePeriods, s.minPopulation, s.reopened],
      [6, 50, SIGNAL_DEFAULTS.reopened],
    ],
  ])("a setting given replaces only its own default: %s", (_name, text, pick, expected) => {
    expect(pick(signalsOf(text))).toEqual(expected);
  });

  it("lists every wrong value with its path and what was expected", () => {
    const text = yaml(
      "contract:",
      "  rules:",
      "    signals:",
      "      minPopulation: 0",
      "      reopened: {maxRise: 1.5}",
      "      pauseNearDeadline: {windowMinutes: 0}",
      "      recurringPauses: {minPauses: 1}",
      "      resolutionNormEdge: {edgeShare: 0}",
      "      reRegistered: {windowServiceDays: 0}",
      "      silentStretches: {ceiling: -0.1}",
      "      reopend: {maxRise: 0.1}",
    );
    expect(problemsOf(text).map((p) => [p.path, p.line, p.message])).toEqual([
      ["contract.rules.signals.minPopulation", 4, "must be at least 1"],
      ["contract.rules.signals.reopened.maxRise", 5, "must be a share between 0 and 1, e.g. 0.05"],
      ["contract.rules.signals.pauseNearDeadline.windowMinutes", 6, "must be at least 1"],
      ["contract.rules.signals.recurringPauses.minPauses", 7, "must be at least 2"],
      [
        "contract.rules.signals.resolutionNormEdge.edgeShare",
        8,
        "must be a share above 0 and at most 1, e.g. 0.1",
      ],
      ["contract.rules.signals.reRegistered.windowServiceDays", 9, "must be greater than 0 (service days)"],
      ["contract.rules.signals.silentStretches.ceiling", 10, "must be a share between 0 and 1, e.g. 0.05"],
      ["contract.rules.signals.reopend", 11, "unknown key 'reopend'; did you mean 'reopened'?"],
    ]);
  });
});

type Signals = ReturnType<typeof signalsOf>;
