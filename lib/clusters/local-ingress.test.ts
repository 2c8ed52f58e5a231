import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { localIngressAllowEntry } from "./allow-list";

let dir = "";
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function runDir(env: string, mode = 0o644) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-run-"));
  fs.writeFileSync(path.join(dir, "env"), env, { mode });
  fs.chmodSync(path.join(dir, "env"), mode);
  return path.join(dir, "kubeconfig");
}

describe("the local control plane's ingress", () => {
  it("is allowed on the loopback address and port its run directory names", () => {
    expect(localIngressAllowEntry(runDir("KUBECONFIG=/x\nDAYBOOK_INGRESS_URL=http://127.0.0.1:18080\n"))).toBe("127.0.0.1:18080");
  });
  it("is not allowed when the file is writable by others, names no ingress, or points off loopback", () => {
    expect(localIngressAllowEntry(runDir("DAYBOOK_INGRESS_URL=http://127.0.0.1:18080\n", 0o666))).toBeUndefined();
    expect(localIngressAllowEntry(runDir("KUBECONFIG=/x\n"))).toBeUndefined();
    expect(localIngressAllowEntry(runDir("DAYBOOK_INGRESS_URL=http://10.0.0.5:80\n"))).toBeUndefined();
    expect(localIngressAllowEntry(path.join(os.tmpdir(), "no-such-run", "kubeconfig"))).toBeUndefined();
  });
});
