/**
 * podsim's postgres (a real PostgreSQL: PGlite per volume) behind the course's database and
 * backend: data on a PVC outlives the pod, data without one does not, psql's options and exit
 * codes, pg_isready, password authentication over TCP, and the backend breaking the way the real
 * app breaks (table dropped, database scaled to zero, password changed).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { AppsV1Api, CoreV1Api, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultCourseDir } from "@/lib/course/load";
import { createTestNamespace, deleteNamespace, isLocalControlPlane, loadTestKubeConfig, waitFor } from "../support/cluster";
import { applyCourseFiles, boundVolume, inPod, readyPods } from "../support/course-workload";
import { httpViaPortForward } from "../support/port-forward";

const kc = loadTestKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
const course = (file: string) => readFileSync(path.join(defaultCourseDir(), "database", file), "utf8");
const mergePatch = setHeaderOptions("Content-Type", PatchStrategy.MergePatch);

describe.runIf(isLocalControlPlane())("podsim's PostgreSQL and the backend that reads it", () => {
  let ns = "";
  const dbPod = async () => (await readyPods(kc, ns, "component=database"))[0]!.metadata!.name!;
  const psql = async (args: string[], stdin?: string) =>
    inPod(kc, ns, await dbPod(), "ecommerce-database").exec(["psql", "-U", "postgres", "-d", "ecommerce", ...args], stdin);
  const products = async () => {
    const pod = (await readyPods(kc, ns, "component=backend", 1))[0]!.metadata!.name!;
    return httpViaPortForward(kc, { namespace: ns, pod, port: 8000, path: "/api/products" });
  };
  const scaleDatabase = (replicas: number) => apps.patchNamespacedDeployment(
    { name: "ecommerce-database-deployment", namespace: ns, body: { spec: { replicas } } }, mergePatch);

  beforeAll(async () => {
    ns = await createTestNamespace("podsim-db");
    await applyCourseFiles(kc, ns, ["k8s-manifests/01-namespace.yaml", "k8s-manifests/02-configmaps.yaml",
      "k8s-manifests/03-secrets.yaml", "k8s-manifests/04-deployments.yaml", "k8s-manifests/05-services.yaml"]);
    await readyPods(kc, ns, "app=ecommerce", 6);
    expect((await psql([], course("schema.sql"))).exitCode).toBe(0);
    expect((await psql([], course("seed.sql"))).stdout).toBe("INSERT 0 3\n");
  });
  afterAll(async () => {
    if (ns) await deleteNamespace(ns, { wait: true }).catch(() => undefined);
  });

  it("keeps the data on the provisioned PersistentVolume across a pod restart", async () => {
    const volume = await boundVolume(kc, ns, "ecommerce-database-pvc");
    expect(volume.metadata?.annotations?.["pv.kubernetes.io/provisioned-by"]).toBe("daybook.local/podsim");
    expect((await psql(["-c", "INSERT INTO orders (customer_email, total_amount) VALUES ('a@example.com', 12.5);"])).stdout).toBe("INSERT 0 1\n");
    const before = await dbPod();
    await core.deleteNamespacedPod({ name: before, namespace: ns });
    const after = await waitFor(async () => {
      const name = await dbPod();
      return name !== before ? name : undefined;
    }, { timeoutMs: 60_000, description: "a new database pod" });
    const log = await inPod(kc, ns, after, "ecommerce-database").logs();
    expect(log).toContain("PostgreSQL Database directory appears to contain a database; Skipping initialization");
    expect((await psql(["-tAc", "SELECT customer_email, total_amount FROM orders;"])).stdout).toBe("a@example.com|12.50\n");
    expect((await products()).body).toContain("Laptop");
    expect((await boundVolume(kc, ns, "ecommerce-database-pvc")).metadata?.uid).toBe(volume.metadata?.uid);
  });

  it("loses the data of a database without a volume when its pod goes", async () => {
    await apps.createNamespacedDeployment({ namespace: ns, body: {
      metadata: { name: "scratch" },
      spec: { replicas: 1, selector: { matchLabels: { app: "scratch" } }, template: { metadata: { labels: { app: "scratch" } }, spec: {
        containers: [{ name: "pg", image: "postgres:15-alpine", env: [{ name: "POSTGRES_PASSWORD", value: "scratch-only" }] }],
      } } },
    } });
    const first = (await readyPods(kc, ns, "app=scratch"))[0]!.metadata!.name!;
    expect((await inPod(kc, ns, first, "pg").exec(["psql", "-U", "postgres", "-c", "CREATE TABLE t (x int);"])).stdout).toBe("CREATE TABLE\n");
    await core.deleteNamespacedPod({ name: first, namespace: ns });
    const second = await waitFor(async () => {
      const name = (await readyPods(kc, ns, "app=scratch"))[0]!.metadata!.name!;
      return name !== first ? name : undefined;
    }, { timeoutMs: 60_000, description: "a new scratch pod" });
    const gone = await inPod(kc, ns, second, "pg").exec(["psql", "-U", "postgres", "-tAc", "SELECT to_regclass('t');"]);
    expect(gone).toEqual({ stdout: "\n", stderr: "", exitCode: 0 });
  });

  it("honours psql's options and exit codes", async () => {
    const failed = await psql(["-c", "SELECT nope FROM products;"]);
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toMatch(/^ERROR:  column "nope" does not exist\nLINE 1: SELECT nope FROM products;\n {15}\^\n/);
    const script = "SELECT 1;\nSELECT * FROM missing;\nSELECT 2;\n";
    const continued = await psql(["-tA"], script);
    expect(continued).toMatchObject({ exitCode: 0, stdout: "1\n2\n" });
    expect(continued.stderr).toContain('psql:<stdin>:2: ERROR:  relation "missing" does not exist');
    expect(await psql(["-tA", "-v", "ON_ERROR_STOP=1"], script)).toMatchObject({ exitCode: 3, stdout: "1\n" });
    expect(await psql(["-tA", "-f", "-"], "SELECT 'from stdin';")).toMatchObject({ exitCode: 0, stdout: "from stdin\n" });
    expect((await psql(["-f", "/nowhere.sql"])).exitCode).toBe(1);
    expect((await psql(["-tAc", "SELECT current_database(), current_user;"])).stdout).toBe("ecommerce|postgres\n");
    expect((await psql(["-lqt"])).exitCode).toBe(0);
    const listing = await psql(["-c", "\\l"]);
    expect(listing.stdout).toMatch(/List of databases[\s\S]* ecommerce /);
    const wrongRole = await inPod(kc, ns, await dbPod(), "ecommerce-database").exec(["psql", "-U", "shop", "-d", "ecommerce", "-c", "SELECT 1"]);
    expect(wrongRole).toMatchObject({ exitCode: 2 });
    expect(wrongRole.stderr).toContain('FATAL:  role "shop" does not exist');
  });

  it("answers pg_isready locally and over the Service, and checks the password over TCP", async () => {
    expect(await inPod(kc, ns, await dbPod(), "ecommerce-database").exec(["pg_isready", "-U", "postgres", "-d", "ecommerce"]))
      .toEqual({ stdout: "/var/run/postgresql:5432 - accepting connections\n", stderr: "", exitCode: 0 });
    const backend = inPod(kc, ns, (await readyPods(kc, ns, "component=backend"))[0]!.metadata!.name!, "ecommerce-backend");
    expect((await backend.exec(["pg_isready", "-h", "ecommerce-database-service", "-p", "5432"])).stdout).toBe("ecommerce-database-service:5432 - accepting connections\n");
    const noPassword = await backend.exec(["psql", "-h", "ecommerce-database-service", "-U", "postgres", "-d", "ecommerce", "-c", "SELECT 1"]);
    expect(noPassword.exitCode).toBe(2);
    expect(noPassword.stderr).toMatch(/^psql: error: connection to server at "ecommerce-database-service" \(10\.0\.0\.\d+\), port 5432 failed: fe_sendauth: no password supplied\n$/);
    const secret = await core.readNamespacedSecret({ name: "ecommerce-database-secret", namespace: ns });
    const password = Buffer.from(secret.data!.POSTGRES_PASSWORD!, "base64").toString();
    const withPassword = await backend.exec(["sh", "-c", `PGPASSWORD='${password}' psql -h ecommerce-database-service -U postgres -d ecommerce -tAc 'SELECT count(*) FROM products;'`]);
    expect(withPassword).toEqual({ stdout: "3\n", stderr: "", exitCode: 0 });
  });

  it("breaks /api/products like the real app: table dropped, database down, password changed", async () => {
    expect((await psql(["-c", "DROP TABLE products;"])).stdout).toBe("DROP TABLE\n");
    const dropped = await products();
    expect(dropped.status).toBe(500);
    expect(JSON.parse(dropped.body)).toEqual({ detail: 'Database error: relation "products" does not exist' });
    await psql([], course("schema.sql"));
    await psql([], course("seed.sql"));
    expect((await products()).status).toBe(200);

    await scaleDatabase(0);
    const down = await waitFor(async () => {
      const response = await products();
      return response.status === 500 ? response : undefined;
    }, { timeoutMs: 60_000, description: "the backend to lose its database" });
    expect(JSON.parse(down.body).detail).toMatch(/^Database error: connection to server at "ecommerce-database-service" \(10\.0\.0\.\d+\), port 5432 failed: Connection refused$/);
    const backend = inPod(kc, ns, (await readyPods(kc, ns, "component=backend"))[0]!.metadata!.name!, "ecommerce-backend");
    expect(await backend.exec(["pg_isready", "-h", "ecommerce-database-service"])).toMatchObject({ exitCode: 2, stdout: "ecommerce-database-service:5432 - no response\n" });
    await scaleDatabase(1);
    await waitFor(async () => (await products()).status === 200, { timeoutMs: 60_000, description: "the backend to reach the database again" });

    // PostgreSQL keeps the password initdb set; pods that start with a new one are refused
    await core.patchNamespacedSecret({ name: "ecommerce-database-secret", namespace: ns, body: { stringData: { POSTGRES_PASSWORD: "rotated-without-alter-role" } } }, mergePatch);
    await apps.patchNamespacedDeployment({ name: "ecommerce-backend-deployment", namespace: ns,
      body: { spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": new Date().toISOString() } } } } } }, mergePatch);
    const refused = await waitFor(async () => {
      const response = await products();
      return response.status === 500 && response.body.includes("password") ? response : undefined;
    }, { timeoutMs: 90_000, description: "restarted backend pods to be refused" });
    expect(JSON.parse(refused.body).detail).toContain('FATAL:  password authentication failed for user "postgres"');
  });
});
