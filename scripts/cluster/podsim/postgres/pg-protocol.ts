// Messages between podsim and its PGlite workers, and the backend messages a query returns.
export type WorkerRequest =
  | { id: number; op: "open"; dataDir: string; database: string; username: string }
  | { id: number; op: "query"; sql: string }
  | { id: number; op: "close" };

export type WorkerResponse =
  | { id: number; ok: true; messages?: WireMessage[] }
  | { id: number; ok: false; error: string };

/** A PostgreSQL backend message as plain data (pg-protocol's field names). */
export interface WireMessage {
  name: string;
  /** rowDescription: [{name, dataTypeID}]; dataRow: (string | null)[] */
  fields?: Array<{ name: string; dataTypeID: number } | string | null>;
  /** commandComplete */
  text?: string;
  /** error / notice */
  message?: string;
  severity?: string;
  code?: string;
  detail?: string;
  hint?: string;
  position?: string;
}

export interface ResultSet {
  columns: Array<{ name: string; typeId: number }>;
  rows: Array<Array<string | null>>;
  /** "SELECT 3", "CREATE TABLE", "INSERT 0 3" */
  tag: string;
}

export interface StatementOutcome {
  results: ResultSet[];
  notices: WireMessage[];
  error?: WireMessage;
}

/** Groups a simple-query response into result sets, notices and the error (if any). */
export function outcomeOf(messages: WireMessage[]): StatementOutcome {
  const outcome: StatementOutcome = { results: [], notices: [] };
  let current: ResultSet | undefined;
  for (const message of messages) {
    switch (message.name) {
      case "rowDescription":
        current = {
          columns: (message.fields ?? []).map((f) => {
            const field = f as { name: string; dataTypeID: number };
            return { name: field.name, typeId: field.dataTypeID };
          }),
          rows: [], tag: "",
        };
        break;
      case "dataRow":
        current?.rows.push((message.fields ?? []) as Array<string | null>);
        break;
      case "commandComplete":
        outcome.results.push({ ...(current ?? { columns: [], rows: [] }), tag: message.text ?? "" });
        current = undefined;
        break;
      case "emptyQuery":
        current = undefined;
        break;
      case "notice":
        outcome.notices.push(message);
        break;
      case "error":
        outcome.error = message;
        current = undefined;
        break;
    }
  }
  return outcome;
}

export const NUMERIC_TYPES = new Set([20, 21, 23, 26, 700, 701, 1700, 790]);
