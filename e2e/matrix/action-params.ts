// The parameters of each server action, read from its source with the TypeScript checker, so the matrix can call an
// action the way its page does: bound ids first, then the form state and the FormData.
import path from "node:path";
import ts from "typescript";

export type Param =
  | { name: string; kind: "formData" | "state" | "boolean" | "number" | "string" | "unknown"; nullable: boolean }
  | { name: string; kind: "literals"; literals: (string | number)[]; nullable: boolean };

/** Parameters of each exported function of `files`, keyed "file#export" (files relative to `root`). */
export function actionParams(files: string[], root = process.cwd()): Map<string, Param[]> {
  const configFile = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
  const program = ts.createProgram(
    files.map((f) => path.join(root, f)),
    { ...options, noEmit: true, incremental: false },
  );
  const checker = program.getTypeChecker();
  const out = new Map<string, Param[]>();
  for (const file of files) {
    const source = program.getSourceFile(path.join(root, file));
    const module = source && checker.getSymbolAtLocation(source);
    if (!source || !module) continue;
    for (const exported of checker.getExportsOfModule(module)) {
      const signature = checker.getTypeOfSymbolAtLocation(exported, source).getCallSignatures()[0];
      if (!signature) continue;
      out.set(
        `${file}#${exported.name}`,
        signature.parameters.flatMap((p) => parameters(p, checker, source)),
      );
    }
  }
  return out;
}

/**
 * One parameter, or the elements of a rest parameter that is a tuple: the actions made by server/staff-action.ts are
 * typed `(...args: [id: number, prev: unknown, formData: FormData])`, with each element's name.
 */
function parameters(p: ts.Symbol, checker: ts.TypeChecker, source: ts.SourceFile): Param[] {
  const type = checker.getTypeOfSymbolAtLocation(p, source);
  const declaration = p.valueDeclaration;
  if (!(declaration && ts.isParameter(declaration) && declaration.dotDotDotToken && checker.isTupleType(type))) return [describe(p.name, type, checker)];
  const target = (type as ts.TypeReference).target as ts.TupleType;
  return checker.getTypeArguments(type as ts.TypeReference).map((element, i) => {
    const named = target.labeledElementDeclarations?.[i]?.name;
    const param = describe(named && ts.isIdentifier(named) ? named.text : `${p.name}${i}`, element, checker);
    // An optional element (the FormData a plain <form> appends) may be left out.
    return target.elementFlags[i] & ts.ElementFlags.Optional ? { ...param, nullable: true } : param;
  });
}

function describe(name: string, type: ts.Type, checker: ts.TypeChecker): Param {
  const parts = type.isUnion() ? type.types : [type];
  const nullable = parts.some((t) => t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined));
  const rest = parts.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
  if (rest.length > 0 && rest.every((t) => t.flags & ts.TypeFlags.BooleanLike)) return { name, kind: "boolean", nullable };
  if (rest.length > 0 && rest.every((t) => t.isStringLiteral() || t.isNumberLiteral())) {
    return { name, kind: "literals", literals: rest.map((t) => (t as ts.LiteralType).value as string | number), nullable };
  }
  if (rest.length !== 1) return { name, kind: "unknown", nullable };
  const t = rest[0];
  if (t.flags & ts.TypeFlags.NumberLike) return { name, kind: "number", nullable };
  if (t.flags & ts.TypeFlags.StringLike) return { name, kind: "string", nullable };
  if (checker.typeToString(t) === "FormData") return { name, kind: "formData", nullable };
  // useActionState's previous state: an object the action only echoes back.
  if (t.flags & ts.TypeFlags.Object) return { name, kind: "state", nullable };
  return { name, kind: "unknown", nullable };
}
