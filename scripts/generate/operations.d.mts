// Types of operations.mjs, for the tests that read the method table.
export interface PathArg {
  kind: 'model' | 'hash' | 'plain';
  name: string;
}
export interface OperationRecord {
  route: string;
  method: string;
  path: string;
  operationId: string;
  name: string;
  resource: string;
  methodName: string;
  handWritten?: string;
  summary: string;
  description: string;
  deprecated: boolean;
  secured: boolean;
  pathArgs: PathArg[];
  positional: string[];
  query?: { required: boolean };
  body?: { required: boolean; json: boolean; multipart: boolean; files: string[] };
  answer: 'json' | 'binary' | 'empty';
  paging?:
    | { type: 'offsetLimit'; offset: string; limit: string; results: string }
    | { type: 'cursor'; cursor: string; nextCursor: string; results: string };
  stream: boolean;
}
export function readTable(
  tablePath: string,
): Map<string, { name: string; handWritten?: string; positional?: string[] }>;
export function tableMismatches(spec: unknown, rows: Map<string, unknown>): { missing: string[]; unknown: string[] };
export function readOperations(specPath: string, tablePath: string): OperationRecord[];
