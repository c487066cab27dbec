import ts from "typescript";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
function walk(d) { return readdirSync(d).flatMap((f) => { const p = path.join(d, f); return statSync(p).isDirectory() ? walk(p) : p.endsWith(".ts") ? [p] : []; }); }
let as = 0, bang = 0, asUnknown = 0; const per = {};
for (const f of walk(process.argv[2] ?? "src")) {
  const sf = ts.createSourceFile(f, readFileSync(f, "utf8"), ts.ScriptTarget.Latest, true);
  const visit = (n) => {
    if ((ts.isAsExpression(n) || ts.isTypeAssertionExpression(n)) && !(ts.isTypeReferenceNode(n.type) && n.type.typeName.getText() === "const")) { as++; per[f] = (per[f] ?? 0) + 1; if (n.type.kind === ts.SyntaxKind.UnknownKeyword || (ts.isAsExpression(n.expression) && n.expression.type.kind === ts.SyntaxKind.UnknownKeyword)) asUnknown++; }
    if (ts.isNonNullExpression(n)) { bang++; per[f] = (per[f] ?? 0) + 1; }
    ts.forEachChild(n, visit);
  };
  visit(sf);
}
console.log(JSON.stringify({ as, bang, asUnknown }));
if (process.argv[3]) console.log(Object.entries(per).sort((a, b) => b[1] - a[1]).slice(0, 40).map(([f, n]) => `${n} ${f}`).join("\n"));
