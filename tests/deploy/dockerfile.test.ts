import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dockerfileProblems, dockerignoreProblems, imageCopies, parseDockerfile } from "./dockerfile-rules";

/** deploy/Dockerfile and .dockerignore, read where no Docker engine can build them. */
const dockerfileText = readFileSync("deploy/Dockerfile", "utf8");
const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
const facts = { scripts };

describe("deploy/Dockerfile", () => {
  it("keeps every rule", () => {
    expect(dockerfileProblems(dockerfileText, facts)).toEqual([]);
  });

  it("copies into the image only paths this repository has or its build makes", () => {
    const built = ["build", "public/build"];
    for (const copy of imageCopies(parseDockerfile(dockerfileText))) {
      for (const source of copy.sources) {
        const path = source.replace(/^\/app\//u, "");
        expect(existsSync(path) || built.includes(path), source).toBe(true);
      }
    }
  });

  it.each<[string, (text: string) => string, string]>([
    ["one stage", (t) => t.replace(/^FROM \$\{NODE_IMAGE\} AS build[\s\S]*?(?=^FROM )/mu, "").replaceAll("--from=build ", ""), "one stage: build tools would ship in the image"],
    ["development packages in the image", (t) => t.replace("npm ci --omit=dev", "npm ci"), "the final stage does not install with npm ci --omit=dev"],
    ["a second install with everything", (t) => t.replace(/^USER node$/mu, "RUN npm install\nUSER node"), 'the final stage installs with "npm install"'],
    ["no USER", (t) => t.replace(/^USER node\n/mu, ""), "the image runs as root"],
    ["USER root", (t) => t.replace(/^USER node$/mu, "USER root"), "the image runs as root"],
    ["USER 0 after a user", (t) => t.replace(/^USER node$/mu, "USER node\nUSER 0:0"), "the image runs as 0"],
    ["no EXPOSE", (t) => t.replace(/^EXPOSE 3000\n/mu, ""), "the image does not EXPOSE 3000"],
    ["a HEALTHCHECK elsewhere", (t) => t.replaceAll("/healthz", "/"), "no HEALTHCHECK against /healthz"],
    ["a command that is not start", (t) => t.replace(/^CMD .*$/mu, 'CMD ["node", "build/server/worker.js"]'), 'the command ["node","build/server/worker.js"] is not package.json\'s start script'],
    ["a secret baked in", (t) => t.replace(/^USER node$/mu, "ENV SESSION_SECRET=abc\nUSER node"), "ENV SESSION_SECRET: secrets come from the environment at run time, never from the image"],
    ["a database URL as a build argument", (t) => t.replace(/^ARG NODE_IMAGE/mu, "ARG DATABASE_URL\nARG NODE_IMAGE"), "ARG DATABASE_URL: secrets come from the environment at run time, never from the image"],
    ["the sources in the image", (t) => t.replace(/^USER node$/mu, "COPY . .\nUSER node"), "the final stage copies ., which does not run"],
    ["the tests in the image", (t) => t.replace(/^USER node$/mu, "COPY --from=build /app/tests ./tests\nUSER node"), "the final stage copies /app/tests from build, which does not run"],
    ["no locales", (t) => t.replace(/^COPY --from=build \/app\/locales .*\n/mu, ""), "the final stage lacks locales"],
    ["no build", (t) => t.replace(/^COPY --from=build \/app\/build .*\n/mu, ""), "the final stage lacks build"],
    ["an unpinned base", (t) => t.replace(/NODE_IMAGE=\S+/u, "NODE_IMAGE=node:lts"), "base image node:lts is not pinned to a version"],
  ])("finds %s", (_, breakIt, problem) => {
    const broken = breakIt(dockerfileText);
    expect(broken).not.toBe(dockerfileText);
    expect(dockerfileProblems(broken, facts)).toContain(problem);
  });

  it("runs package.json's start script, so the two cannot drift apart", () => {
    const changed = { scripts: { ...scripts, start: `${scripts.start} --inspect` } };
    expect(dockerfileProblems(dockerfileText, changed)).toContain(
      `the command ${JSON.stringify(["sh", "-c", scripts.start])} is not package.json's start script`,
    );
  });
});

describe(".dockerignore", () => {
  it("keeps packages, local data, history, tests, builds and .env files out of the build context", () => {
    expect(dockerignoreProblems(readFileSync(".dockerignore", "utf8"))).toEqual([]);
  });

  it("finds what it lets in", () => {
    expect(dockerignoreProblems("node_modules\n.git\n# tests\n.data/\nbuild\n.env\n!.data\n")).toEqual([
      ".dockerignore lets .data into the build context",
      ".dockerignore lets tests into the build context",
    ]);
  });
});
