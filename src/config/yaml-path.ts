/**
 * YAML paths: formatting zod-style paths (`["connectors", 1, "baseUrl"]`) as the text shown to
 * administrators (`connectors[1].baseUrl`), and finding the node a path points at in the parsed
 * document so that a problem can carry a line and column.
 */
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from "yaml";

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `connectors[1].baseUrl`; keys that are not identifiers are quoted: `priorities["P1 - Critical"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

export interface Position {
  line: number;
  column: number;
}

/**
 * Where a path points in the document. `at: "key"` points at the key of the last segment (for
 * "unknown key" problems); otherwise at its value. A path that does not exist (a missing key)
 * falls back to the deepest node that does, which is the mapping the key belongs in.
 */
export function locate(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PathSegment[],
  at: "key" | "value" = "value",
): Position | undefined {
  let node: unknown = doc.contents;
  let found: Node | undefined = isNode(node) ? node : undefined;
  for (const [index, segment] of path.entries()) {
    node = isAlias(node) ? node.resolve(doc) : node;
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && keyText(item.key) === String(segment));
      if (pair === undefined) break;
      const wantKey = (at === "key" && index === path.length - 1) || isEmptyValue(pair.value);
      next = wantKey ? pair.key : pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      next = node.items[segment];
    } else {
      break;
    }
    if (!isNode(next)) break;
    node = next;
    found = next;
  }
  const offset = found?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

// `key:` with nothing after it has a zero-width null scalar; its key is the better place to point at.
function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  return isScalar(value) && value.value === null && value.range?.[0] === value.range?.[1];
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === "string" ? key : undefined;
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && "range" in value;
}
