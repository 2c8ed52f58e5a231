/** API objects as the server sends them (plain JSON). Only what Daybook reads is typed. */
export type ObjectMeta = {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
  managedFields?: unknown[];
};

export type KubeObject = { apiVersion?: string; kind?: string; metadata?: ObjectMeta; [key: string]: unknown };
export type KubeList<T> = { items: T[]; metadata?: { continue?: string; resourceVersion?: string } };

export type Condition = { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string };

export type Container = {
  name: string;
  image?: string;
  ports?: { containerPort: number; name?: string; protocol?: string }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  startupProbe?: unknown;
};

export type PodSpec = {
  containers: Container[];
  initContainers?: Container[];
  nodeName?: string;
  volumes?: { name: string; emptyDir?: unknown; persistentVolumeClaim?: { claimName: string } }[];
};

export type ContainerStatus = {
  name: string;
  ready: boolean;
  restartCount: number;
  image?: string;
  state?: { running?: unknown; waiting?: { reason?: string; message?: string }; terminated?: { exitCode: number; reason?: string } };
  lastState?: { terminated?: { exitCode: number; reason?: string } };
};

export type Pod = KubeObject & {
  spec?: PodSpec;
  status?: {
    phase?: string;
    podIP?: string;
    conditions?: Condition[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
};

export type LabelSelector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
};

export type Deployment = KubeObject & {
  spec?: {
    replicas?: number;
    paused?: boolean;
    selector: LabelSelector;
    template: { metadata?: ObjectMeta; spec?: PodSpec };
  };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    conditions?: Condition[];
  };
};

export type ReplicaSet = KubeObject & {
  spec?: { replicas?: number; selector?: LabelSelector; template?: { metadata?: ObjectMeta; spec?: PodSpec } };
  status?: { replicas?: number; readyReplicas?: number; availableReplicas?: number };
};

export type Service = KubeObject & {
  spec?: {
    type?: string;
    selector?: Record<string, string>;
    ports?: { name?: string; port: number; targetPort?: number | string; protocol?: string; nodePort?: number }[];
    clusterIP?: string;
  };
};

export type Node = KubeObject & {
  spec?: { unschedulable?: boolean; taints?: { key: string; effect: string }[] };
  status?: {
    conditions?: Condition[];
    nodeInfo?: { kubeletVersion?: string; osImage?: string; kernelVersion?: string; containerRuntimeVersion?: string };
    addresses?: { type: string; address: string }[];
    allocatable?: Record<string, string>;
    capacity?: Record<string, string>;
  };
};
