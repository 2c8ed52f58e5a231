// The fake tools installed in every simulated container (PATH starts with $RUN/podsim/bin).
import { curl } from "./curl";
import { pgIsReady } from "./pg-isready";
import { psql } from "./psql";
import type { Tool } from "./types";
import { wget } from "./wget";

export const TOOLS: Record<string, Tool> = { curl, wget, psql, pg_isready: pgIsReady };
