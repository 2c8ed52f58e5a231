import "server-only";
import https from "node:https";
import tls from "node:tls";
import { KubeConfig, type RequestContext } from "@kubernetes/client-node";
import { PinnedHttpsAgent, type PinnedAddress } from "@/lib/clusters/pinned-lookup";

/** Inline credentials of one cluster context; Daybook never reads files or runs plugins for a team. */
export type ClusterCredentials = {
  server: string;
  certificateAuthorityData?: string;
  tlsServerName?: string;
  insecureSkipTlsVerify?: boolean;
  clientCertificateData?: string;
  clientKeyData?: string;
  token?: string;
};

export type ClusterTarget = {
  credentials: ClusterCredentials;
  /** The address the SSRF policy approved: every connection goes there, whatever DNS says later. */
  pinned?: PinnedAddress;
  /** Per-request deadline for REST calls. */
  timeoutMs?: number;
};

const DEFAULT_TIMEOUT_MS = 10_000;

// client-node creates a fresh agent for every request; one keep-alive agent per cluster saves a TLS
// handshake per call, and is where the pinned lookup goes for both REST and WebSocket traffic.
// Exec and port-forward each open a WebSocket of their own: they share one agent too, so a connection
// resumes the TLS session of an earlier one, and one parsed set of certificates (a re-verify opens 20).
class DaybookKubeConfig extends KubeConfig {
  private restAgent: https.Agent | undefined;
  private socketAgent: https.Agent | undefined;
  private secureContext: tls.SecureContext | undefined;

  constructor(private readonly target: ClusterTarget) {
    super();
  }

  private agentOptions(): https.AgentOptions {
    const c = this.target.credentials;
    const pem = (b64?: string) => (b64 ? Buffer.from(b64, "base64") : undefined);
    const credentials = { ca: pem(c.certificateAuthorityData), cert: pem(c.clientCertificateData), key: pem(c.clientKeyData) };
    this.secureContext ??= tls.createSecureContext(credentials);
    return { ...credentials, secureContext: this.secureContext, servername: c.tlsServerName, rejectUnauthorized: !c.insecureSkipTlsVerify };
  }

  private agent(options: https.AgentOptions): https.Agent {
    const all = { ...this.agentOptions(), ...options };
    return this.target.pinned ? new PinnedHttpsAgent(this.target.pinned, all) : new https.Agent(all);
  }

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    this.restAgent ??= this.agent({ keepAlive: true, maxSockets: 16 });
    context.setAgent(this.restAgent);
    if (!context.getSignal()) context.setSignal(AbortSignal.timeout(this.target.timeoutMs ?? DEFAULT_TIMEOUT_MS));
  }

  override async applyToHTTPSOptions(opts: Parameters<KubeConfig["applyToHTTPSOptions"]>[0]): Promise<void> {
    await super.applyToHTTPSOptions(opts);
    this.socketAgent ??= this.agent({});
    (opts as { agent?: https.Agent }).agent = this.socketAgent;
  }

  close(): void {
    this.restAgent?.destroy();
  }
}

/** The only place Daybook builds a KubeConfig. */
export function buildKubeConfig(target: ClusterTarget): KubeConfig & { close(): void } {
  const c = target.credentials;
  const kc = new DaybookKubeConfig(target);
  kc.loadFromOptions({
    clusters: [{ name: "team", server: c.server, caData: c.certificateAuthorityData, tlsServerName: c.tlsServerName, skipTLSVerify: c.insecureSkipTlsVerify ?? false }],
    users: [{ name: "team", token: c.token, certData: c.clientCertificateData, keyData: c.clientKeyData }],
    contexts: [{ name: "team", cluster: "team", user: "team" }],
    currentContext: "team",
  });
  return kc;
}
