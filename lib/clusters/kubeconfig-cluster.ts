/** The cluster half of a kubeconfig context: an https server, an inline CA, no proxy, TLS verified. */
import { decodePemData, parseCertificates } from "./kubeconfig-credentials";
import { failure, FLATTEN_HINT, yaml11Boolean, type RawEntry, type Step } from "./kubeconfig-document";

export interface MinimalCluster {
  server: string;
  "certificate-authority-data"?: string;
  "tls-server-name"?: string;
  "insecure-skip-tls-verify"?: true;
}

export interface ClusterOptions {
  allowInsecure?: boolean;
}

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)*$/;

function checkServer(value: unknown, field: string): Step<URL> {
  if (typeof value !== "string" || value.trim() === "") return failure(field, "The cluster has no server address.");
  const notUrl = failure(field, `The server "${value}" is not a URL such as https://203.0.113.10:6443.`);
  // without "//", "host:6443" would read as a URL whose scheme is "host"
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim())) return notUrl;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return notUrl;
  }
  if (url.protocol !== "https:") {
    return failure(field, `The server uses ${url.protocol.replace(":", "")}://; Daybook only connects over https:// so that credentials never travel in clear.`);
  }
  if (url.username || url.password) return failure(field, "The server address contains a user name or password; put credentials in the user entry.");
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) {
    return failure(field, `The server address must be only https://host:port, without a path or query (got "${url.pathname}${url.search}").`);
  }
  return { ok: true, value: url };
}

export function checkCluster(
  name: string,
  cluster: RawEntry,
  options: ClusterOptions,
): Step<{ server: URL; cluster: MinimalCluster; dropped: string[] }> {
  const at = `clusters[${name}].cluster`;
  const server = checkServer(cluster.server, `${at}.server`);
  if (!server.ok) return server;
  if (cluster["proxy-url"] !== undefined) {
    return failure(`${at}.proxy-url`, "The cluster is reached through a proxy (proxy-url); Daybook connects to the API server directly.");
  }
  if (cluster["certificate-authority"] !== undefined) {
    return failure(`${at}.certificate-authority`, `The cluster's CA certificate is a file path, which Daybook cannot read. Export the kubeconfig with the file contents embedded: \`${FLATTEN_HINT}\`.`);
  }
  const insecure = cluster["insecure-skip-tls-verify"];
  const insecureFlag = insecure === undefined || insecure === null ? false : yaml11Boolean(insecure);
  if (insecureFlag === undefined) return failure(`${at}.insecure-skip-tls-verify`, "insecure-skip-tls-verify must be true or false.");
  if (insecureFlag && !options.allowInsecure) {
    return failure(`${at}.insecure-skip-tls-verify`, "The cluster turns off TLS verification (insecure-skip-tls-verify: true), so anyone in between could read the credentials. Add the cluster's CA as certificate-authority-data instead; an administrator can allow insecure clusters.");
  }
  const tlsServerName = cluster["tls-server-name"];
  if (tlsServerName !== undefined && (typeof tlsServerName !== "string" || !HOST_NAME.test(tlsServerName))) {
    return failure(`${at}.tls-server-name`, "tls-server-name must be a host name.");
  }
  const kept: MinimalCluster = { server: server.value.origin };
  const dropped: string[] = [];
  if (insecureFlag) {
    kept["insecure-skip-tls-verify"] = true;
    if (cluster["certificate-authority-data"] !== undefined) dropped.push(`${at}.certificate-authority-data`);
  }
  // Like client-go: a CA together with insecure-skip-tls-verify is contradictory, and insecure wins.
  else if (cluster["certificate-authority-data"] !== undefined) {
    const ca = decodePemData(cluster["certificate-authority-data"], "certificate-authority-data");
    if (!ca.ok) return failure(`${at}.certificate-authority-data`, `The cluster's ${ca.message}.`);
    const certificates = parseCertificates(ca.value.pem, "certificate-authority-data");
    if (!certificates.ok) return failure(`${at}.certificate-authority-data`, `The cluster's ${certificates.message}.`);
    kept["certificate-authority-data"] = ca.value.base64;
  }
  if (typeof tlsServerName === "string") kept["tls-server-name"] = tlsServerName;
  return { ok: true, value: { server: server.value, cluster: kept, dropped } };
}
