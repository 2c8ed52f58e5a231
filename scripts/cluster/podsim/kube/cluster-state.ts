// Everything podsim reads from the cluster, kept current by watches (no polling).
import {
  CoreV1Api, DiscoveryV1Api, NetworkingV1Api, StorageV1Api, type KubeConfig, type KubernetesObject, type V1ConfigMap,
  type V1EndpointSlice, type V1Ingress, type V1IngressClass, type V1Namespace, type V1NetworkPolicy, type V1PersistentVolume,
  type V1PersistentVolumeClaim, type V1Pod, type V1Secret, type V1Service, type V1StorageClass,
} from "@kubernetes/client-node";
import { Store, type ChangeType } from "./store";

export interface ClusterChange {
  kind: string;
  type: ChangeType;
  namespace: string;
  name: string;
  object: KubernetesObject;
}

export class ClusterState {
  readonly pods: Store<V1Pod>;
  readonly services: Store<V1Service>;
  readonly endpointSlices: Store<V1EndpointSlice>;
  readonly configMaps: Store<V1ConfigMap>;
  readonly secrets: Store<V1Secret>;
  readonly namespaces: Store<V1Namespace>;
  readonly networkPolicies: Store<V1NetworkPolicy>;
  readonly claims: Store<V1PersistentVolumeClaim>;
  readonly volumes: Store<V1PersistentVolume>;
  readonly storageClasses: Store<V1StorageClass>;
  readonly ingresses: Store<V1Ingress>;
  readonly ingressClasses: Store<V1IngressClass>;
  private readonly changeListeners: ((change: ClusterChange) => void)[] = [];

  constructor(kubeConfig: KubeConfig) {
    const core = kubeConfig.makeApiClient(CoreV1Api);
    const discovery = kubeConfig.makeApiClient(DiscoveryV1Api);
    const networking = kubeConfig.makeApiClient(NetworkingV1Api);
    const storage = kubeConfig.makeApiClient(StorageV1Api);
    this.pods = new Store(kubeConfig, "Pod", "/api/v1/pods", () => core.listPodForAllNamespaces());
    this.services = new Store(kubeConfig, "Service", "/api/v1/services", () => core.listServiceForAllNamespaces());
    this.endpointSlices = new Store(kubeConfig, "EndpointSlice", "/apis/discovery.k8s.io/v1/endpointslices", () =>
      discovery.listEndpointSliceForAllNamespaces());
    this.configMaps = new Store(kubeConfig, "ConfigMap", "/api/v1/configmaps", () => core.listConfigMapForAllNamespaces());
    this.secrets = new Store(kubeConfig, "Secret", "/api/v1/secrets", () => core.listSecretForAllNamespaces());
    this.namespaces = new Store(kubeConfig, "Namespace", "/api/v1/namespaces", () => core.listNamespace());
    this.networkPolicies = new Store(kubeConfig, "NetworkPolicy", "/apis/networking.k8s.io/v1/networkpolicies", () =>
      networking.listNetworkPolicyForAllNamespaces());
    this.claims = new Store(kubeConfig, "PersistentVolumeClaim", "/api/v1/persistentvolumeclaims", () =>
      core.listPersistentVolumeClaimForAllNamespaces());
    this.volumes = new Store(kubeConfig, "PersistentVolume", "/api/v1/persistentvolumes", () => core.listPersistentVolume());
    this.storageClasses = new Store(kubeConfig, "StorageClass", "/apis/storage.k8s.io/v1/storageclasses", () => storage.listStorageClass());
    this.ingresses = new Store(kubeConfig, "Ingress", "/apis/networking.k8s.io/v1/ingresses", () => networking.listIngressForAllNamespaces());
    this.ingressClasses = new Store(kubeConfig, "IngressClass", "/apis/networking.k8s.io/v1/ingressclasses", () => networking.listIngressClass());
    for (const store of this.all()) {
      store.onChange((type, object) => {
        const change = {
          kind: store.kind, type, object,
          namespace: object.metadata?.namespace ?? "", name: object.metadata?.name ?? "",
        };
        for (const listener of this.changeListeners) listener(change);
      });
    }
  }

  async start(): Promise<void> {
    await Promise.all(this.all().map((store) => store.start()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.all().map((store) => store.stop()));
  }

  onChange(listener: (change: ClusterChange) => void): void {
    this.changeListeners.push(listener);
  }

  podByIp(ip: string): V1Pod | undefined {
    return this.pods.list().find((pod) => pod.status?.podIPs?.some((p) => p.ip === ip) || pod.status?.podIP === ip);
  }

  serviceByClusterIp(ip: string): V1Service | undefined {
    return this.services.list().find((svc) => svc.spec?.clusterIPs?.includes(ip) || svc.spec?.clusterIP === ip);
  }

  slicesOf(namespace: string, service: string): V1EndpointSlice[] {
    return this.endpointSlices.list(namespace).filter((s) => s.metadata?.labels?.["kubernetes.io/service-name"] === service);
  }

  namespaceLabels(name: string): Record<string, string> {
    return this.namespaces.get(undefined, name)?.metadata?.labels ?? { "kubernetes.io/metadata.name": name };
  }

  private all(): Store<KubernetesObject>[] {
    return [this.pods, this.services, this.endpointSlices, this.configMaps, this.secrets, this.namespaces,
      this.networkPolicies, this.claims, this.volumes, this.storageClasses, this.ingresses, this.ingressClasses] as unknown as Store<KubernetesObject>[];
  }
}
