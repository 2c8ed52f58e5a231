// A container's log file in the CRI format kwok serves (`<RFC3339Nano> stdout F <line>`).
import { appendFileSync, existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";

export class ContainerLog {
  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
  }

  /** true when the file already holds lines (podsim restarted; the container did not) */
  get hasLines(): boolean {
    return existsSync(this.file) && statSync(this.file).size > 0;
  }

  stdout(...lines: string[]): void {
    this.write("stdout", lines);
  }

  stderr(...lines: string[]): void {
    this.write("stderr", lines);
  }

  private write(stream: "stdout" | "stderr", lines: string[]): void {
    if (lines.length === 0) return;
    const time = new Date().toISOString().replace("Z", "000000Z");
    const text = lines.flatMap((line) => line.split("\n")).map((line) => `${time} ${stream} F ${line}\n`).join("");
    appendFileSync(this.file, text);
  }
}
