/**
 * Records of the tactical and strategic KPIs: backup runs (T1.4, ~99.5 % successful) and the
 * yearly restore test; end-of-support items (T1.2); security exceptions (T3.1); the improvement
 * top list (T2.3); and attested evidence: the quarterly life-cycle review (T1.1), the CSR
 * statement (S2.1) and the yearly sustainability account (S2.2).
 */
import type { CanonicalRecordInput } from "../model/schema.js";
import { DAY, HOUR, iso, localParts, localToMs, MINUTE } from "./calendar.js";
import { OPERATORS } from "./organisation.js";
import type { Rng } from "./rng.js";
import { clampToWindow, type DemoWindow, momentAt } from "./window.js";

type Of<K extends CanonicalRecordInput["kind"]> = Extract<CanonicalRecordInput, { kind: K }>;

const BACKUP_JOBS = [
  { job: "fileserver-dagelijks", hour: 22 },
  { job: "sql-productie-dagelijks", hour: 23 },
  { job: "m365-exchange-dagelijks", hour: 1 },
  { job: "m365-sharepoint-dagelijks", hour: 2 },
] as const;

export function generateBackups(w: DemoWindow, rng: Rng): Array<Of<"backup-run"> | Of<"restore-test">> {
  const runs: Array<Of<"backup-run">> = [];
  for (const day of w.days) {
    const [y, m, d] = day.date.split("-").map(Number) as [number, number, number];
    for (const { job, hour } of BACKUP_JOBS) {
      const at = localToMs(y, m, d, hour, 0);
      if (at < w.start || at > w.now) continue;
      runs.push({
        kind: "backup-run",
        source: "demo",
        job,
        scheduledAt: iso(at),
        success: !rng.chance(0.005),
      });
    }
  }
  // Every data set shows at least one failed run.
  const failed = runs.find((r) => !r.success);
  const forced = runs[Math.floor(runs.length * 0.4)];
  if (failed === undefined && forced !== undefined) forced.success = false;

  // The yearly restore test early in the window; later a test of a new system fails and is redone.
  const failedTest = momentAt(w, rng, 0.55, 10);
  return [
    ...runs,
    { kind: "restore-test", source: "demo", at: iso(momentAt(w, rng, 0.03, 10)), success: true },
    { kind: "restore-test", source: "demo", at: iso(failedTest), success: false },
    { kind: "restore-test", source: "demo", at: iso(clampToWindow(w, failedTest + 6 * DAY)), success: true },
  ];
}

export function generateEolItems(w: DemoWindow, rng: Rng): Array<Of<"eol-item">> {
  const items: Array<[string, number, number | null]> = [];
  const signalled = (f: number): number => momentAt(w, rng, f, 10);
  const inTime = [
    "SRV-FILE-01",
    "SW-ZWL-CORE-01",
    "FW-AMF-01",
    "SRV-SQL-01",
    "AP-CTRL-01",
    "zaaksysteem-v5",
    "SRV-RDS-01",
    "printers-amersfoort",
  ];
  inTime.forEach((asset, i) => {
    const at = signalled(0.05 + i * 0.12);
    items.push([asset, at + rng.float(100, 400) * DAY, at]);
  });
  // Two signalled late, recently: their deadlines (eosDate − 90 days) passed only weeks before,
  // so they count in the current quarter and the earlier quarters stay green.
  for (const [i, asset] of ["SRV-PRINT-01", "hr-pakket-v8"].entries()) {
    const at = signalled(0.88 + i * 0.05);
    items.push([asset, at + rng.float(65, 85) * DAY, at]);
  }
  items.push(["SW-DHG-CORE-01", w.now + rng.float(200, 500) * DAY, null]);
  items.push(["laptops-generatie-2019", w.now + rng.float(150, 300) * DAY, null]);
  // Not signalled although its end of support is less than 90 days away: overdue.
  items.push(["VPN-GW-01", w.now + rng.float(30, 60) * DAY, null]);
  return items.map(([asset, eos, at]) => ({
    kind: "eol-item",
    id: `EOL-${asset}`,
    source: "demo",
    asset,
    eosDate: iso(startOfDay(eos)),
    signalledAt: at === null ? null : iso(at),
  }));
}

function startOfDay(ms: number): number {
  const p = localParts(ms);
  return localToMs(p.year, p.month, p.day);
}

