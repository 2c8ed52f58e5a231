// ecommerce-backend (FastAPI under uvicorn, course/images.yaml): /health, /api/products from the
// namespace's PostgreSQL (found through DATABASE_* like the app: DNS, Service, NetworkPolicy),
// /metrics (prometheus-fastapi-instrumentator), FastAPI's 404/405/500 bodies, uvicorn's logs.
import { pgConnect } from "../postgres/client";
import { NUMERIC_TYPES, type ResultSet } from "../postgres/pg-protocol";
import { RequestMetrics } from "./request-metrics";
import { sendJson, sendText, type ContainerContext, type HttpRequest, type Personality, type PersonalityFactory } from "./types";

/** The app's database driver gives up connecting after this long (connect_timeout=10). */
export const BACKEND_DB_CONNECT_TIMEOUT_MS = 10_000;

const PRODUCT_COLUMNS = "id, name, description, price, category, created_at";

function jsonValue(value: string | null, typeId: number): unknown {
  if (value === null) return null;
  if (NUMERIC_TYPES.has(typeId)) return Number(value);
  if (typeId === 16) return value === "t";
  if (typeId === 1114 || typeId === 1184) return value.replace(" ", "T");
  return value;
}

function rowsAsObjects(result: ResultSet): Array<Record<string, unknown>> {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c.name, jsonValue(row[i] ?? null, c.typeId)])));
}

export class Backend implements Personality {
  readonly metrics = new RequestMetrics();
  private readonly port: number;
  private readonly apiPrefix: string;

  constructor(private readonly ctx: ContainerContext) {
    this.port = Number(ctx.env.PORT) || 8000;
    this.apiPrefix = (ctx.env.API_PREFIX ?? "/api").replace(/\/$/, "");
    if (!ctx.log.hasLines) {
      ctx.log.stderr(
        "INFO:     Started server process [1]",
        "INFO:     Waiting for application startup.",
        "INFO:     Application startup complete.",
        `INFO:     Uvicorn running on http://0.0.0.0:${this.port} (Press CTRL+C to quit)`,
      );
    }
  }

  httpPorts(): number[] {
    return [this.port];
  }

  async handle(_port: number, { req, res, peer }: HttpRequest): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? "/", "http://backend");
    const method = req.method ?? "GET";
    const route = this.route(url.pathname);
    let status = 404;
    if (!route) {
      sendJson(res, 404, { detail: "Not Found" });
    } else if (method !== "GET" && method !== "HEAD") {
      status = 405;
      sendJson(res, 405, { detail: "Method Not Allowed" }, { allow: "GET" });
    } else {
      status = await route.serve(res);
    }
    const seconds = (performance.now() - started) / 1000;
    this.metrics.record(route?.handler ?? "none", method, status, seconds);
    const reason = { 200: "OK", 404: "Not Found", 405: "Method Not Allowed", 500: "Internal Server Error" }[status] ?? "";
    this.ctx.log.stderr(`INFO:     ${peer}:${40000 + Math.floor(Math.random() * 20000)} - "${method} ${url.pathname}${url.search} HTTP/1.1" ${status} ${reason}`);
  }

  private route(pathname: string): { handler: string; serve: (res: HttpRequest["res"]) => Promise<number> } | undefined {
    if (pathname === "/health") return { handler: "/health", serve: async (res) => (sendJson(res, 200, { status: "healthy" }), 200) };
    if (pathname === "/metrics") return { handler: "/metrics", serve: async (res) => (sendText(res, 200, this.metrics.exposition(), "text/plain; version=0.0.4; charset=utf-8"), 200) };
    if (pathname === `${this.apiPrefix}/products`) return { handler: `${this.apiPrefix}/products`, serve: (res) => this.products(res) };
    if (pathname === "/docs") {
      return { handler: "/docs", serve: async (res) => (sendText(res, 200, "<!DOCTYPE html><html><head><title>E-commerce API - Swagger UI</title></head><body><div id=\"swagger-ui\"></div></body></html>", "text/html; charset=utf-8"), 200) };
    }
    return undefined;
  }

  private async products(res: HttpRequest["res"]): Promise<number> {
    const env = this.ctx.env;
    const result = await pgConnect(this.ctx.sim, this.ctx.pod(), undefined, {
      host: env.DATABASE_HOST || "localhost",
      port: Number(env.DATABASE_PORT) || 5432,
      user: env.DATABASE_USER || "postgres",
      database: env.DATABASE_NAME || "ecommerce",
      password: env.DATABASE_PASSWORD ?? "",
      connectTimeoutMs: BACKEND_DB_CONNECT_TIMEOUT_MS,
    }, (run) => run(`SELECT ${PRODUCT_COLUMNS} FROM products ORDER BY id`));
    if (!result.ok) {
      this.ctx.log.stderr(`ERROR:    database error: ${result.failure.message.split("\n")[0]}`);
      sendJson(res, 500, { detail: `Database error: ${result.failure.message.split("\n")[0]}` });
      return 500;
    }
    const outcome = result.value;
    if (outcome.error || !outcome.results[0]) {
      const message = outcome.error?.message ?? "no result";
      this.ctx.log.stderr(`ERROR:    database error: ${message}`);
      sendJson(res, 500, { detail: `Database error: ${message}` });
      return 500;
    }
    sendJson(res, 200, rowsAsObjects(outcome.results[0]));
    return 200;
  }
}

export const backend: PersonalityFactory = (ctx) => new Backend(ctx);
