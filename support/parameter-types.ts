/**
 * Registers the vocabulary's parameter types with cucumber (`{user}`, `{users}`, `{count}`,
 * `{a photo}`, `{buttons}`): what each matches and stands for is in
 * `support/vocabulary/parameter-types.ts`, which the "did you mean" snippets read too.
 */
import { defineParameterType } from '@cucumber/cucumber';
import { PARAMETER_TYPES } from './vocabulary/parameter-types';

for (const type of PARAMETER_TYPES) defineParameterType(type);
