/**
 * The rules deploy/Dockerfile keeps, read with a Dockerfile parser (dockerfile-ast, the one
 * behind the Dockerfile language server): stages, line continuations and variables are its
 * business; JSON-form commands are parsed with JSON.parse. Each rule reports a problem as a sentence.
 */
import { DockerfileParser, type Copy, type Dockerfile, type From, type Instruction } from "dockerfile-ast";

export interface ImageCopy {
  /** The stage copied from, or null for the build context. */
  from: string | null;
  sources: string[];
  destination: string;
}

/** The build stage's working directory, where `COPY . .` puts the context. */
export const BUILD_DIR = "/app";

/**
 * What the final stage may copy, and must: the build output, static files, strings and the seed
 * data the first migration run loads; the package manifests and patches to install with. Sources
 * are paths in the build stage (`/app/...`) or in the build context.
 */
export const RUNTIME_FILES = {
  fromContext: ["package.json", "package-lock.json", ".npmrc", "patches"],
  fromBuild: ["build", "public", "locales", "db/seeds/convention", "db/seeds/demo"],
  required: ["build", "public", "locales", "db/seeds/convention"],
} as const;

const SECRET_NAME = /SECRET|PASSWORD|TOKEN|API_?KEY|PRIVATE_KEY|DATABASE(_READ)?_URL|SMTP_URL/iu;

export const parseDockerfile = (text: string): Dockerfile => DockerfileParser.parse(text);

/** The instructions of the last stage (the image that runs). */
export function finalStage(dockerfile: Dockerfile): Instruction[] {
  const froms = dockerfile.getFROMs();
  const last = froms.at(-1);
  if (!last) return [];
  const startLine = last.getRange().start.line;
  return dockerfile.getInstructions().filter((instruction) => instruction.getRange().start.line >= startLine);
}

export function imageCopies(dockerfile: Dockerfile): ImageCopy[] {
  return finalStage(dockerfile)
    .filter((instruction): instruction is Copy => instruction.getKeyword() === "COPY")
    .map((copy) => {
      const paths = copy.getArguments().map((argument) => argument.getValue()).filter((value) => !value.startsWith("--"));
      return { from: copy.getFromFlag()?.getValue() ?? null, sources: paths.slice(0, -1), destination: paths.at(-1) ?? "" };
    });
}

/** `CMD ["a", "b"]` or `HEALTHCHECK [--flags] CMD ["a", "b"]`, as the list of words; null for the shell form. */
function execForm(instruction: Instruction): string[] | null {
  const content = instruction.getArgumentsContent() ?? "";
  const json = instruction.getKeyword() === "HEALTHCHECK" ? /\bCMD\s+(\[.*\])\s*$/su.exec(content)?.[1] : content.trim();
  if (!json?.startsWith("[")) return null;
  try {
    return JSON.parse(json) as string[];
  } catch {
    return null;
  }
}

/** An image reference with its ARG defaults filled in. */
function imageOf(dockerfile: Dockerfile, from: From): string {
  const image = from.getImage() ?? "";
  return image.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/gu, (whole, name: string) => {
    const initial = dockerfile.getInitialARGs().find((arg) => arg.getProperty()?.getName() === name);
    return initial?.getProperty()?.getValue() ?? whole;
  });
}

export interface DockerfileFacts {
  /** package.json's scripts: the image's command must be its `start`. */
  scripts: Record<string, string>;
}

