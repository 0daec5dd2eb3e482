/**
 * The transcript of the scenario a World runs, for code that wants to add to the conversation
 * directly (a step that does something the actors cannot show, such as pressing an inline
 * button the bot answers silently): `transcriptOf(this).pressed('Alice', 'Allow')`.
 *
 * Kept beside the World rather than on it, so the World stays the suite's own.
 */
import { Transcript } from './render/transcript';

const transcripts = new WeakMap<object, Transcript>();

export function transcriptOf(world: object): Transcript {
  let transcript = transcripts.get(world);
  if (!transcript) {
    transcript = new Transcript();
    transcripts.set(world, transcript);
  }
  return transcript;
}
