// Who builds, issues and records a debate's compilation of written statements: the Secretariat, which reviews the
// statements it encloses (the same rule as statements.review, under a name of its own, so "who may build" is found here).
import { definePolicy } from '../../kernel/authz.js';
import { isSecretariat } from '../../kernel/authz-predicates.js';

/** Build the compilation, issue it (and its corrigenda) under a symbol, record its finals: the Secretariat. */
export const COMPILATION_MANAGE = definePolicy('compilation.manage', isSecretariat);
