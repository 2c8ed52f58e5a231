/**
 * A throwaway PKI made with the machine's openssl: a CA, a server certificate for made-up names, and
 * a client certificate. For tests of kubeconfig checks and of TLS with a pinned address.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface TestPki {
  dir: string;
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** A second client key that does not belong to clientCert. */
  otherKey: string;
}

const openssl = (dir: string, args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });

export function makeTestPki(serverNames: string[] = ["kube.daybook.test"]): TestPki {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "daybook-pki-"));
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  openssl(dir, ["req", "-x509", ...ec, "-keyout", "ca.key", "-out", "ca.crt", "-subj", "/CN=daybook-test-ca", "-days", "2",
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
  const san = serverNames.map((name) => (/^[\d.]+$|:/.test(name) ? `IP:${name}` : `DNS:${name}`)).join(",");
  openssl(dir, ["req", ...ec, "-keyout", "server.key", "-out", "server.csr", "-subj", `/CN=${serverNames[0]}`, "-addext", `subjectAltName=${san}`]);
  openssl(dir, ["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
    "-copy_extensions", "copy", "-out", "server.crt"]);
  openssl(dir, ["req", ...ec, "-keyout", "client.key", "-out", "client.csr", "-subj", "/O=daybook-students/CN=alice"]);
  openssl(dir, ["x509", "-req", "-in", "client.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-out", "client.crt"]);
  openssl(dir, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out", "other.key"]);
  const read = (file: string) => fs.readFileSync(path.join(dir, file), "utf8");
  return {
    dir,
    caCert: read("ca.crt"),
    serverCert: read("server.crt"),
    serverKey: read("server.key"),
    clientCert: read("client.crt"),
    clientKey: read("client.key"),
    otherKey: read("other.key"),
  };
}

export const base64 = (pem: string) => Buffer.from(pem).toString("base64");

export function removeTestPki(pki: TestPki | undefined): void {
  if (pki) fs.rmSync(pki.dir, { recursive: true, force: true });
}
