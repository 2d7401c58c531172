import type { OperationRecord } from './operations.mjs';
export function className(resource: string): string;
export function renderResources(operations: OperationRecord[]): string;
export function renderOperations(operations: OperationRecord[]): string;
export function renderStandalone(operations: OperationRecord[]): string;
export function renderMethodTable(operations: OperationRecord[]): string;
export function emitMethods(options: { spec: string; table: string; generatedOut: string }): OperationRecord[];
