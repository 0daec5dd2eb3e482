/**
 * Cucumber's JavaScript snippet for an undefined line, with the closest lines of the vocabulary
 * above it ("did you mean", see did-you-mean.ts). Configured in cucumber.js as
 * `formatOptions.snippetSyntax`, so cucumber uses it wherever it makes a snippet: in the
 * terminal's list of problems, in the `suggestion` messages (hence cucumber.html and the
 * living documentation), with `--parallel` in each worker too.
 *
 * The phrases are those the step files recorded in this process (cucumber loads the support
 * code before it builds any snippet); with none, the snippet is cucumber's alone.
 */
import JavaScriptSnippetSyntax from '@cucumber/cucumber/lib/formatter/step_definition_snippet_builder/javascript_snippet_syntax';
import type { ISnippetSnytax, ISnippetSyntaxBuildOptions, SnippetInterface } from '@cucumber/cucumber/lib/formatter/step_definition_snippet_builder/snippet_syntax';
import { closestPhrases, expressionGenerator, formatSuggestions } from './did-you-mean';
import { recordedPhrases } from './phrase';

export default class DidYouMeanSnippetSyntax implements ISnippetSnytax {
  private readonly javascript: JavaScriptSnippetSyntax;
  private readonly generator = expressionGenerator();

  constructor(snippetInterface: SnippetInterface) {
    this.javascript = new JavaScriptSnippetSyntax(snippetInterface);
  }

  build(options: ISnippetSyntaxBuildOptions): string {
    const undefinedLine = options.generatedExpressions[0]?.source;
    const suggestions = undefinedLine === undefined ? [] : closestPhrases(undefinedLine, recordedPhrases(), this.generator);
    return `${formatSuggestions(suggestions)}${this.javascript.build(options)}`;
  }
}
