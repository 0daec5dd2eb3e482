/**
 * The in-memory names of TL objects: the ones the `telegram` package's `Api` classes use, so
 * that handlers keep building and reading `Api.X` objects whatever layer a client speaks.
 * A TL name `messages.sendMessage` is the class `messages.SendMessage`; a field `reply_to_msg_id`
 * is `replyToMsgId` (the package's own rules, applied to every layer's schema).
 */
import { Api } from 'telegram';

/** `p_q_inner_data` → `PQInnerData`; `messages.sendMessage` → `messages.SendMessage`. */
export function classNameOf(tlName: string): string {
  const dot = tlName.lastIndexOf('.');
  const namespace = dot === -1 ? '' : `${tlName.slice(0, dot)}.`;
  const name = tlName.slice(dot + 1).replace(/(?:^|_)([a-z])/g, (_, letter: string) => letter.toUpperCase()).replace(/_/g, '');
  return namespace + name;
}

/** `reply_to_msg_id` → `replyToMsgId`; `g_a` → `gA`. */
export function fieldKeyOf(tlName: string): string {
  return tlName.replace(/[-_]([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** A class of the `telegram` package (its constructor and prototype), by class name. */
export type ApiClass = { new (args?: object): object; readonly prototype: object; readonly CONSTRUCTOR_ID: number; readonly SUBCLASS_OF_ID: number };

let classes: Map<string, ApiClass> | undefined;

/** Every `Api` class by its class name (`User`, `messages.SendMessage`). */
export function apiClasses(): ReadonlyMap<string, ApiClass> {
  if (classes) return classes;
  classes = new Map();
  const visit = (namespace: Record<string, unknown>) => {
    for (const value of Object.values(namespace)) {
      if (typeof value === 'function' && typeof (value as { className?: unknown }).className === 'string') {
        classes!.set((value as unknown as { className: string }).className, value as unknown as ApiClass);
      } else if (value && typeof value === 'object') visit(value as Record<string, unknown>);
    }
  };
  visit(Api as unknown as Record<string, unknown>);
  return classes;
}
