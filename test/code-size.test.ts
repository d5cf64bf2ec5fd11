// The codebase's size rules (docs/architecture.md): no source file over 400 lines and no function over 80, outside
// tests, the bench and generated migrations. A file or function that grows past them is split where its parts meet.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 80;

const EXEMPT = [/^bench\//, /^drizzle\//, /^e2e\//, /^test\//, /\.test\.tsx?$/, /^package-lock\.json$/];

function sourceFiles(): string[] {
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" })
    .split("\n")
    .filter((f) => /\.(ts|tsx|mjs|cjs|js|css)$/.test(f) && !EXEMPT.some((re) => re.test(f)));
  return files.filter((f) => {
    try {
      readFileSync(f);
      return true;
    } catch {
      return false; // deleted in the working tree
    }
  });
}

function longFunctions(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > MAX_FUNCTION_LINES) {
        const name = (node as ts.FunctionDeclaration).name?.getText(source) ?? `(function at line ${start + 1})`;
        found.push(`${file}: ${name} has ${lines} lines`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("code size", () => {
  const files = sourceFiles();

  it(`no source file is over ${MAX_FILE_LINES} lines`, () => {
    const long = files
      .map((f) => ({ f, lines: readFileSync(f, "utf8").split("\n").length }))
      .filter(({ lines }) => lines > MAX_FILE_LINES)
      .map(({ f, lines }) => `${f}: ${lines} lines`);
    expect(long).toEqual([]);
  });

  it(`no function is over ${MAX_FUNCTION_LINES} lines`, () => {
    const long = files.filter((f) => /\.(ts|tsx|mjs|cjs|js)$/.test(f)).flatMap((f) => longFunctions(f, readFileSync(f, "utf8")));
    expect(long).toEqual([]);
  });
});
