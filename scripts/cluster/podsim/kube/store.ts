// A watched, cached collection of one resource kind (client-node informer), restarted on errors.
import { makeInformer, type KubeConfig, type KubernetesListObject, type KubernetesObject } from "@kubernetes/client-node";
import { errorText, log } from "../log";

export type ChangeType = "add" | "update" | "delete";
export type ChangeListener<T> = (type: ChangeType, object: T) => void;

export class Store<T extends KubernetesObject> {
  private readonly informer;
  private readonly listeners: ChangeListener<T>[] = [];
  private stopped = false;
  private retryDelayMs = 500;

  constructor(
    kubeConfig: KubeConfig,
    readonly kind: string,
    path: string,
    list: () => Promise<KubernetesListObject<T>>,
  ) {
    this.informer = makeInformer<T>(kubeConfig, path, list);
    this.informer.on("add", (object) => this.emit("add", object));
    this.informer.on("update", (object) => this.emit("update", object));
    this.informer.on("delete", (object) => this.emit("delete", object));
    this.informer.on("connect", () => {
      this.retryDelayMs = 500;
    });
    this.informer.on("error", (error) => {
      if (this.stopped) return;
      log("watch failed; restarting", { kind, error: errorText(error), inMs: this.retryDelayMs });
      setTimeout(() => void this.start().catch(() => undefined), this.retryDelayMs).unref();
      this.retryDelayMs = Math.min(this.retryDelayMs * 2, 10_000);
    });
  }

  /** Resolves once the first list is cached and the watch runs. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.informer.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.informer.stop();
  }

  onChange(listener: ChangeListener<T>): void {
    this.listeners.push(listener);
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.informer.get(name, namespace);
  }

  list(namespace?: string): readonly T[] {
    return this.informer.list(namespace);
  }

  private emit(type: ChangeType, object: T): void {
    for (const listener of this.listeners) {
      try {
        listener(type, object);
      } catch (error) {
        log("change handler failed", { kind: this.kind, error: errorText(error) });
      }
    }
  }
}
