/**
 * `tsx scripts/move-files.ts old new [old new …]`: `git mv` each file and rewrite every
 * relative or `~/` import specifier in the repository that pointed at a moved file or that
 * sits in a moved file, keeping each specifier's style (`~/` stays `~/` inside app/).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { posix } from "node:path";
import ts from "typescript";

const root = process.cwd();
const args = process.argv.slice(2);
if (args.length === 0 || args.length % 2 !== 0) throw new Error("usage: move-files old new [old new …]");
const moves = new Map<string, string>();
for (let i = 0; i < args.length; i += 2) moves.set(posix.normalize(args[i]!), posix.normalize(args[i + 1]!));

const SKIP = new Set(["node_modules", "build", ".cache", ".data", ".git", "test-results"]);
function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(posix.join(root, dir), { withFileTypes: true })) {
    if (SKIP.has(entry.name) || (dir === "public" && entry.name === "build")) continue;
    const path = dir === "." ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) yield* files(path);
    else if (/\.(ts|tsx|js|mjs|jsx)$/.test(entry.name)) yield path;
  }
}

const EXTS = ["", ".ts", ".tsx", ".js", ".mjs", "/index.ts", "/index.tsx"];
function resolve(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("~/")) base = posix.join("app", spec.slice(2));
  else if (spec.startsWith("./") || spec.startsWith("../")) base = posix.join(posix.dirname(from), spec);
  else return null;
  for (const ext of EXTS) {
    const candidate = base + ext;
    if (existsSync(posix.join(root, candidate)) && statSync(posix.join(root, candidate)).isFile()) return candidate;
  }
  return null;
}

type Ref = { pos: number; spec: string; target: string; suffix: string };
const plan = new Map<string, Ref[]>();
for (const file of files(".")) {
  const text = readFileSync(posix.join(root, file), "utf8");
  const refs: Ref[] = [];
  for (const imported of ts.preProcessFile(text, true, true).importedFiles) {
    const target = resolve(file, imported.fileName);
    if (!target) continue;
    // What the specifier leaves off the file's path (usually its extension).
    const written = imported.fileName.startsWith("~/") ? posix.join("app", imported.fileName.slice(2)) : posix.join(posix.dirname(file), imported.fileName);
    const suffix = target.slice(written.length);
    refs.push({ pos: imported.pos, spec: imported.fileName, target, suffix });
  }
  plan.set(file, refs);
}

for (const [from, to] of moves) {
  if (!existsSync(posix.join(root, from))) throw new Error(`no such file: ${from}`);
  mkdirSync(posix.dirname(posix.join(root, to)), { recursive: true });
  execFileSync("git", ["mv", from, to], { stdio: "inherit" });
}

const where = (path: string) => moves.get(path) ?? path;
let changed = 0;
for (const [file, refs] of plan) {
  const now = where(file);
  const edits = refs.filter((r) => moves.has(file) || moves.has(r.target));
  if (edits.length === 0) continue;
  let text = readFileSync(posix.join(root, now), "utf8");
  for (const ref of [...edits].sort((a, b) => b.pos - a.pos)) {
    const start = text.indexOf(ref.spec, ref.pos);
    if (start < 0 || start > ref.pos + 2) throw new Error(`${file}: cannot find ${ref.spec} at ${ref.pos}`);
    const target = where(ref.target);
    const bare = ref.suffix && target.endsWith(ref.suffix) ? target.slice(0, target.length - ref.suffix.length) : target;
    let spec: string;
    if (ref.spec.startsWith("~/") && bare.startsWith("app/")) spec = `~/${bare.slice(4)}`;
    else {
      spec = posix.relative(posix.dirname(now), bare);
      if (!spec.startsWith(".")) spec = `./${spec}`;
    }
    text = text.slice(0, start) + spec + text.slice(start + ref.spec.length);
  }
  writeFileSync(posix.join(root, now), text);
  changed++;
}
console.log(`moved ${moves.size} file(s), rewrote imports in ${changed} file(s)`);
