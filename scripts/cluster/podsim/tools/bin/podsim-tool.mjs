// A fake tool in a simulated container (installed as curl, wget, psql, pg_isready): hands argv,
// stdin and the pod's identity to podsim's control API on 127.0.0.1 and replays its answer.
// Plain JavaScript so it starts fast; no dependencies.
import http from "node:http";

const [tool, ...argv] = process.argv.slice(2);
const env = process.env;
const url = new URL(env.PODSIM_URL ?? "http://127.0.0.1:1");
const passEnv = Object.fromEntries(Object.entries(env).filter(([k]) => /^PG[A-Z_]+$/.test(k)));

function call(path, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: url.hostname, port: url.port, path, method: "POST",
      headers: { "content-type": "application/octet-stream", authorization: `Bearer ${env.PODSIM_TOKEN ?? ""}` },
    }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        if (res.statusCode !== 200) reject(new Error(`podsim answered ${res.statusCode}: ${text}`));
        else resolve(JSON.parse(text));
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

function readStdin() {
  return new Promise((resolve) => {
    const chunks = [];
    process.stdin.on("data", (c) => chunks.push(c));
    process.stdin.on("end", () => resolve(Buffer.concat(chunks)));
    process.stdin.on("error", () => resolve(Buffer.concat(chunks)));
  });
}

function finish(answer) {
  if (answer.stdout) process.stdout.write(Buffer.from(answer.stdout, "base64"));
  if (answer.stderr) process.stderr.write(answer.stderr);
  process.stdout.end(() => process.exit(answer.exitCode));
}

try {
  const request = {
    tool, argv, env: passEnv,
    namespace: env.PODSIM_NAMESPACE, pod: env.PODSIM_POD, container: env.PODSIM_CONTAINER,
  };
  let answer = await call("/v1/tool", JSON.stringify(request));
  if (answer.needsStdin) {
    const stdin = await readStdin();
    answer = await call(`/v1/tool/${answer.needsStdin}/stdin`, stdin);
  }
  finish(answer);
} catch (error) {
  process.stderr.write(`${tool}: podsim: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(126);
}
