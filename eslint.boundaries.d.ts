import type { Linter } from 'eslint';

/** The folder import rules (eslint.boundaries.js), typed for the test that checks them. */
export declare const boundaryRules: Linter.Config[];
