import { failure, ok, type K8sFailure, type K8sResult } from "@/lib/k8s/result";
import type { KubeObject } from "@/lib/k8s/types";
import type { ListWatchHandlers, WatchChange } from "@/lib/k8s/watch";

const keyOf = (o: KubeObject) => `${o.metadata?.namespace ?? ""}/${o.metadata?.name ?? ""}`;

// Checks never read who last wrote a field; the cache need not hold it.
const trimmed = (o: KubeObject): KubeObject => (o.metadata?.managedFields ? { ...o, metadata: { ...o.metadata, managedFields: undefined } } : o);

/** What one watch has seen of its kind: filled by a list, kept current by the watch's events. */
export class WatchCache {
  private readonly objects = new Map<string, KubeObject>();
  private synced = false;
  private failed: K8sFailure | undefined;
  private settle!: () => void;
  /** Resolves at the first list, or the first failure before any list. */
  readonly ready = new Promise<void>((resolve) => (this.settle = resolve));

  constructor(private readonly onChange: (cause: "list" | "change" | "failure") => void) {}

  readonly handlers: ListWatchHandlers = {
    onList: (items) => {
      this.objects.clear();
      for (const o of items) this.objects.set(keyOf(o), trimmed(o));
      this.synced = true;
      this.failed = undefined;
      this.settle();
      this.onChange("list");
    },
    onChange: (change: WatchChange) => {
      if (change.type === "DELETED") this.objects.delete(keyOf(change.object));
      else this.objects.set(keyOf(change.object), trimmed(change.object));
      this.failed = undefined;
      this.onChange("change");
    },
    onFailure: (f) => {
      this.failed = f;
      this.settle();
      this.onChange("failure");
    },
  };

  /** The failure that keeps this watch from following its kind, while it lasts. */
  get problem(): K8sFailure | undefined {
    return this.failed;
  }

  /** Every object, or why there are none to give: a failure before the first list is what a list would have answered. */
  read(): K8sResult<KubeObject[]> {
    if (this.synced) return ok([...this.objects.values()]);
    return this.failed ?? failure("timeout", "The watch has not listed its objects yet.");
  }
}
