import type { ActionContext } from './context.ts';
export interface LogBacklogProbe { accepting(): boolean }
declare module './context.ts' {
  interface ActionContext { logBacklogProbe?: LogBacklogProbe }
}
export function probe(ctx: ActionContext): boolean { return ctx.logBacklogProbe?.accepting() ?? true; }