export function generateSecurityExceptions(w: DemoWindow, rng: Rng): Array<Of<"security-exception">> {
  const span = w.now - w.start;
  const reasons = [
    ["Legacy zaaksysteem vereist TLS 1.1", "Alleen bereikbaar via beheernetwerk"],
    ["Oude printer ondersteunt geen MFA", "Printer in apart VLAN, geen internettoegang"],
    ["Kwetsbaarheid SRV-APP-02, patch breekt koppeling", "WAF-regel en extra monitoring"],
    ["Lokale beheerrechten voor meetsoftware", "Privileged access management met logging"],
    ["Gedeelde account receptie", "Beperkte rechten, wachtwoord maandelijks gewijzigd"],
    ["USB-opslag nodig voor archieftaak", "Alleen versleutelde sticks, logging actief"],
    ["Afwijkende wachtwoordregel voor kiosk", null],
    ["Verouderd besturingssysteem op labpc", "Geïsoleerd netwerk, geen domeinlid"],
  ] as const;
  return reasons.map(([reason, control], i) => {
    const reviewBy =
      control === null
        ? w.start + 0.05 * span
        : i === 7
          ? w.now + rng.float(20, 60) * DAY
          : w.start + (0.15 + i * 0.12) * span;
    // The incomplete one (no compensating control) was withdrawn early in the window.
    const expiresAt = control === null ? w.start + 0.1 * span : reviewBy + rng.float(60, 180) * DAY;
    const reviewedAt =
      i === 7 ? null : i === 2 ? reviewBy + rng.float(3, 10) * DAY : reviewBy - rng.float(1, 20) * DAY;
    const reviewed = reviewedAt === null ? null : clampToWindow(w, Math.max(w.start + HOUR, reviewedAt));
    return {
      kind: "security-exception",
      id: `EXC-${String(i + 1).padStart(2, "0")}`,
      source: "demo",
      reason,
      compensatingControl: control,
      reviewBy: iso(startOfDay(reviewBy)),
      reviewedAt: reviewed === null ? null : iso(reviewed),
      expiresAt: iso(startOfDay(expiresAt)),
    };
  });
}

export function generateImprovements(w: DemoWindow, rng: Rng): Array<Of<"improvement">> {
  const items = [
    ["Kennisartikelen servicedesk actualiseren", "in uitvoering"],
    ["Wachttijd telefonie verkorten", "in uitvoering"],
    ["Automatische uitrol printers", "gepland"],
    ["Sneller uitgeven werkplekken", "besluit nodig"],
    ["Minder heropende meldingen", "in uitvoering"],
    ["Rapportage patchstatus per locatie", "afgerond"],
    ["Evaluatie ketenafspraken leveranciers", "gepland"],
  ] as const;
  const ops = Object.values(OPERATORS).flat();
  return items.map(([title, status], i) => {
    // All but one kept current; the last was not touched for about 100 days.
    const updated = i === items.length - 1 ? w.now - 100 * DAY : w.now - rng.float(1, 60) * DAY;
    return {
      kind: "improvement",
      id: `VB-${String(i + 1).padStart(2, "0")}`,
      source: "demo",
      title,
      owner: rng.pick(ops),
      status,
      decisionAt: iso(startOfDay(w.now + rng.float(-40, 90) * DAY)),
      updatedAt: iso(clampToWindow(w, Math.floor(updated / MINUTE) * MINUTE)),
    };
  });
}

export function generateEvidence(w: DemoWindow, rng: Rng): Array<Of<"evidence">> {
  const records: Array<Of<"evidence">> = [];
  // T1.1: the life-cycle overview is reviewed early in every quarter (none yet if the quarter just began).
  const first = localParts(w.start);
  for (let y = first.year, q = Math.floor((first.month - 1) / 3); ; q++) {
    if (q > 3) [y, q] = [y + 1, 0];
    const quarterStart = localToMs(y, q * 3 + 1, 1);
    if (quarterStart > w.now) break;
    const nextQuarter = q === 3 ? localToMs(y + 1, 1, 1) : localToMs(y, q * 3 + 4, 1);
    const at = Math.min(quarterStart + rng.float(8, 20) * DAY, nextQuarter - DAY);
    const placed = at < w.start ? w.start + rng.float(1, 5) * HOUR : at;
    if (placed > w.now || placed >= nextQuarter) continue;
    records.push({
      kind: "evidence",
      source: "demo",
      kpi: "T1.1",
      at: iso(placed),
      what: `Kwartaalreview levenscyclusoverzicht ${y}-Q${q + 1}`,
      link: `https://intranet.example.org/lcm/review-${y}-q${q + 1}`,
    });
  }
  records.push({
    kind: "evidence",
    source: "demo",
    kpi: "S2.1",
    at: iso(momentAt(w, rng, 0.2, 11)),
    what: "MVO-verklaring (D34) geactualiseerd",
    link: "https://intranet.example.org/contract/d34",
  });
  records.push({
    kind: "evidence",
    source: "demo",
    kpi: "S2.2",
    at: iso(momentAt(w, rng, 0.6, 14)),
    what: "Jaarverantwoording duurzame acties besproken in strategisch overleg",
    link: null,
  });
  return records;
}
