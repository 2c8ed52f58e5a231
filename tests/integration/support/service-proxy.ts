/**
 * Reaching workloads through the API server's service proxy, for integration tests.
 *
 *   serviceProxyGet(kubeConfig, { namespace, service, port, path }): Promise<{ status: number; body: string }>
 *       GET /api/v1/namespaces/NS/services/SERVICE:PORT/proxy/PATH with the kubeconfig's credentials.
 *   serveOnPodIp(podIp, port, handler): Promise<() => Promise<void>>
 *       Starts a local HTTP fixture listening on a pod IP (only meaningful when
 *       podIpsReachable() is true: the local control plane makes the kwok pod CIDR a local address
 *       range). Returns a function that closes it.
 *   podIpsReachable(): boolean
 *       true when pod IPs of the test cluster are addresses of this host.
 */
import { createServer, type RequestListener } from "node:http";
import { HttpMethod, IsomorphicFetchHttpLibrary, type KubeConfig, RequestContext } from "@kubernetes/client-node";

export interface ServiceProxyRequest {
  namespace: string;
  service: string;
  port: number | string;
  path: string;
}

export function podIpsReachable(): boolean {
  return process.env.DAYBOOK_TEST_POD_IPS_REACHABLE === "1";
}

export async function serviceProxyGet(
  kubeConfig: KubeConfig,
  { namespace, service, port, path }: ServiceProxyRequest,
): Promise<{ status: number; body: string }> {
  const server = kubeConfig.getCurrentCluster()?.server;
  if (!server) throw new Error("kubeconfig has no current cluster");
  const relative = path.startsWith("/") ? path.slice(1) : path;
  const url = `${server}/api/v1/namespaces/${namespace}/services/${service}:${port}/proxy/${relative}`;
  const context = new RequestContext(url, HttpMethod.GET);
  await kubeConfig.applySecurityAuthentication(context);
  const response = await new IsomorphicFetchHttpLibrary().send(context).toPromise();
  return { status: response.httpStatusCode, body: await response.body.text() };
}

export async function serveOnPodIp(podIp: string, port: number, handler: RequestListener): Promise<() => Promise<void>> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, podIp, () => resolve());
  });
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
