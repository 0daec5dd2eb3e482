/**
 * A step's phrase with what it means and how people write it. Step files wrap the Cucumber
 * Expression they give to `Given`/`When`/`Then` in `phrase(…)`, which returns it unchanged:
 *
 *     When(phrase('{user} (has )asked/asks for {a photo}( again)', {
 *       means: 'Presses "📷 Photo".',
 *       examples: ['Bob asks for a photo', 'user B asks for it', 'Alice asks for a photo again'],
 *     }), async function (…) { … });
 *
 * so cucumber still records the step file and line as the definition's location, and the
 * description sits beside the expression it describes. The examples are the vocabulary's own
 * sentences: the vocabulary check (`catalogue.ts`) runs each through cucumber's matcher, the
 * published table (`docs/vocabulary.md`) shows them, and "did you mean" measures an undefined
 * line against them.
 *
 * Phrases are kept per process, by expression: cucumber loads the step files once per process
 * (the coordinator and each worker), and each reads its own copy.
 */

export interface Meaning {
  /** One line, in product words: what the person does or what is checked. */
  readonly means: string;
  /** Sentences as a product owner writes them (no Given/When/Then), each matching this step only. */
  readonly examples: readonly string[];
}

export interface Phrase extends Meaning {
  /** The Cucumber Expression, as given to Given/When/Then. */
  readonly expression: string;
}

const phrases = new Map<string, Phrase>();

/** Records what `expression` means and returns it, for `Given`/`When`/`Then`. */
export function phrase(expression: string, meaning: Meaning): string {
  const means = meaning.means.trim();
  if (!means || means.includes('\n')) throw new Error(`The step "${expression}" needs a one-line description (means: …).`);
  if (meaning.examples.length === 0) throw new Error(`The step "${expression}" needs at least one example sentence.`);
  phrases.set(expression, { expression, means, examples: meaning.examples });
  return expression;
}

/** Every phrase the step files loaded in this process recorded, in definition order. */
export function recordedPhrases(): Phrase[] {
  return [...phrases.values()];
}

/** The phrase recorded for `expression`, if its step was written with `phrase(…)`. */
export function phraseOf(expression: string): Phrase | undefined {
  return phrases.get(expression);
}
