// Runs one PGlite (PostgreSQL compiled to wasm) in a worker thread: its queries block this thread,
// not podsim's event loop, and ending the worker returns its memory. Plain JavaScript because
// worker threads do not inherit tsx's loader. Messages: see pg-protocol.ts (WorkerRequest/Response).
import { parentPort } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

let pg;

function simpleQuery(sql) {
  const text = Buffer.from(`${sql}\0`, "utf8");
  const message = Buffer.alloc(5 + text.length);
  message.write("Q", 0, "ascii");
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}

/** A backend message as plain data (structured clone drops class instances' prototypes). */
function plain(message) {
  const out = {};
  for (const [key, value] of Object.entries(message)) {
    if (key === "fields" && Array.isArray(value)) out.fields = value.map((f) => (f !== null && typeof f === "object" ? { ...f } : f));
    else if (typeof value !== "function") out[key] = value;
  }
  out.name = message.name;
  if (message instanceof Error) out.message = message.message;
  return out;
}

async function handle(request) {
  switch (request.op) {
    case "open":
      pg = new PGlite(request.dataDir, { database: request.database, username: request.username });
      await pg.waitReady;
      return { id: request.id, ok: true };
    case "query": {
      if (!pg) throw new Error("no database open");
      const result = await pg.execProtocol(simpleQuery(request.sql), { throwOnError: false });
      return { id: request.id, ok: true, messages: result.messages.map(plain) };
    }
    case "close":
      await pg?.close();
      pg = undefined;
      return { id: request.id, ok: true };
    default:
      throw new Error(`unknown op ${request.op}`);
  }
}

parentPort?.on("message", (request) => {
  handle(request).then(
    (response) => parentPort?.postMessage(response),
    (error) => parentPort?.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
