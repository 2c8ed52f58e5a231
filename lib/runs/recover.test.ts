import { afterAll, describe, expect, it } from "vitest";
import { findStep, loadCourse } from "@/lib/course/load";
import { getBoss, RUN_QUEUE, stopBoss } from "@/lib/queue/boss";
import { runPolicy } from "@/lib/queue/policy";
import { TEST_BACKENDS } from "@/tests/support/databases";
import { useSeededDatabase } from "@/tests/support/test-prisma";
import { pidNamespace, recoverAbandonedRuns } from "./recover";
import { openRun, takeRun } from "./store";

const STALE_MS = 10_000;
const step = (id: string) => findStep(loadCourse(), id)!;

// Several processes share one database: start-up and every worker recover only dead workers' runs.
describe.each(TEST_BACKENDS)("recovering abandoned runs on $name", (backend) => {
  const demo = useSeededDatabase(backend);
  afterAll(() => stopBoss());

  async function workerRow(id: string, opts: { staleFor?: number; hostname?: string; pid?: number } = {}) {
    await demo.client.worker.create({ data: { id, hostname: opts.hostname ?? "elsewhere", pidNamespace: opts.hostname ? pidNamespace() : null, pid: opts.pid ?? 1, concurrency: 1, heartbeatAt: new Date(Date.now() - (opts.staleFor ?? 0)) } });
  }

  /** A run a worker took from the queue (its job active), as a worker would leave it when it dies. */
  async function heldRun(stepId: string, kind: "VERIFY" | "OPERATION", workerId: string) {
    const s = step(stepId);
    const opened = await openRun({ teamId: demo.atlas, stepId, kind, startedById: null, results: kind === "VERIFY" ? { type: "verify", checks: [] } : { type: "operation", operation: "x", log: [] }, job: {}, policy: runPolicy({ kind, step: s }) });
    const boss = await getBoss();
    const [job] = await boss.fetch(RUN_QUEUE);
    expect(job?.data).toEqual({ runId: opened.id });
    await takeRun(opened.id, workerId, kind === "VERIFY" ? { type: "verify", checks: [] } : { type: "operation", operation: "x", log: ["$ kubectl drain …"] });
    await demo.client.run.update({ where: { id: opened.id }, data: { results: kind === "VERIFY" ? { type: "verify", checks: [{ checkId: "seen-before-the-crash" }] } : { type: "operation", operation: "x", log: ["$ kubectl drain …"] } } });
    return opened.id;
  }
  const jobState = async (runId: string) => {
    const run = await demo.client.run.findUniqueOrThrow({ where: { id: runId } });
    return (await (await getBoss()).getJobById(RUN_QUEUE, run.jobId!, { includeArchive: true }))?.state;
  };

  it("leaves a live worker's runs and queued runs alone, queues a dead worker's verification again and interrupts its command", async () => {
    await workerRow("live");
    await workerRow("dead", { staleFor: STALE_MS * 2 });
    const live = await heldRun("d01-s1", "VERIFY", "live");
    const verify = await heldRun("d01-s2", "VERIFY", "dead");
    const command = await heldRun("d07-s2", "OPERATION", "dead");
    const queued = await openRun({ teamId: demo.atlas, stepId: "d02-s1", kind: "VERIFY", startedById: null, results: { type: "verify", checks: [] }, job: {}, policy: runPolicy({ kind: "VERIFY" }) });

    expect(await recoverAbandonedRuns(STALE_MS)).toEqual({ retried: 1, interrupted: 1 });

    expect(await demo.client.run.findUniqueOrThrow({ where: { id: live } })).toMatchObject({ status: "RUNNING", workerId: "live" });
    expect(await jobState(live)).toBe("active");
    expect(await demo.client.run.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "RUNNING", workerId: null, attempt: 0 });

    const retried = await demo.client.run.findUniqueOrThrow({ where: { id: verify } });
    expect(retried).toMatchObject({ status: "RUNNING", workerId: null, attempt: 1 });
    expect(retried.attempts).toMatchObject([{ attempt: 1, workerId: "dead", results: { checks: [{ checkId: "seen-before-the-crash" }] } }]);
    expect(await jobState(verify)).toBe("retry");
    expect(await demo.client.auditEvent.findFirst({ where: { subject: verify }, orderBy: { seq: "desc" } })).toMatchObject({ type: "run.requeued" });

    const interrupted = await demo.client.run.findUniqueOrThrow({ where: { id: command } });
    expect(interrupted).toMatchObject({ status: "INTERRUPTED", activeKey: null, results: { log: ["$ kubectl drain …"] } });
    expect(interrupted.summary).toMatch(/^Interrupted: the worker running it \(dead\) stopped; it is not started again by itself/);
    expect(await jobState(command)).toBe("failed");

    // The dead worker is forgotten once it holds nothing; a second pass (another process) changes nothing.
    expect(await demo.client.worker.findUnique({ where: { id: "dead" } })).toBeNull();
    expect(await recoverAbandonedRuns(STALE_MS)).toEqual({ retried: 0, interrupted: 0 });
    const waiting = await demo.client.run.findMany({ where: { id: { in: [queued.id, verify] } }, select: { jobId: true } });
    await (await getBoss()).cancel(RUN_QUEUE, waiting.map((r) => r.jobId!));
    await demo.client.run.updateMany({ where: { id: { in: [queued.id, verify] } }, data: { status: "CANCELLED", activeKey: null } });
  });

  it("interrupts a dead worker's performance test with what it measured, never queues it again, and audits each change", async () => {
    await workerRow("dead-loader", { staleFor: STALE_MS * 2 });
    const s = step("d10-s2");
    const fresh = { type: "load" as const, checks: [], load: { phase: "starting" as const, timeScale: 1, plannedMs: 300_000, elapsedMs: 0, targets: [] } };
    const opened = await openRun({ teamId: demo.atlas, stepId: s.id, kind: "LOAD", startedById: null, results: fresh, job: {}, policy: runPolicy({ kind: "LOAD", step: s }) });
    const [job] = await (await getBoss()).fetch(RUN_QUEUE);
    expect(job?.data).toEqual({ runId: opened.id });
    await takeRun(opened.id, "dead-loader", fresh);
    const measured = { ...fresh.load, phase: "running", elapsedMs: 12_000, targets: [{ totals: { requests: 3400 } }] };
    await demo.client.run.update({ where: { id: opened.id }, data: { results: { ...fresh, load: measured }, summary: "12 s of 300 s, 3400 requests" } });

    expect(await recoverAbandonedRuns(STALE_MS)).toEqual({ retried: 0, interrupted: 1 });
    const interrupted = await demo.client.run.findUniqueOrThrow({ where: { id: opened.id } });
    expect(interrupted).toMatchObject({ status: "INTERRUPTED", activeKey: null, attempt: 1, results: { load: { elapsedMs: 12_000, targets: [{ totals: { requests: 3400 } }] } } });
    expect(interrupted.summary).toBe("Interrupted: the worker running it (dead-loader) stopped after 12 s of 300 s, 3400 requests; it is not started again by itself.");
    expect(await jobState(opened.id)).toBe("failed");
    const events = await demo.client.auditEvent.findMany({ where: { subject: opened.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["run.opened", "run.interrupted"]);
    expect(JSON.parse(events[1]!.data)).toMatchObject({ kind: "LOAD", status: "INTERRUPTED", attempt: 1, workerId: "dead-loader" });
  });

  it("takes a worker on this machine whose process is gone for dead at once, and interrupts runs from before the queue", async () => {
    await workerRow("gone", { hostname: (await import("node:os")).hostname(), pid: 2 ** 22 + 7 });
    const verify = await heldRun("d03-s1", "VERIFY", "gone");
    const legacy = await demo.client.run.create({ data: { teamId: demo.atlas, stepId: "d03-s2", kind: "VERIFY", activeKey: `${demo.atlas}:d03-s2` } });
    expect(await recoverAbandonedRuns(STALE_MS)).toEqual({ retried: 1, interrupted: 1 });
    expect(await demo.client.run.findUniqueOrThrow({ where: { id: verify } })).toMatchObject({ workerId: null, status: "RUNNING" });
    const old = await demo.client.run.findUniqueOrThrow({ where: { id: legacy.id } });
    expect(old.status).toBe("INTERRUPTED");
    expect(old.summary).toMatch(/the server restarted while this run was in progress/);
  });
});
