/**
 * Parses the config text as one YAML document. Syntax errors become problems with line and
 * column; their messages are yaml's own only for error codes whose text never quotes the file,
 * because a quoted fragment could be part of a secret.
 */
import { type Document, isAlias, LineCounter, parseDocument, visit, type YAMLError } from "yaml";
import type { PathSegment, Position } from "./yaml-path.js";

export interface LocatedProblem {
  path: PathSegment[];
  message: string;
  position?: Position;
}

export interface ParsedYaml {
  doc: Document;
  lineCounter: LineCounter;
  /** the document as plain data; `undefined` when there were syntax problems */
  data: unknown;
  problems: LocatedProblem[];
}

// yaml's texts for these codes can quote a piece of the file (an escape, a tag, a token).
const QUOTING_CODES: Partial<Record<YAMLError["code"], string>> = {
  BAD_DQ_ESCAPE:
    "invalid escape sequence in a double-quoted string (single quotes keep backslashes as they are)",
  BAD_SCALAR_START: "a plain value cannot start with this character; put the value in quotes",
  UNEXPECTED_TOKEN:
    "unexpected text here (check indentation, a missing ':' or '-', or an unclosed quote or bracket)",
  TAG_RESOLVE_FAILED: "unknown YAML tag (values starting with '!' need quotes)",
  BAD_DIRECTIVE: "unknown or invalid YAML directive",
  BAD_COLLECTION_TYPE: "a YAML tag does not fit this kind of value",
  BAD_PROP_ORDER: "an anchor or tag is in the wrong place",
  MULTIPLE_DOCS: "the file holds several YAML documents (separated by ---); the config must be one document",
};

export function readYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const problems = [...doc.errors, ...doc.warnings].map((error) => ({
    path: [],
    message: QUOTING_CODES[error.code] ?? lowerFirst(error.message),
    position: toPosition(lineCounter, error.pos[0]),
  }));
  if (problems.length > 0) return { doc, lineCounter, data: undefined, problems };

  const aliasProblems = unresolvedAliases(doc, lineCounter);
  if (aliasProblems.length > 0) return { doc, lineCounter, data: undefined, problems: aliasProblems };
  try {
    return { doc, lineCounter, data: doc.toJS(), problems: [] };
  } catch {
    // toJS throws only on alias abuse (expansion bombs); nothing in the message is useful to quote.
    return {
      doc,
      lineCounter,
      data: undefined,
      problems: [{ path: [], message: "the file uses too many YAML aliases (*name) to be expanded" }],
    };
  }
}

// yaml reports an alias without its anchor only when converting, without a position; find it here.
function unresolvedAliases(doc: Document, lineCounter: LineCounter): LocatedProblem[] {
  const problems: LocatedProblem[] = [];
  visit(doc, {
    Alias(_key, node) {
      if (isAlias(node) && node.resolve(doc) === undefined) {
        problems.push({
          path: [],
          message: `alias *${node.source} has no anchor &${node.source} before it`,
          position: toPosition(lineCounter, node.range?.[0]),
        });
      }
    },
  });
  return problems;
}

function toPosition(lineCounter: LineCounter, offset: number | undefined): Position | undefined {
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
