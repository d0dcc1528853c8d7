import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { describeError, logError, scrubText } from "~/lib/safe-log.server";
import { startPeriodicJob } from "~/lib/periodic.server";
import { openTestDatabase } from "../support/database";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
  await migrateToLatest(handle.db);
});
afterAll(async () => handle?.close());

const ADDRESS = "Ann.Lee+tag@Example.org";
const NAME = "Ann Quennell-Lee";

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the statement to fail");
}

describe("errors as the log keeps them", () => {
  it("drops the values a database error carries: detail, parameters, the failing row, quoted input", async () => {
    const db = handle.db;
    await db.insertInto("organizers").values({ email: ADDRESS.toLowerCase(), role: "viewer" }).execute();
    const errors = [
      // Both drivers put "Key (email)=(…) already exists" in `detail`; PGlite adds every bound parameter.
      await failure(() => db.insertInto("organizers").values({ email: ADDRESS.toLowerCase(), role: "viewer" }).execute()),
      // An address where a number was expected: PostgreSQL quotes the input in the message.
      await failure(() => db.selectFrom("signatures").selectAll().where("id", "=", ADDRESS).execute()),
      // A check constraint: "Failing row contains (…)" with the name and the address.
      await failure(() => sql`insert into organizers (email, role) values (${`${NAME} <${ADDRESS}>`}, 'nonsense')`.execute(db)),
    ];
    for (const error of errors) {
      // Today's logging printed the whole object: the values are in it.
      expect(JSON.stringify(error) + String((error as Error).message)).toMatch(/ann\.lee/iu);
      const logged = describeError(error);
      expect(logged).not.toMatch(/ann\.lee|quennell|example\.org/iu);
      expect(logged).toMatch(/^\w*error: /iu);
      expect(logged).toMatch(/code=\w{5}/u);
      expect(logged).toMatch(/\n\s+at /u);
    }
    expect(describeError(errors[0])).toMatch(/constraint(_name)?=organizers_email_key/u);
  });

  it("takes addresses and tokens out of messages and keeps the rest", () => {
    expect(scrubText("cannot mail ann@example.org: 550 <bob@x.org> unknown")).toBe("cannot mail [email]: 550 <[email]> unknown");
    expect(scrubText("bad token c2lnbmF0dXJlOjE.0JZOvCc0S3MwoTiYObS20K0rE5H-BoZp3zq889WUof8 given")).toBe("bad token [token] given");
    expect(scrubText('invalid input syntax for type bigint: "Ann Lee"')).toBe('invalid input syntax for type bigint: "[value]"');
    expect(scrubText("    at f (/work/node_modules/@remix-run/node/dist/x.js:1:2)")).toBe("    at f (/work/node_modules/@remix-run/node/dist/x.js:1:2)");
    const wrapped = new Error(`failed for ${ADDRESS}`, { cause: new Error(`inner ${ADDRESS}`) });
    expect(describeError(wrapped)).not.toContain("Example.org");
    expect(describeError(wrapped)).toContain("caused by: Error: inner [email]");
    expect(describeError({ secret: ADDRESS, status: 500 })).toBe("a thrown response 500");
  });

  it("is what a failing periodic job logs", async () => {
    const printed: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(" ")));
    const error = await failure(() => handle.db.insertInto("organizers").values({ email: ADDRESS.toLowerCase(), role: "viewer" }).execute());
    const job = startPeriodicJob("test job", 10_000, async () => {
      throw error;
    });
    await job.stop();
    logError("direct", error);
    spy.mockRestore();
    expect(printed).toHaveLength(2);
    expect(printed[0]).toMatch(/^test job: run failed: \w*error: duplicate key/iu);
    for (const line of printed) expect(line).not.toMatch(/ann\.lee/iu);
  });
});
