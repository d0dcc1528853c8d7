/**
 * Lists every import that crosses a layer or module boundary the wrong way
 * (rules in scripts/boundaries.ts, drawn in docs/decisions/0019-layers-and-modules.md).
 * Run by `npm run lint`; exits 1 when anything is found.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { checkImport, moduleCycles, moduleOf, resolveSpecifier } from "./boundaries";

export const CHECKED_FOLDERS = ["app", "db", "emails", "server", "cli"];

/**
 * Imports allowed for now although they break a rule, each with the reason it is still there.
 * Keyed by importing file and specifier; an entry that no longer matches anything is reported too.
 */
export const TEMPORARY_ALLOWED: readonly { file: string; specifier: string; reason: string }[] = [];

export type Finding = { file: string; line: number; message: string };

function* sourceFiles(root: string, folder: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(join(root, folder), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") yield* sourceFiles(root, path);
    } else if (/\.(ts|tsx|js|jsx|mts|mjs)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
      yield path;
    }
  }
}

/** Every boundary broken under `root` (a repository checkout), in file order. */
export function findViolations(root: string, allowed = TEMPORARY_ALLOWED): Finding[] {
  const findings: Finding[] = [];
  const used = new Set<(typeof allowed)[number]>();
  const moduleEdges = new Map<string, Finding>();
  for (const folder of CHECKED_FOLDERS) {
    for (const file of sourceFiles(root, folder)) {
      const text = readFileSync(join(root, file), "utf8");
      const { importedFiles } = ts.preProcessFile(text, true, true);
      for (const imported of importedFiles) {
        const line = text.slice(0, imported.pos).split("\n").length;
        const exception = allowed.find((a) => a.file === file && a.specifier === imported.fileName);
        const broken = checkImport(file, imported.fileName);
        if (exception && broken.length > 0) {
          used.add(exception);
          continue;
        }
        for (const violation of broken) findings.push({ file, line, message: violation.message });
        const target = resolveSpecifier(file, imported.fileName);
        const from = moduleOf(file);
        const to = target === null ? null : moduleOf(target);
        if (from !== null && to !== null && from !== to && !moduleEdges.has(`${from}>${to}`)) {
          moduleEdges.set(`${from}>${to}`, { file, line, message: "" });
        }
      }
    }
  }
  const edges = [...moduleEdges.keys()].map((key) => key.split(">") as [string, string]);
  for (const cycle of moduleCycles(edges)) {
    const first = moduleEdges.get(`${cycle[0]}>${cycle[1 % cycle.length]}`)!;
    findings.push({ file: first.file, line: first.line, message: `modules import each other in a cycle: ${[...cycle, cycle[0]].join(" → ")}` });
  }
  for (const exception of allowed) {
    if (!used.has(exception)) findings.push({ file: exception.file, line: 1, message: `allowed import ${exception.specifier} is gone: remove it from TEMPORARY_ALLOWED` });
  }
  return findings;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
  const findings = findViolations(root);
  for (const finding of findings) console.error(`${finding.file.split("/").join(sep)}:${finding.line}  ${finding.message}`);
  if (findings.length > 0) {
    console.error(`\n${findings.length} import(s) cross a boundary the wrong way: see docs/decisions/0019-layers-and-modules.md`);
    process.exit(1);
  }
  console.log(`boundaries: ok (${relative(process.cwd(), root) || "."})`);
}
