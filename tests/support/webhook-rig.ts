import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { spawnWorkerProcess, stopProcesses } from "./processes";
import { sealWebhookSecret } from "../../app/modules/webhooks/webhook-secret.server";

const SESSION_SECRET = "webhook-rig";

/**
 * A fresh database on the server in `serverUrl` holding `deliveries` queued webhook deliveries to
 * a receiver on 127.0.0.1 (which records each delivery id and when it arrived, and answers 200
 * after `answerAfterMs`), and worker processes (`server/worker.ts`) started on demand.
 */
export async function startWebhookRig(serverUrl: string, deliveries: number, answerAfterMs = 0) {
  const name = `tw_hooks_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database: DatabaseHandle = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  await migrateToLatest(database.db);

  const arrivals: { id: string; at: number }[] = [];
  const receiver = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      arrivals.push({ id: String(request.headers["x-treatywatch-delivery"]), at: Date.now() });
      setTimeout(() => response.end("ok"), answerAfterMs);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const port = (receiver.address() as AddressInfo).port;

  const subscription = await database.db
    .insertInto("webhook_subscriptions")
    .values({ url: `http://127.0.0.1:${port}/hook`, events: ["signature.confirmed"], secret_sealed: sealWebhookSecret("whsec_rig", [SESSION_SECRET]), owner_email: "owner@example.org", created_by: "rig" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const body = JSON.stringify([{ event: "signature.confirmed", "osdi:signature": { identifiers: ["treatywatch:rig"], status: "confirmed" } }]);
  // Queued "now": created_at is the database's clock, so latency counts from the rows being due.
  await sql`insert into webhook_deliveries (subscription_id, event, body) select ${subscription.id}::uuid, 'signature.confirmed', ${body} from generate_series(1, ${deliveries})`.execute(database.db);

  const children: ChildProcess[] = [];
  const count = async (status: string) =>
    Number((await database.db.selectFrom("webhook_deliveries").select((eb) => eb.fn.countAll<string>().as("n")).where("status", "=", status as never).executeTakeFirstOrThrow()).n);

  return {
    database,
    arrivals,
    countDelivered: () => count("delivered"),
    spawnWorker(extraEnv: Record<string, string> = {}): ChildProcess {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: url.toString(),
        SESSION_SECRET,
        WEBHOOK_ALLOW_PRIVATE: "1",
        DATABASE_POOL_SIZE: "8",
        ...extraEnv,
      };
      const child = spawnWorkerProcess(env);
      children.push(child);
      return child;
    },
    async waitForDelivered(target: number, timeoutMs = 120_000): Promise<number> {
      const deadline = Date.now() + timeoutMs;
      let delivered = await count("delivered");
      while (delivered < target && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        delivered = await count("delivered");
      }
      return delivered;
    },
    async close() {
      await stopProcesses(children);
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
