// The contract cases: two per operation of the names table (the coverage test checks this list).
import { type OperationRecord, readOperations } from '../../scripts/generate/operations.mjs';

export type ContractMode = 'required' | 'full';

export interface ContractCase {
  title: string;
  operation: OperationRecord;
  mode: ContractMode;
}

export const contractOperations: OperationRecord[] = readOperations(
  new URL('../../openapi/openapi.yaml', import.meta.url).pathname,
  new URL('../../openapi/methods.yaml', import.meta.url).pathname,
);

export function contractCases(operations: OperationRecord[] = contractOperations): ContractCase[] {
  return operations.flatMap((operation) => [
    { title: `${operation.name}: only required params`, operation, mode: 'required' as const },
    { title: `${operation.name}: required and optional params`, operation, mode: 'full' as const },
  ]);
}
