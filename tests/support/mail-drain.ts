import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import postgres from "postgres";
import { SMTPServer } from "smtp-server";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { spawnWorkerProcess, stopProcesses } from "./processes";

export interface DrainResult {
  mails: number;
  workers: number;
  /** From starting the workers to the last row sent, start-up included. */
  seconds: number;
  /** Between the first and the last mail sent. */
  mailsPerSecond: number;
  /** Messages the SMTP sink accepted, and how many distinct Message-IDs among them. */
  received: number;
  distinctMessageIds: number;
  sentRows: number;
}

/**
 * A fresh database on the server in `serverUrl` with `mails` queued mails, an
 * in-process SMTP sink that records Message-IDs, and worker processes
 * (`server/worker.ts`) started on demand.
 */
export async function startMailRig(serverUrl: string, mails: number) {
  const name = `tw_drain_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database: DatabaseHandle = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  const messageIds: string[] = [];
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      let head = "";
      stream.on("data", (chunk: Buffer) => {
        if (head.length < 4096) head += chunk.toString("utf8");
      });
      stream.on("end", () => {
        const id = /^Message-ID:\s*(\S+)/im.exec(head)?.[1];
        if (id) messageIds.push(id);
        callback();
      });
    },
  });
  // A killed worker resets its connections: expected here, not an error of the test.
  sink.on("error", () => {});
  await migrateToLatest(database.db);
  for (let start = 0; start < mails; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, mails - start) }, (_, i) => ({
      recipient: `reader${start + i}@example.org`,
      template: "test",
      template_data: {},
      language: ["en", "fr", "es", "ar", "ru", "zh"][(start + i) % 6]!,
      idempotency_key: `drain:${start + i}`,
    }));
    await database.db.insertInto("outgoing_mails").values(batch).execute();
  }
  await new Promise<void>((resolve) => sink.listen(0, "127.0.0.1", resolve));
  const smtpUrl = `smtp://127.0.0.1:${(sink.server.address() as AddressInfo).port}`;
  const children: ChildProcess[] = [];

  const countSent = async () =>
    Number(
      (
        await database.db
          .selectFrom("outgoing_mails")
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .where("status", "=", "sent")
          .executeTakeFirstOrThrow()
      ).n,
    );

  return {
    database,
    messageIds,
    countSent,
    spawnWorker(extraEnv: Record<string, string> = {}): ChildProcess {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: url.toString(),
        SMTP_URL: smtpUrl,
        SESSION_SECRET: "drain",
        MAIL_BATCH_SIZE: "50",
        MAIL_PER_DOMAIN_PER_MINUTE: String(mails * 2),
        DATABASE_POOL_SIZE: "4",
        ...extraEnv,
      };
      const child = spawnWorkerProcess(env);
      children.push(child);
      return child;
    },
    async waitForSent(count: number, timeoutMs = 120_000): Promise<number> {
      const deadline = Date.now() + timeoutMs;
      let sent = await countSent();
      while (sent < count && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        sent = await countSent();
      }
      return sent;
    },
    /** Mails per second between the first and the last send. */
    async sendingRate(): Promise<number> {
      const span = await database.db
        .selectFrom("outgoing_mails")
        .select((eb) => [eb.fn.min("sent_at").as("first"), eb.fn.max("sent_at").as("last")])
        .executeTakeFirstOrThrow();
      const seconds = Math.max((new Date(span.last as Date).getTime() - new Date(span.first as Date).getTime()) / 1000, 0.001);
      return Math.round((await countSent()) / seconds);
    },
    async close() {
      await stopProcesses(children);
      await new Promise<void>((resolve) => sink.close(() => resolve()));
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Drains `mails` queued mails with `workers` worker processes and measures it. */
export async function drainWithWorkers(serverUrl: string, mails: number, workers: number): Promise<DrainResult> {
  const rig = await startMailRig(serverUrl, mails);
  try {
    const started = Date.now();
    for (let i = 0; i < workers; i++) rig.spawnWorker();
    const sentRows = await rig.waitForSent(mails);
    const seconds = (Date.now() - started) / 1000;
    return {
      mails,
      workers,
      seconds,
      mailsPerSecond: await rig.sendingRate(),
      received: rig.messageIds.length,
      distinctMessageIds: new Set(rig.messageIds).size,
      sentRows,
    };
  } finally {
    await rig.close();
  }
}