/** Every way the Dockerfile breaks the rules; empty when it keeps them all. */
export function dockerfileProblems(text: string, facts: DockerfileFacts): string[] {
  const problems: string[] = [];
  const dockerfile = parseDockerfile(text);
  const froms = dockerfile.getFROMs();
  const stages = froms.map((from) => from.getBuildStage()).filter((stage): stage is string => Boolean(stage));
  if (froms.length < 2) problems.push("one stage: build tools would ship in the image");
  for (const from of froms) {
    const image = imageOf(dockerfile, from);
    if (stages.includes(image)) continue;
    if (!/^[a-z0-9./-]+:\d+(\.\d+){2}[a-z0-9.-]*$/u.test(image)) problems.push(`base image ${image} is not pinned to a version`);
  }

  const final = finalStage(dockerfile);
  const keyword = (name: string) => final.filter((instruction) => instruction.getKeyword() === name);
  const runs = keyword("RUN").map((run) => run.getArgumentsContent() ?? "");
  const installs = runs.filter((run) => /\bnpm (ci|install|i)\b/u.test(run));
  if (!installs.some((run) => /\bnpm ci\b.*--omit=dev/u.test(run))) problems.push("the final stage does not install with npm ci --omit=dev");
  for (const run of installs) if (!/\bnpm ci\b.*--omit=dev/u.test(run)) problems.push(`the final stage installs with "${run}"`);

  const users = keyword("USER").map((user) => (user.getArgumentsContent() ?? "").split(":")[0]!.trim());
  const cmdLine = keyword("CMD").at(-1)?.getRange().start.line ?? Infinity;
  const lastUser = keyword("USER").filter((user) => user.getRange().start.line < cmdLine).at(-1);
  const runsAs = lastUser ? (lastUser.getArgumentsContent() ?? "").split(":")[0]!.trim() : "root";
  if (users.length === 0 || runsAs === "root" || runsAs === "0") problems.push(`the image runs as ${runsAs}`);

  if (!keyword("EXPOSE").some((expose) => (expose.getArgumentsContent() ?? "").split(/\s+/u).some((port) => port.replace(/\/tcp$/u, "") === "3000"))) problems.push("the image does not EXPOSE 3000");

  const healthcheck = keyword("HEALTHCHECK").at(-1);
  const probe = healthcheck ? execForm(healthcheck) : null;
  if (!probe || !probe.join(" ").includes("/healthz")) problems.push("no HEALTHCHECK against /healthz");

  const cmd = keyword("CMD").at(-1);
  const command = cmd ? execForm(cmd) : null;
  const startsTheServer = command && (JSON.stringify(command) === JSON.stringify(["npm", "start"]) || JSON.stringify(command) === JSON.stringify(["sh", "-c", facts.scripts.start]));
  if (!startsTheServer) problems.push(`the command ${JSON.stringify(command ?? cmd?.getArgumentsContent())} is not package.json's start script`);

  for (const instruction of dockerfile.getInstructions().filter((i) => ["ENV", "ARG", "LABEL"].includes(i.getKeyword()))) {
    const names = (instruction.getArgumentsContent() ?? "").split(/\s+/u).map((pair) => pair.split("=")[0]!);
    for (const name of names.filter((n) => SECRET_NAME.test(n))) problems.push(`${instruction.getKeyword()} ${name}: secrets come from the environment at run time, never from the image`);
  }

  const copies = imageCopies(dockerfile);
  const copied = new Set<string>();
  for (const copy of copies) {
    for (const source of copy.sources) {
      const inBuild = copy.from !== null && stages.includes(copy.from) ? source.replace(new RegExp(`^${BUILD_DIR}/`, "u"), "") : null;
      const path = (inBuild ?? source).replace(/^\.\/|\/$/gu, "");
      const allowed = inBuild !== null ? (RUNTIME_FILES.fromBuild as readonly string[]) : (RUNTIME_FILES.fromContext as readonly string[]);
      if (!allowed.includes(path)) problems.push(`the final stage copies ${source}${copy.from ? ` from ${copy.from}` : ""}, which does not run`);
      else copied.add(path);
    }
  }
  for (const path of RUNTIME_FILES.required) if (!copied.has(path)) problems.push(`the final stage lacks ${path}`);
  return problems;
}

/** What .dockerignore must keep out of the build context. */
export const IGNORED = ["node_modules", ".data", ".git", "tests", "build", ".env"] as const;

export function dockerignoreProblems(text: string): string[] {
  const patterns = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  const negated = patterns.filter((p) => p.startsWith("!")).map((p) => p.slice(1).replace(/^\/|\/$/gu, ""));
  const kept = patterns.filter((p) => !p.startsWith("!")).map((p) => p.replace(/^\/|\/$/gu, ""));
  return IGNORED.filter((path) => !kept.includes(path) || negated.includes(path)).map((path) => `.dockerignore lets ${path} into the build context`);
}
