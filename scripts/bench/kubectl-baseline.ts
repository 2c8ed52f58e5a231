/**
 * The guide's own read-only commands for a set of steps, as an operator re-checking by hand would type
 * them: `kubectl get/describe/logs/top/exec/rollout status`, each `port-forward` with the `curl`s that
 * follow it, and the course's read-only validation scripts (`./validation/run-tests.sh …`, which run
 * kubectl themselves). Anything that changes the cluster (apply, set image, drain, label, helm, load) is left out.
 */
import type { Step } from "@/lib/course/schema";

export type BaselineCommand = { step: string; argv: string[] } | { step: string; forward: string[]; paths: string[] } | { step: string; script: string; args: string[] };

const READ_ONLY = /^kubectl (get|describe|logs|top|cluster-info|api-resources|rollout status|exec)\b/;
// The course's validation scripts that only read (performance-test.sh loads the service: left out, as
// Re-verify all only judges a performance test's stored measurement).
const READ_ONLY_SCRIPT = /^\.\/validation\/(run-tests|health-check|smoke-tests)\.sh((?: --[a-z]+(?:=\S+)?)*)$/;
// exec is read-only here only for queries and health probes.
const READ_ONLY_EXEC = /-- (psql .*-c "SELECT|curl )/;

/** Shell-like words: double and single quotes group, nothing else is interpreted. */
function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

export function baselineCommands(steps: Step[], namespace: string, podOf: (selector: string) => string): BaselineCommand[] {
  const out: BaselineCommand[] = [];
  for (const step of steps) {
    const lines = step.substeps.flatMap((s) => s.commands).map((c) => c.trim());
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.replace(/ \| grep .*$/, "").replaceAll("-n ecommerce", `-n ${namespace}`).replace(/^kubectl describe namespace ecommerce$/, `kubectl describe namespace ${namespace}`);
      const forward = /^kubectl port-forward (.+) \d+:(\d+)$/.exec(line);
      if (forward) {
        const paths: string[] = [];
        for (let j = i + 1; j < lines.length && /curl http:\/\/localhost:/.test(lines[j]!); j++) paths.push(new URL(/http:\/\/\S+/.exec(lines[j]!)![0]).pathname);
        if (paths.length) out.push({ step: step.number, forward: ["port-forward", ...words(forward[1]!), `0:${forward[2]}`], paths });
        continue;
      }
      const script = READ_ONLY_SCRIPT.exec(line);
      if (script) {
        out.push({ step: step.number, script: `validation/${script[1]}.sh`, args: words(script[2]!).map((a) => a.replace(/^--namespace=ecommerce$/, `--namespace=${namespace}`)) });
        continue;
      }
      if (!READ_ONLY.test(line) || (line.startsWith("kubectl exec") && !READ_ONLY_EXEC.test(line))) continue;
      const argv = words(line.replace(/^kubectl /, "").replace(" -it ", " ")).map((w) => (w === "<pod-name>" ? podOf("app=ecommerce,component=backend") : w));
      out.push({ step: step.number, argv });
    }
  }
  return out;
}
