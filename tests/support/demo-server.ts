import { afterAll, beforeAll, beforeEach } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { startTestServer, type TestServer } from "./test-server";

/**
 * One server with the demo campaigns for the whole test file (handed to `use`
 * once started), closed after it; the rate limits are cleared before each test,
 * as the file's organizers sign in again and again.
 */
export function withDemoServer(use: (server: TestServer) => void) {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer();
    await seedDemoContent(server.database.db);
    use(server);
  });
  afterAll(async () => server?.close());
  beforeEach(async () => {
    await server!.database.db.deleteFrom("rate_limit_hits").execute();
  });
}
