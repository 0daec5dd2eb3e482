/**
 * What a World shows the reporting hooks, typed: the people whose chats make up the scenario's
 * conversation. The suite's World offers one (`FamilyAlbumWorld.reporting`); a World without
 * it (a test's own, recording through `transcriptOf`) is reported from its transcript alone.
 */
import type { Actor } from '../actors/actor';

export interface ReportingView {
  /** Everyone the scenario mentioned, in the order they appeared. */
  readonly actors: readonly Actor[];
}

/** Any World, seen from the reporting hooks. */
export interface ReportableWorld {
  readonly reporting?: ReportingView;
  attach(data: Buffer | string, options: { mediaType: string; fileName?: string }): void;
}
